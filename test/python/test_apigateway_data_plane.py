"""API Gateway data plane over HTTP with requests: invoke URL forms, routing, gateway errors, MOCK, and AWS_PROXY to Lambda.

The AWS_PROXY tests need Lambda Invoke (built on its own branch): they are skipped while the server answers
Invoke of a missing function with NotImplemented rather than ResourceNotFoundException.
"""
import base64
import io
import json
import uuid
import zipfile

import pytest
import requests
from botocore.exceptions import ClientError


def _mock(apigw, api_id, resource_id, method, status):
    apigw.put_method(restApiId=api_id, resourceId=resource_id, httpMethod=method, authorizationType="NONE")
    apigw.put_integration(
        restApiId=api_id,
        resourceId=resource_id,
        httpMethod=method,
        type="MOCK",
        requestTemplates={"application/json": json.dumps({"statusCode": status})},
    )


@pytest.fixture(scope="module")
def routed_api(client_factory):
    apigw = client_factory("apigateway")
    api = apigw.create_rest_api(name=f"routing-{uuid.uuid4().hex[:8]}")
    root = api["rootResourceId"]
    users = apigw.create_resource(restApiId=api["id"], parentId=root, pathPart="users")["id"]
    user = apigw.create_resource(restApiId=api["id"], parentId=users, pathPart="{id}")["id"]
    greedy = apigw.create_resource(restApiId=api["id"], parentId=root, pathPart="{proxy+}")["id"]
    _mock(apigw, api["id"], users, "GET", 201)
    _mock(apigw, api["id"], user, "ANY", 202)
    _mock(apigw, api["id"], greedy, "GET", 203)
    apigw.create_deployment(restApiId=api["id"], stageName="dev")
    return api["id"]


def test_all_three_invoke_url_forms_reach_the_api(endpoint, routed_api):
    port = endpoint.rsplit(":", 1)[1]
    host_style = requests.get(f"{endpoint}/dev/users", headers={"Host": f"{routed_api}.execute-api.localhost.localstack.cloud:{port}"})
    assert host_style.status_code == 201
    assert requests.get(f"{endpoint}/_aws/execute-api/{routed_api}/dev/users").status_code == 201
    assert requests.get(f"{endpoint}/restapis/{routed_api}/dev/_user_request_/users").status_code == 201


def test_exact_resources_win_over_params_which_win_over_greedy(endpoint, routed_api):
    base = f"{endpoint}/_aws/execute-api/{routed_api}/dev"
    assert requests.get(f"{base}/users").status_code == 201
    assert requests.delete(f"{base}/users/42").status_code == 202
    assert requests.get(f"{base}/anything/else").status_code == 203


def test_unknown_route_is_403_missing_authentication_token(endpoint, routed_api):
    res = requests.post(f"{endpoint}/_aws/execute-api/{routed_api}/dev/anything")
    assert res.status_code == 403
    assert res.json() == {"message": "Missing Authentication Token"}
    assert res.headers["x-amzn-ErrorType"] == "MissingAuthenticationTokenException"
    assert res.headers["x-amzn-RequestId"]
    assert res.headers["x-amz-apigw-id"]


def test_unknown_stage_is_403_forbidden(endpoint, routed_api):
    res = requests.get(f"{endpoint}/_aws/execute-api/{routed_api}/nostage/users")
    assert res.status_code == 403
    assert res.json() == {"message": "Forbidden"}


def _lambda_invoke_available(client_factory):
    try:
        client_factory("lambda").invoke(FunctionName=f"standin-probe-{uuid.uuid4().hex[:8]}")
        return True
    except ClientError as error:
        return error.response["Error"]["Code"] == "ResourceNotFoundException"


HANDLER = """
import base64, json

def handler(event, context):
    mode = (event.get("queryStringParameters") or {}).get("mode", "echo")
    if mode == "cookies":
        return {"statusCode": "201", "multiValueHeaders": {"Set-Cookie": ["a=1", "b=2"]}, "body": "ok"}
    if mode == "malformed":
        return {"statusCode": 200, "wrongValue": 1}
    if mode == "error":
        raise Exception("boom")
    return {"statusCode": 200, "headers": {"Content-Type": "application/json"}, "body": json.dumps(event)}
"""


@pytest.fixture(scope="module")
def lambda_api(client_factory):
    if not _lambda_invoke_available(client_factory):
        pytest.skip("Lambda Invoke is not available on this server yet")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("index.py", HANDLER)
    lam = client_factory("lambda")
    name = f"apigw-py-{uuid.uuid4().hex[:8]}"
    fn = lam.create_function(
        FunctionName=name,
        Runtime="python3.12",
        Handler="index.handler",
        Role="arn:aws:iam::000000000000:role/lambda-role",
        Code={"ZipFile": buf.getvalue()},
    )
    lam.get_waiter("function_active_v2").wait(FunctionName=name)
    apigw = client_factory("apigateway")
    api = apigw.create_rest_api(name=f"lambda-{uuid.uuid4().hex[:8]}", binaryMediaTypes=["application/octet-stream"])
    proxy = apigw.create_resource(restApiId=api["id"], parentId=api["rootResourceId"], pathPart="{proxy+}")["id"]
    uri = f"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{fn['FunctionArn']}/invocations"
    apigw.put_method(restApiId=api["id"], resourceId=proxy, httpMethod="ANY", authorizationType="NONE")
    apigw.put_integration(restApiId=api["id"], resourceId=proxy, httpMethod="ANY", type="AWS_PROXY", integrationHttpMethod="POST", uri=uri)
    apigw.create_deployment(restApiId=api["id"], stageName="stage")
    return api["id"]


def test_aws_proxy_event_has_the_v1_shape(endpoint, lambda_api):
    res = requests.get(f"{endpoint}/_aws/execute-api/{lambda_api}/stage/proxy-value?plus=test+alias&p=1&p=2", headers={"tEsT-HEADeR": "aValUE"})
    assert res.status_code == 200
    event = res.json()
    assert "version" not in event
    assert event["path"] == "/proxy-value"
    assert event["resource"] == "/{proxy+}"
    assert event["requestContext"]["path"] == "/stage/proxy-value"
    assert event["queryStringParameters"] == {"plus": "test alias", "p": "2"}
    assert event["multiValueQueryStringParameters"] == {"plus": ["test alias"], "p": ["1", "2"]}
    assert event["headers"]["tEsT-HEADeR"] == "aValUE"
    assert event["stageVariables"] is None
    assert event["body"] is None


def test_aws_proxy_binary_body_arrives_base64(endpoint, lambda_api):
    data = bytes([0, 1, 2, 255])
    res = requests.post(
        f"{endpoint}/_aws/execute-api/{lambda_api}/stage/upload", data=data, headers={"Content-Type": "application/octet-stream"}
    )
    event = res.json()
    assert event["isBase64Encoded"] is True
    assert base64.b64decode(event["body"]) == data


def test_aws_proxy_response_headers_and_errors(endpoint, lambda_api):
    base = f"{endpoint}/_aws/execute-api/{lambda_api}/stage/x"
    cookies = requests.get(f"{base}?mode=cookies")
    assert cookies.status_code == 201
    assert cookies.raw.headers.getlist("Set-Cookie") == ["a=1", "b=2"]
    for mode in ("malformed", "error"):
        res = requests.get(f"{base}?mode={mode}")
        assert res.status_code == 502
        assert res.json() == {"message": "Internal server error"}
