"""ImportRestApi through boto3: an OpenAPI 3 document with x-amazon-apigateway-integration, then served over HTTP."""
import json
import uuid

import pytest
import requests
from botocore.exceptions import ClientError


def test_import_openapi_and_call_the_mock_route(client_factory, endpoint):
    apigw = client_factory("apigateway")
    title = f"import-{uuid.uuid4().hex[:8]}"
    doc = {
        "openapi": "3.0.1",
        "info": {"title": title, "version": "1"},
        "paths": {
            "/ping": {
                "get": {
                    "x-amazon-apigateway-integration": {
                        "type": "mock",
                        "requestTemplates": {"application/json": '{"statusCode": 200}'},
                        "responses": {"default": {"statusCode": "200", "responseTemplates": {"application/json": '{"pong": true}'}}},
                    }
                }
            }
        },
    }
    api = apigw.import_rest_api(body=json.dumps(doc).encode())
    assert api["name"] == title
    paths = sorted(r["path"] for r in apigw.get_resources(restApiId=api["id"])["items"])
    assert paths == ["/", "/ping"]
    apigw.create_deployment(restApiId=api["id"], stageName="v1")
    res = requests.get(f"{endpoint}/_aws/execute-api/{api['id']}/v1/ping")
    assert res.status_code == 200
    assert res.json() == {"pong": True}


def test_import_of_an_unreadable_document_is_a_bad_request(client_factory):
    with pytest.raises(ClientError) as e:
        client_factory("apigateway").import_rest_api(body=b"{}")
    assert e.value.response["Error"]["Code"] == "BadRequestException"
    assert e.value.response["Error"]["Message"] == "Invalid OpenAPI input."
