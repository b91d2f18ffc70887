"""Presigned URLs and POST-policy uploads from boto3, checked by a private server that verifies signatures."""
import http.client
import urllib.parse
import uuid

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from conftest import standin_server


@pytest.fixture(scope="module")
def verifying_endpoint():
    with standin_server(STANDIN_S3_VERIFY_SIGNATURES="1", STANDIN_S3_CREDENTIALS="test:test") as url:
        yield url


def client(endpoint, secret="test", **config):
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key=secret,
        config=Config(retries={"max_attempts": 1}, **config),
    )


@pytest.fixture(scope="module")
def bucket(verifying_endpoint):
    name = f"py-presign-{uuid.uuid4().hex[:10]}"
    client(verifying_endpoint).create_bucket(Bucket=name)
    return name


def fetch(url, method="GET", data=None, headers=None):
    """Plain HTTP with no headers added behind our back (urllib would add a form Content-Type to a PUT)."""
    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    conn.request(method, path, body=data, headers=headers or {})
    res = conn.getresponse()
    out = res.status, res.read()
    conn.close()
    return out


def test_signed_requests_pass_and_a_wrong_secret_is_signature_does_not_match(verifying_endpoint, bucket):
    good = client(verifying_endpoint)
    good.put_object(Bucket=bucket, Key="k", Body=b"v")
    with pytest.raises(ClientError) as err:
        client(verifying_endpoint, secret="wrong").get_object(Bucket=bucket, Key="k")
    assert err.value.response["Error"]["Code"] == "SignatureDoesNotMatch"
    assert err.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403


def test_presigned_put_and_get_work_from_plain_http(verifying_endpoint, bucket):
    s3 = client(verifying_endpoint)
    put_url = s3.generate_presigned_url("put_object", Params={"Bucket": bucket, "Key": "pre/signed.txt"}, ExpiresIn=300)
    status, _ = fetch(put_url, method="PUT", data=b"presigned body")
    assert status == 200
    get_url = s3.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": "pre/signed.txt"}, ExpiresIn=300)
    assert fetch(get_url) == (200, b"presigned body")
    tampered = get_url.replace("signed.txt", "other.txt")
    status, body = fetch(tampered)
    assert status == 403
    assert b"<Code>SignatureDoesNotMatch</Code>" in body


def test_presigned_url_with_virtual_host_addressing(verifying_endpoint, bucket):
    port = verifying_endpoint.rsplit(":", 1)[1]
    s3 = client(f"http://localhost:{port}", s3={"addressing_style": "virtual"})
    client(verifying_endpoint).put_object(Bucket=bucket, Key="v.txt", Body=b"virtual")
    url = s3.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": "v.txt"}, ExpiresIn=300)
    assert f"//{bucket}.localhost:{port}/" in url
    path = url.split(f":{port}", 1)[1]
    conn = http.client.HTTPConnection("127.0.0.1", int(port))
    conn.request("GET", path, headers={"Host": f"{bucket}.localhost:{port}"})
    res = conn.getresponse()
    status, body = res.status, res.read()
    assert (status, body) == (200, b"virtual")


def test_expired_presigned_url_is_access_denied(verifying_endpoint, bucket):
    url = client(verifying_endpoint).generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": "k"}, ExpiresIn=0)
    import time

    time.sleep(1.1)
    status, body = fetch(url)
    assert status == 403
    assert b"<Message>Request has expired</Message>" in body


def multipart(fields, file_bytes, filename="upload.txt"):
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\nContent-Type: text/plain\r\n\r\n'.encode()
        + file_bytes
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def test_generate_presigned_post_uploads_a_file(verifying_endpoint, bucket):
    s3 = client(verifying_endpoint)
    post = s3.generate_presigned_post(bucket, "forms/${filename}", Conditions=[["content-length-range", 1, 1000]], ExpiresIn=300)
    body, content_type = multipart(post["fields"], b"from a browser form", filename="hello.txt")
    status, _ = fetch(post["url"], method="POST", data=body, headers={"Content-Type": content_type})
    assert status == 204
    assert s3.get_object(Bucket=bucket, Key="forms/hello.txt")["Body"].read() == b"from a browser form"


def test_post_policy_errors(verifying_endpoint, bucket):
    s3 = client(verifying_endpoint)
    post = s3.generate_presigned_post(bucket, "limited", Conditions=[["content-length-range", 1, 5]], ExpiresIn=300)
    body, content_type = multipart(post["fields"], b"far too long")
    status, text = fetch(post["url"], method="POST", data=body, headers={"Content-Type": content_type})
    assert status == 400
    assert b"<Code>EntityTooLarge</Code>" in text
    fields = {**post["fields"], "success_action_status": "201"}
    fields["key"] = "other"
    body, content_type = multipart(fields, b"x")
    status, text = fetch(post["url"], method="POST", data=body, headers={"Content-Type": content_type})
    assert status == 403
    assert b"Invalid according to Policy: Policy Condition failed" in text
    no_key = {k: v for k, v in post["fields"].items() if k != "key"}
    body, content_type = multipart(no_key, b"x")
    status, text = fetch(post["url"], method="POST", data=body, headers={"Content-Type": content_type})
    assert status == 400
    assert b"Bucket POST must contain a field named" in text


def test_post_with_success_action_status_201_returns_post_response(verifying_endpoint, bucket):
    s3 = client(verifying_endpoint)
    post = s3.generate_presigned_post(bucket, "created.txt", Fields={"success_action_status": "201"}, Conditions=[{"success_action_status": "201"}])
    body, content_type = multipart(post["fields"], b"abc")
    status, text = fetch(post["url"], method="POST", data=body, headers={"Content-Type": content_type})
    assert status == 201
    assert b"<Key>created.txt</Key>" in text
    assert b"<ETag>&quot;900150983cd24fb0d6963f7d28e17f72&quot;</ETag>" in text or b'<ETag>"900150983cd24fb0d6963f7d28e17f72"</ETag>' in text


def test_sigv4_presigned_post_and_url(verifying_endpoint, bucket):
    s3 = client(verifying_endpoint, signature_version="s3v4")
    post = s3.generate_presigned_post(bucket, "v4/${filename}", ExpiresIn=300)
    assert post["fields"]["x-amz-algorithm"] == "AWS4-HMAC-SHA256"
    body, content_type = multipart(post["fields"], b"sigv4 form", filename="f.txt")
    status, _ = fetch(post["url"], method="POST", data=body, headers={"Content-Type": content_type})
    assert status == 204
    url = s3.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": "v4/f.txt"}, ExpiresIn=300)
    assert "X-Amz-Signature=" in url
    assert fetch(url) == (200, b"sigv4 form")
    forged = {**post["fields"], "x-amz-signature": "0" * 64}
    body, content_type = multipart(forged, b"x", filename="g.txt")
    status, text = fetch(post["url"], method="POST", data=body, headers={"Content-Type": content_type})
    assert status == 403
    assert b"<Code>SignatureDoesNotMatch</Code>" in text


def test_post_success_action_redirect_is_303_with_bucket_key_and_etag(verifying_endpoint, bucket):
    s3 = client(verifying_endpoint)
    redirect = "http://app.example.com/done"
    post = s3.generate_presigned_post(
        bucket, "redirected.txt", Fields={"success_action_redirect": redirect}, Conditions=[{"success_action_redirect": redirect}]
    )
    body, content_type = multipart(post["fields"], b"abc")
    parts = urllib.parse.urlsplit(post["url"])
    conn = http.client.HTTPConnection(parts.hostname, parts.port)
    conn.request("POST", parts.path, body=body, headers={"Content-Type": content_type})
    res = conn.getresponse()
    res.read()
    assert res.status == 303
    location = urllib.parse.urlsplit(res.getheader("Location"))
    query = urllib.parse.parse_qs(location.query)
    assert location.netloc == "app.example.com"
    assert query["bucket"] == [bucket]
    assert query["key"] == ["redirected.txt"]
    assert query["etag"] == ['"900150983cd24fb0d6963f7d28e17f72"']
