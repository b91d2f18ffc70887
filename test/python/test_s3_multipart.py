"""Multipart, copy, tagging, location and CORS through boto3 at default settings (s3transfer thresholds included)."""
import hashlib
import os

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

MiB = 1024 * 1024


@pytest.fixture
def s3(client_factory):
    return client_factory("s3")


@pytest.fixture
def bucket(s3, unique):
    name = unique("py-mpu")
    s3.create_bucket(Bucket=name)
    return name


def test_upload_file_above_8_mib_goes_multipart_and_downloads_intact(s3, bucket, tmp_path):
    src = tmp_path / "big.bin"
    data = os.urandom(17 * MiB)
    src.write_bytes(data)
    s3.upload_file(str(src), bucket, "big.bin")
    head = s3.head_object(Bucket=bucket, Key="big.bin")
    assert head["ContentLength"] == len(data)
    assert head["ETag"].endswith('-3"')
    dst = tmp_path / "back.bin"
    # download_file uses parallel ranged GETs with checksum mode on: no whole-object checksum may ride on a 206.
    s3.download_file(bucket, "big.bin", str(dst))
    assert hashlib.sha256(dst.read_bytes()).digest() == hashlib.sha256(data).digest()


def test_multipart_etag_is_md5_of_part_md5s(s3, bucket):
    upload = s3.create_multipart_upload(Bucket=bucket, Key="mp")
    uid = upload["UploadId"]
    p1 = s3.upload_part(Bucket=bucket, Key="mp", UploadId=uid, PartNumber=1, Body=b"a" * (5 * MiB))
    p2 = s3.upload_part(Bucket=bucket, Key="mp", UploadId=uid, PartNumber=2, Body=b"b")
    done = s3.complete_multipart_upload(
        Bucket=bucket,
        Key="mp",
        UploadId=uid,
        MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": p1["ETag"]}, {"PartNumber": 2, "ETag": p2["ETag"]}]},
    )
    assert done["ETag"] == '"e5a8c5272b26fc10581a21089559b006-2"'


def test_entity_too_small_and_no_such_upload(s3, bucket):
    uid = s3.create_multipart_upload(Bucket=bucket, Key="small")["UploadId"]
    p1 = s3.upload_part(Bucket=bucket, Key="small", UploadId=uid, PartNumber=1, Body=b"tiny")
    p2 = s3.upload_part(Bucket=bucket, Key="small", UploadId=uid, PartNumber=2, Body=b"tail")
    with pytest.raises(ClientError) as err:
        s3.complete_multipart_upload(
            Bucket=bucket,
            Key="small",
            UploadId=uid,
            MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": p1["ETag"]}, {"PartNumber": 2, "ETag": p2["ETag"]}]},
        )
    assert err.value.response["Error"]["Code"] == "EntityTooSmall"
    s3.abort_multipart_upload(Bucket=bucket, Key="small", UploadId=uid)
    with pytest.raises(ClientError) as gone:
        s3.list_parts(Bucket=bucket, Key="small", UploadId=uid)
    assert gone.value.response["Error"]["Code"] == "NoSuchUpload"
    assert gone.value.response["Error"]["UploadId"] == uid


def test_copy_object_with_encoded_source_and_replace(s3, bucket):
    s3.put_object(Bucket=bucket, Key="dir/src file+.txt", Body=b"copy me", Metadata={"a": "1"})
    out = s3.copy_object(Bucket=bucket, Key="dst", CopySource={"Bucket": bucket, "Key": "dir/src file+.txt"})
    assert out["CopyObjectResult"]["ETag"] == f'"{hashlib.md5(b"copy me").hexdigest()}"'
    assert s3.head_object(Bucket=bucket, Key="dst")["Metadata"] == {"a": "1"}
    s3.copy_object(Bucket=bucket, Key="dst", CopySource=f"{bucket}/dst", MetadataDirective="REPLACE", Metadata={"b": "2"})
    assert s3.head_object(Bucket=bucket, Key="dst")["Metadata"] == {"b": "2"}
    with pytest.raises(ClientError) as err:
        s3.copy_object(Bucket=bucket, Key="dst", CopySource=f"{bucket}/dst")
    assert err.value.response["Error"]["Code"] == "InvalidRequest"


def test_tagging_on_put_and_tagging_calls(s3, bucket):
    s3.put_object(Bucket=bucket, Key="t", Body=b"x", Tagging="a=1&b=2")
    assert s3.get_object_tagging(Bucket=bucket, Key="t")["TagSet"] == [{"Key": "a", "Value": "1"}, {"Key": "b", "Value": "2"}]
    s3.put_object_tagging(Bucket=bucket, Key="t", Tagging={"TagSet": [{"Key": "c", "Value": "3"}]})
    assert s3.get_object_tagging(Bucket=bucket, Key="t")["TagSet"] == [{"Key": "c", "Value": "3"}]
    s3.delete_object_tagging(Bucket=bucket, Key="t")
    assert s3.get_object_tagging(Bucket=bucket, Key="t")["TagSet"] == []


def test_get_bucket_location_is_none_in_us_east_1(s3, bucket, unique):
    assert s3.get_bucket_location(Bucket=bucket)["LocationConstraint"] is None
    eu = unique("py-eu")
    s3.create_bucket(Bucket=eu, CreateBucketConfiguration={"LocationConstraint": "eu-central-1"})
    assert s3.get_bucket_location(Bucket=eu)["LocationConstraint"] == "eu-central-1"


def test_bucket_cors_round_trip(s3, bucket):
    rules = [{"AllowedOrigins": ["*"], "AllowedMethods": ["GET", "PUT"], "AllowedHeaders": ["*"], "ExposeHeaders": ["ETag"]}]
    s3.put_bucket_cors(Bucket=bucket, CORSConfiguration={"CORSRules": rules})
    assert s3.get_bucket_cors(Bucket=bucket)["CORSRules"] == rules
    s3.delete_bucket_cors(Bucket=bucket)
    with pytest.raises(ClientError) as err:
        s3.get_bucket_cors(Bucket=bucket)
    assert err.value.response["Error"]["Code"] == "NoSuchCORSConfiguration"


def test_get_object_attributes(s3, bucket):
    s3.put_object(Bucket=bucket, Key="attrs", Body=b"hello world")
    out = s3.get_object_attributes(Bucket=bucket, Key="attrs", ObjectAttributes=["ETag", "ObjectSize", "Checksum"])
    assert out["ETag"] == "5eb63bbbe01eeed093cb22bb8f5acdc3"
    assert out["ObjectSize"] == 11
    assert out["Checksum"]["ChecksumCRC32"] == "DUoRhQ=="


def test_location_constraint_rules(client_factory, unique):
    east = client_factory("s3")
    with pytest.raises(ClientError) as err:
        east.create_bucket(Bucket=unique("py-loc"), CreateBucketConfiguration={"LocationConstraint": "us-east-1"})
    assert err.value.response["Error"]["Code"] == "InvalidLocationConstraint"
    regional = boto3.client(
        "s3",
        endpoint_url=east.meta.endpoint_url,
        region_name="eu-west-2",
        aws_access_key_id="test",
        aws_secret_access_key="test",
        config=Config(retries={"max_attempts": 1}),
    )
    with pytest.raises(ClientError) as missing:
        regional.create_bucket(Bucket=unique("py-loc"))
    assert missing.value.response["Error"]["Code"] == "IllegalLocationConstraintException"
    assert missing.value.response["Error"]["Message"] == (
        "The unspecified location constraint is incompatible for the region specific endpoint this request was sent to."
    )
    name = unique("py-loc")
    regional.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": "eu-west-2"})
    assert regional.get_bucket_location(Bucket=name)["LocationConstraint"] == "eu-west-2"


def test_upload_part_copy_takes_a_byte_range_of_another_object(s3, bucket):
    source = os.urandom(6 * MiB)
    s3.put_object(Bucket=bucket, Key="source", Body=source)
    upload = s3.create_multipart_upload(Bucket=bucket, Key="assembled")
    first = s3.upload_part_copy(
        Bucket=bucket, Key="assembled", UploadId=upload["UploadId"], PartNumber=1, CopySource={"Bucket": bucket, "Key": "source"}, CopySourceRange=f"bytes=0-{5 * MiB - 1}"
    )
    second = s3.upload_part(Bucket=bucket, Key="assembled", UploadId=upload["UploadId"], PartNumber=2, Body=b"tail")
    assert first["CopyPartResult"]["ETag"] == '"%s"' % hashlib.md5(source[: 5 * MiB]).hexdigest()
    s3.complete_multipart_upload(
        Bucket=bucket,
        Key="assembled",
        UploadId=upload["UploadId"],
        MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": first["CopyPartResult"]["ETag"]}, {"PartNumber": 2, "ETag": second["ETag"]}]},
    )
    assert s3.get_object(Bucket=bucket, Key="assembled")["Body"].read() == source[: 5 * MiB] + b"tail"


def test_list_multipart_uploads_shows_open_uploads_until_they_are_aborted(s3, bucket):
    a = s3.create_multipart_upload(Bucket=bucket, Key="a/one")
    b = s3.create_multipart_upload(Bucket=bucket, Key="b/two")
    listed = s3.list_multipart_uploads(Bucket=bucket)
    assert [(u["Key"], u["UploadId"]) for u in listed["Uploads"]] == [("a/one", a["UploadId"]), ("b/two", b["UploadId"])]
    assert [u["Key"] for u in s3.list_multipart_uploads(Bucket=bucket, Prefix="b/")["Uploads"]] == ["b/two"]
    s3.abort_multipart_upload(Bucket=bucket, Key="a/one", UploadId=a["UploadId"])
    s3.abort_multipart_upload(Bucket=bucket, Key="b/two", UploadId=b["UploadId"])
    assert s3.list_multipart_uploads(Bucket=bucket).get("Uploads", []) == []
    with pytest.raises(ClientError) as err:
        s3.abort_multipart_upload(Bucket=bucket, Key="a/one", UploadId=a["UploadId"])
    assert err.value.response["Error"]["Code"] == "NoSuchUpload"
