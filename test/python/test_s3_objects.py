"""S3 objects and listing through boto3 at default settings (flexible checksums on, Expect: 100-continue)."""
import hashlib

import pytest
from botocore.exceptions import ClientError


@pytest.fixture
def s3(client_factory):
    return client_factory("s3")


@pytest.fixture
def bucket(s3, unique):
    name = unique("py-obj")
    s3.create_bucket(Bucket=name)
    return name


def test_put_and_get_round_trip_with_md5_etag_and_crc32(s3, bucket):
    put = s3.put_object(Bucket=bucket, Key="hello.txt", Body=b"hello world")
    assert put["ETag"] == '"5eb63bbbe01eeed093cb22bb8f5acdc3"'
    assert put["ChecksumCRC32"] == "DUoRhQ=="
    got = s3.get_object(Bucket=bucket, Key="hello.txt")
    assert got["Body"].read() == b"hello world"
    assert got["ContentLength"] == 11
    assert got["AcceptRanges"] == "bytes"
    # boto3 asks for checksum mode on every GET and validates the CRC32 it gets back.
    assert got["ChecksumCRC32"] == "DUoRhQ=="


def test_put_object_from_a_file_object_streams(s3, bucket, tmp_path):
    path = tmp_path / "data.bin"
    data = bytes(range(256)) * 4096
    path.write_bytes(data)
    with path.open("rb") as f:
        s3.put_object(Bucket=bucket, Key="file.bin", Body=f)
    got = s3.get_object(Bucket=bucket, Key="file.bin")
    assert got["Body"].read() == data
    assert got["ETag"] == f'"{hashlib.md5(data).hexdigest()}"'


def test_metadata_is_lower_cased_and_headers_kept(s3, bucket):
    s3.put_object(
        Bucket=bucket,
        Key="m",
        Body=b"x",
        Metadata={"Mixed-Case": "Value"},
        ContentType="text/plain",
        ContentDisposition="inline",
        CacheControl="no-store",
    )
    head = s3.head_object(Bucket=bucket, Key="m")
    assert head["Metadata"] == {"mixed-case": "Value"}
    assert head["ContentType"] == "text/plain"
    assert head["ContentDisposition"] == "inline"
    assert head["CacheControl"] == "no-store"


def test_ranged_get_returns_206_without_whole_object_checksum(s3, bucket):
    s3.put_object(Bucket=bucket, Key="digits", Body=b"0123456789")
    got = s3.get_object(Bucket=bucket, Key="digits", Range="bytes=-3")
    assert got["ResponseMetadata"]["HTTPStatusCode"] == 206
    assert got["ContentRange"] == "bytes 7-9/10"
    assert got["Body"].read() == b"789"
    assert "ChecksumCRC32" not in got


def test_unsatisfiable_range_is_invalid_range(s3, bucket):
    s3.put_object(Bucket=bucket, Key="digits", Body=b"0123456789")
    with pytest.raises(ClientError) as err:
        s3.get_object(Bucket=bucket, Key="digits", Range="bytes=10-20")
    assert err.value.response["Error"]["Code"] == "InvalidRange"
    assert err.value.response["Error"]["ActualObjectSize"] == "10"
    assert err.value.response["Error"]["RangeRequested"] == "bytes=10-20"


def test_missing_key_is_no_such_key_and_head_is_bare_404(s3, bucket):
    with pytest.raises(ClientError) as err:
        s3.get_object(Bucket=bucket, Key="nope")
    assert err.value.response["Error"]["Code"] == "NoSuchKey"
    assert err.value.response["Error"]["Key"] == "nope"
    assert err.value.response["Error"]["Message"] == "The specified key does not exist."
    with pytest.raises(ClientError) as head:
        s3.head_object(Bucket=bucket, Key="nope")
    assert head.value.response["Error"]["Code"] == "404"


def test_precondition_failed_names_the_condition_and_304_has_no_body(s3, bucket):
    etag = s3.put_object(Bucket=bucket, Key="c", Body=b"x")["ETag"]
    with pytest.raises(ClientError) as err:
        s3.get_object(Bucket=bucket, Key="c", IfMatch='"other"')
    assert err.value.response["Error"]["Code"] == "PreconditionFailed"
    assert err.value.response["Error"]["Condition"] == "If-Match"
    with pytest.raises(ClientError) as nm:
        s3.get_object(Bucket=bucket, Key="c", IfNoneMatch=etag)
    assert nm.value.response["Error"]["Code"] == "304"


def test_conditional_put_if_none_match_star(s3, bucket):
    s3.put_object(Bucket=bucket, Key="once", Body=b"1", IfNoneMatch="*")
    with pytest.raises(ClientError) as err:
        s3.put_object(Bucket=bucket, Key="once", Body=b"2", IfNoneMatch="*")
    assert err.value.response["Error"]["Code"] == "PreconditionFailed"
    assert s3.get_object(Bucket=bucket, Key="once")["Body"].read() == b"1"


def test_special_keys_round_trip(s3, bucket):
    keys = ["a/b", "a//b", "../x", "sp ace", "pl+us", "pct%20", "ünï", "🎉/emoji"]
    for key in keys:
        s3.put_object(Bucket=bucket, Key=key, Body=key.encode())
    for key in keys:
        assert s3.get_object(Bucket=bucket, Key=key)["Body"].read() == key.encode()
    listed = [o["Key"] for o in s3.list_objects_v2(Bucket=bucket)["Contents"]]
    assert sorted(listed) == sorted(keys)


def test_delete_objects_verbose_and_quiet(s3, bucket):
    for key in ["x1", "x2"]:
        s3.put_object(Bucket=bucket, Key=key, Body=b"x")
    out = s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": "x1"}, {"Key": "missing"}]})
    assert sorted(d["Key"] for d in out["Deleted"]) == ["missing", "x1"]
    quiet = s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": "x2"}], "Quiet": True})
    assert "Deleted" not in quiet
    assert s3.list_objects_v2(Bucket=bucket)["KeyCount"] == 0


def test_delete_missing_key_is_204(s3, bucket):
    assert s3.delete_object(Bucket=bucket, Key="never")["ResponseMetadata"]["HTTPStatusCode"] == 204


def test_delete_non_empty_bucket_is_bucket_not_empty(s3, bucket):
    s3.put_object(Bucket=bucket, Key="k", Body=b"x")
    with pytest.raises(ClientError) as err:
        s3.delete_bucket(Bucket=bucket)
    assert err.value.response["Error"]["Code"] == "BucketNotEmpty"
    assert err.value.response["ResponseMetadata"]["HTTPStatusCode"] == 409


def test_list_objects_v2_pages_with_delimiter_and_encoding(s3, bucket):
    for key in ["p/a", "p/b/c", "p/b/d", "p/e+f"]:
        s3.put_object(Bucket=bucket, Key=key, Body=b"x")
    out = s3.list_objects_v2(Bucket=bucket, Prefix="p/", Delimiter="/")
    # boto3 adds encoding-type=url silently and decodes the answer with unquote_plus.
    assert [o["Key"] for o in out["Contents"]] == ["p/a", "p/e+f"]
    assert out["CommonPrefixes"] == [{"Prefix": "p/b/"}]
    assert out["KeyCount"] == 3
    pages = list(s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, PaginationConfig={"PageSize": 1}))
    assert [o["Key"] for p in pages for o in p.get("Contents", [])] == ["p/a", "p/b/c", "p/b/d", "p/e+f"]


def test_list_objects_v1_and_versions_clean_up_a_bucket(s3, bucket):
    # Clean-up helpers check versioning first: a never-versioned bucket has no Status.
    assert "Status" not in s3.get_bucket_versioning(Bucket=bucket)
    for key in ["v/1", "v/2", "v/3"]:
        s3.put_object(Bucket=bucket, Key=key, Body=b"x")
    v1 = s3.list_objects(Bucket=bucket, MaxKeys=2)
    assert [o["Key"] for o in v1["Contents"]] == ["v/1", "v/2"]
    assert v1["IsTruncated"] is True
    versions = s3.list_object_versions(Bucket=bucket)["Versions"]
    assert [(v["Key"], v["VersionId"], v["IsLatest"]) for v in versions] == [("v/1", "null", True), ("v/2", "null", True), ("v/3", "null", True)]
    s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": v["Key"], "VersionId": v["VersionId"]} for v in versions]})
    s3.delete_bucket(Bucket=bucket)


@pytest.mark.parametrize(
    "algorithm,member,expected",
    [
        ("SHA256", "ChecksumSHA256", "uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek="),
        ("SHA1", "ChecksumSHA1", "Kq5sNclPz7QV2+lfQIuc6R7oRu0="),
        ("CRC32", "ChecksumCRC32", "DUoRhQ=="),
    ],
)
# CRC32C and CRC64NVME need botocore[crt] on the client side; the JS tests cover them.
def test_flexible_checksums_are_stored_and_validated_on_get(s3, bucket, algorithm, member, expected):
    put = s3.put_object(Bucket=bucket, Key=f"sum-{algorithm}", Body=b"hello world", ChecksumAlgorithm=algorithm)
    assert put[member] == expected
    got = s3.get_object(Bucket=bucket, Key=f"sum-{algorithm}", ChecksumMode="ENABLED")
    assert got["Body"].read() == b"hello world"
    assert got[member] == expected
    head = s3.head_object(Bucket=bucket, Key=f"sum-{algorithm}", ChecksumMode="ENABLED")
    assert head[member] == expected


def test_wrong_checksum_is_bad_digest(s3, bucket):
    with pytest.raises(ClientError) as err:
        s3.put_object(Bucket=bucket, Key="bad", Body=b"hello world", ChecksumCRC32="AAAAAA==")
    assert err.value.response["Error"]["Code"] == "BadDigest"
    assert err.value.response["Error"]["Message"] == "The crc32 you specified did not match the calculated checksum."


def test_too_long_key_is_key_too_long_error(s3, bucket):
    with pytest.raises(ClientError) as err:
        s3.put_object(Bucket=bucket, Key="k" * 1025, Body=b"x")
    assert err.value.response["Error"]["Code"] == "KeyTooLongError"


def test_list_objects_v2_start_after_and_fetch_owner(s3, bucket):
    for key in ("a", "b", "c", "d"):
        s3.put_object(Bucket=bucket, Key=key, Body=b"x")
    page = s3.list_objects_v2(Bucket=bucket, StartAfter="b", FetchOwner=True)
    assert [o["Key"] for o in page["Contents"]] == ["c", "d"]
    assert page["KeyCount"] == 2
    assert page["StartAfter"] == "b"
    assert page["Contents"][0]["Owner"]["ID"] == "000000000000"
    assert "Owner" not in s3.list_objects_v2(Bucket=bucket)["Contents"][0]
    empty = s3.list_objects_v2(Bucket=bucket, MaxKeys=0)
    assert empty["KeyCount"] == 0 and empty["IsTruncated"] is False and "Contents" not in empty


def test_response_overrides_and_stored_headers_come_back_on_get(s3, bucket):
    s3.put_object(
        Bucket=bucket,
        Key="page.html",
        Body=b"<p>hi</p>",
        ContentType="text/html",
        CacheControl="max-age=60",
        ContentDisposition="inline",
        WebsiteRedirectLocation="/elsewhere.html",
        StorageClass="STANDARD_IA",
    )
    got = s3.get_object(Bucket=bucket, Key="page.html", ResponseContentType="text/plain", ResponseContentDisposition="attachment; filename=p.txt")
    assert got["ContentType"] == "text/plain"
    assert got["ContentDisposition"] == "attachment; filename=p.txt"
    assert got["CacheControl"] == "max-age=60"
    assert got["WebsiteRedirectLocation"] == "/elsewhere.html"
    assert got["StorageClass"] == "STANDARD_IA"
    # The overrides change this answer only, not the stored object.
    assert s3.head_object(Bucket=bucket, Key="page.html")["ContentType"] == "text/html"
