"""The foundation's demonstration slice through boto3 at default settings, including error paths."""
import boto3
import pytest
from botocore.exceptions import ClientError


def test_create_head_list_and_delete_a_bucket(client_factory, unique):
    s3 = client_factory("s3")
    name = unique("demo")
    created = s3.create_bucket(Bucket=name)
    assert created["Location"] == f"/{name}"
    assert created["ResponseMetadata"]["HTTPHeaders"]["x-amz-request-id"]
    head = s3.head_bucket(Bucket=name)
    assert head["BucketRegion"] == "us-east-1"
    assert name in [b["Name"] for b in s3.list_buckets()["Buckets"]]
    s3.delete_bucket(Bucket=name)
    assert name not in [b["Name"] for b in s3.list_buckets()["Buckets"]]


def test_bucket_in_another_region_reports_its_location_constraint(client_factory, unique):
    s3 = client_factory("s3")
    name = unique("demo-eu")
    s3.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    assert s3.head_bucket(Bucket=name)["BucketRegion"] == "eu-west-1"
    s3.delete_bucket(Bucket=name)


def test_creating_an_owned_bucket_twice_is_bucket_already_owned_by_you(client_factory, unique):
    s3 = client_factory("s3")
    name = unique("demo")
    # Re-creating a us-east-1 bucket is idempotent on AWS; elsewhere it is a 409 (aws-wire-checklist §3).
    config = {"LocationConstraint": "eu-west-1"}
    s3.create_bucket(Bucket=name, CreateBucketConfiguration=config)
    with pytest.raises(ClientError) as err:
        s3.create_bucket(Bucket=name, CreateBucketConfiguration=config)
    assert err.value.response["Error"]["Code"] == "BucketAlreadyOwnedByYou"
    assert err.value.response["Error"]["BucketName"] == name
    assert err.value.response["ResponseMetadata"]["HTTPStatusCode"] == 409
    s3.delete_bucket(Bucket=name)


def test_invalid_bucket_name_is_rejected(client_factory):
    s3 = client_factory("s3")
    with pytest.raises(ClientError) as err:
        s3.create_bucket(Bucket="Bad_Name")
    assert err.value.response["Error"]["Code"] == "InvalidBucketName"
    assert err.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400


def test_missing_bucket_is_no_such_bucket_with_its_name(client_factory, unique):
    s3 = client_factory("s3")
    name = unique("missing")
    with pytest.raises(ClientError) as err:
        s3.delete_bucket(Bucket=name)
    assert err.value.response["Error"]["Code"] == "NoSuchBucket"
    assert err.value.response["Error"]["Message"] == "The specified bucket does not exist"
    assert err.value.response["Error"]["BucketName"] == name


def test_head_of_a_missing_bucket_is_a_bodiless_404(client_factory, unique):
    s3 = client_factory("s3")
    with pytest.raises(ClientError) as err:
        s3.head_bucket(Bucket=unique("missing"))
    # No body on HEAD: botocore falls back to the status code (aws-wire-checklist §2.5).
    assert err.value.response["Error"]["Code"] == "404"
    assert err.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404


def test_list_tables_answers_with_a_crc32_checked_body(client_factory):
    ddb = client_factory("dynamodb")
    out = ddb.list_tables()
    assert isinstance(out["TableNames"], list)
    headers = out["ResponseMetadata"]["HTTPHeaders"]
    assert headers["x-amz-crc32"].isdigit()
    assert len(headers["x-amzn-requestid"]) == 52


def test_list_functions_answers_an_empty_list_in_an_account_without_functions(endpoint):
    # A 12-digit access key selects its own account, which no other test puts functions in.
    client = boto3.client("lambda", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="111122223333", aws_secret_access_key="test")
    assert client.list_functions()["Functions"] == []


def test_get_rest_apis_answers_an_empty_list_in_a_region_without_apis(endpoint):
    # Other tests create APIs in us-east-1; state is per region, and no test uses this one.
    client = boto3.client(
        "apigateway", endpoint_url=endpoint, region_name="eu-north-1", aws_access_key_id="test", aws_secret_access_key="test"
    )
    out = client.get_rest_apis()
    assert out.get("items", []) == []
    assert out["ResponseMetadata"]["HTTPStatusCode"] == 200


def test_an_unimplemented_dynamodb_operation_is_not_implemented_in_the_awsjson_envelope(client_factory):
    ddb = client_factory("dynamodb")
    with pytest.raises(ClientError) as err:
        ddb.list_backups()
    assert err.value.response["Error"]["Code"] == "NotImplemented"
    assert err.value.response["ResponseMetadata"]["HTTPStatusCode"] == 501


def test_an_unimplemented_lambda_operation_is_not_implemented_in_the_restjson_envelope(client_factory):
    with pytest.raises(ClientError) as err:
        client_factory("lambda").list_layers()
    assert err.value.response["Error"]["Code"] == "NotImplemented"
    assert err.value.response["ResponseMetadata"]["HTTPHeaders"]["x-amzn-errortype"] == "NotImplemented"
