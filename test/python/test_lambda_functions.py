"""Lambda through boto3: lifecycle with the SDK waiters, invoke, and a handler that calls Standin with plain boto3."""
import base64
import json
import os

import boto3
import pytest
from lambda_support import ROLE, zip_of

# The function's own boto3 comes from this test environment, as AWS's runtime provides boto3 to functions.
BOTO3_PATH = os.path.dirname(os.path.dirname(boto3.__file__))


@pytest.fixture
def lam(client_factory):
    return client_factory("lambda")


def create(lam, name, files, **extra):
    args = {"FunctionName": name, "Runtime": "python3.12", "Handler": "app.handler", "Role": ROLE, "Code": {"ZipFile": zip_of(files)}}
    args.update(extra)
    return lam.create_function(**args)


def test_function_lifecycle_passes_the_sdk_waiters(lam, unique):
    name = unique("py-life")
    created = create(lam, name, {"app.py": "def handler(e, c):\n    return 1\n"})
    assert created["ResponseMetadata"]["HTTPStatusCode"] == 201
    assert created["State"] == "Pending"
    lam.get_waiter("function_active_v2").wait(FunctionName=name, WaiterConfig={"Delay": 1, "MaxAttempts": 3})
    lam.update_function_configuration(FunctionName=name, Timeout=9)
    lam.get_waiter("function_updated_v2").wait(FunctionName=name, WaiterConfig={"Delay": 1, "MaxAttempts": 3})
    lam.get_waiter("function_exists").wait(FunctionName=name, WaiterConfig={"Delay": 1, "MaxAttempts": 3})
    assert lam.get_function_configuration(FunctionName=name)["Timeout"] == 9
    lam.delete_function(FunctionName=name)
    with pytest.raises(lam.exceptions.ResourceNotFoundException) as err:
        lam.get_function(FunctionName=name)
    assert err.value.response["Error"]["Message"] == f"Function not found: arn:aws:lambda:us-east-1:000000000000:function:{name}"


def test_invoke_returns_payload_and_tail_log(lam, unique):
    name = unique("py-invoke")
    create(lam, name, {"app.py": "def handler(event, context):\n    print('seen', event['x'])\n    return {'double': event['x'] * 2}\n"})
    res = lam.invoke(FunctionName=name, Payload=json.dumps({"x": 21}), LogType="Tail")
    assert res["StatusCode"] == 200
    assert json.loads(res["Payload"].read()) == {"double": 42}
    assert res["ExecutedVersion"] == "$LATEST"
    log = base64.b64decode(res["LogResult"]).decode()
    assert "seen 21\n" in log
    assert log.startswith("START RequestId: ")


def test_invoke_event_and_dry_run(lam, unique):
    name = unique("py-modes")
    create(lam, name, {"app.py": "def handler(e, c):\n    return 1\n"})
    assert lam.invoke(FunctionName=name, InvocationType="Event", Payload=b"{}")["StatusCode"] == 202
    assert lam.invoke(FunctionName=name, InvocationType="DryRun")["StatusCode"] == 204


def test_invoke_unknown_function_is_resource_not_found(lam, unique):
    name = unique("py-none")
    with pytest.raises(lam.exceptions.ResourceNotFoundException) as err:
        lam.invoke(FunctionName=name, Payload=b"{}")
    assert err.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404
    assert err.value.response["Error"]["Message"].endswith(f":function:{name}")


def test_handler_error_sets_function_error(lam, unique):
    name = unique("py-err")
    create(lam, name, {"app.py": "def handler(e, c):\n    raise Exception('kaput')\n"})
    res = lam.invoke(FunctionName=name, Payload=b"{}")
    assert res["FunctionError"] == "Unhandled"
    body = json.loads(res["Payload"].read())
    assert body["errorType"] == "Exception"
    assert body["errorMessage"] == "kaput"
    assert isinstance(body["stackTrace"], list)


HANDLER_CALLING_STANDIN = """
import boto3

def handler(event, context):
    s3 = boto3.client("s3")
    s3.create_bucket(Bucket=event["bucket"])
    buckets = [b["Name"] for b in s3.list_buckets()["Buckets"]]
    tables = boto3.client("dynamodb").list_tables()["TableNames"]
    return {"bucket_seen": event["bucket"] in buckets, "tables_type": type(tables).__name__}
"""


def test_handler_reaches_standin_s3_and_dynamodb_with_plain_boto3(lam, client_factory, unique):
    name = unique("py-boto")
    bucket = unique("from-lambda")
    create(lam, name, {"app.py": HANDLER_CALLING_STANDIN}, Timeout=30, Environment={"Variables": {"PYTHONPATH": BOTO3_PATH}})
    res = lam.invoke(FunctionName=name, Payload=json.dumps({"bucket": bucket}))
    body = json.loads(res["Payload"].read())
    assert res.get("FunctionError") is None, body
    assert body == {"bucket_seen": True, "tables_type": "list"}
    # The bucket the function created is in Standin, seen by the test's own client.
    names = [b["Name"] for b in client_factory("s3").list_buckets()["Buckets"]]
    assert bucket in names


def test_hot_reload_folder_runs_in_place_and_picks_up_edits(lam, unique, tmp_path):
    name = unique("py-hot")
    (tmp_path / "app.py").write_text("def handler(e, c):\n    return 'one'\n")
    lam.create_function(
        FunctionName=name, Runtime="python3.12", Handler="app.handler", Role=ROLE, Code={"S3Bucket": "hot-reload", "S3Key": str(tmp_path)}
    )
    assert json.loads(lam.invoke(FunctionName=name)["Payload"].read()) == "one"
    (tmp_path / "app.py").write_text("def handler(e, c):\n    return 'two'\n")
    # Make sure the mtime moves even on coarse-grained file systems.
    stat = os.stat(tmp_path / "app.py")
    os.utime(tmp_path / "app.py", (stat.st_atime + 5, stat.st_mtime + 5))
    assert json.loads(lam.invoke(FunctionName=name)["Payload"].read()) == "two"


def test_zip_symlinks_inside_the_package_work_and_those_leaving_it_are_dropped(lam, unique):
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("real/app.py", "import os\ndef handler(e, c):\n    return {'evil': os.path.exists('evil'), 'data': open('data.txt').read()}\n")
        z.writestr("data.txt", "payload")
        for name, target in (("app.py", "real/app.py"), ("evil", "/etc/passwd")):
            info = zipfile.ZipInfo(name)
            info.create_system = 3
            info.external_attr = 0o120777 << 16
            z.writestr(info, target)
    name = unique("py-links")
    lam.create_function(FunctionName=name, Runtime="python3.12", Handler="app.handler", Role=ROLE, Code={"ZipFile": buf.getvalue()})
    res = lam.invoke(FunctionName=name, Payload=b"{}")
    assert json.loads(res["Payload"].read()) == {"evil": False, "data": "payload"}


def test_tags_are_set_at_creation_added_listed_and_removed(lam, unique):
    name = unique("py-tags")
    arn = create(lam, name, {"app.py": "def handler(e, c):\n    return 1\n"}, Tags={"team": "a"})["FunctionArn"]
    lam.tag_resource(Resource=arn, Tags={"env": "test"})
    assert lam.list_tags(Resource=arn)["Tags"] == {"team": "a", "env": "test"}
    lam.untag_resource(Resource=arn, TagKeys=["team"])
    assert lam.list_tags(Resource=arn)["Tags"] == {"env": "test"}
    assert lam.get_function(FunctionName=name)["Tags"] == {"env": "test"}
    with pytest.raises(lam.exceptions.ResourceNotFoundException):
        lam.list_tags(Resource=arn + "-missing")
    with pytest.raises(lam.exceptions.InvalidParameterValueException) as err:
        lam.tag_resource(Resource=arn + ":1", Tags={"a": "b"})
    assert err.value.response["Error"]["Message"] == "Tags on function aliases and versions are not supported. Please specify a function ARN."


def test_code_from_standin_s3_is_deployed_and_runs(lam, client_factory, unique):
    s3 = client_factory("s3")
    bucket, name = unique("py-code"), unique("py-s3code")
    s3.create_bucket(Bucket=bucket)
    s3.put_object(Bucket=bucket, Key="dist/app.zip", Body=zip_of({"app.py": "def handler(e, c):\n    return {'from': 's3'}\n"}))
    lam.create_function(FunctionName=name, Runtime="python3.12", Handler="app.handler", Role=ROLE, Code={"S3Bucket": bucket, "S3Key": "dist/app.zip"})
    lam.get_waiter("function_active_v2").wait(FunctionName=name)
    assert json.loads(lam.invoke(FunctionName=name)["Payload"].read()) == {"from": "s3"}
    with pytest.raises(lam.exceptions.InvalidParameterValueException) as err:
        lam.update_function_code(FunctionName=name, S3Bucket=bucket, S3Key="dist/missing.zip")
    assert err.value.response["Error"]["Message"] == (
        "Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error Message: The specified key does not exist."
    )
