"""API Gateway control plane through boto3 at default settings: REST APIs, resources, methods, integrations, stages."""
import re

import pytest
from botocore.exceptions import ClientError

FN = "arn:aws:lambda:us-east-1:000000000000:function:my-fn"
LAMBDA_URI = f"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{FN}/invocations"


def test_create_rest_api_returns_a_ten_character_id_and_a_root_resource(client_factory, unique):
    apigw = client_factory("apigateway")
    api = apigw.create_rest_api(name=unique("api"), binaryMediaTypes=["image/png"])
    assert api["ResponseMetadata"]["HTTPStatusCode"] == 201
    assert re.fullmatch(r"[a-z0-9]{10}", api["id"])
    assert api["binaryMediaTypes"] == ["image/png"]
    resources = apigw.get_resources(restApiId=api["id"])["items"]
    assert resources == [{"id": api["rootResourceId"], "path": "/"}]


def test_custom_id_tag_gives_a_stable_id(client_factory, unique):
    apigw = client_factory("apigateway")
    custom = unique("stable")
    api = apigw.create_rest_api(name="x", tags={"_custom_id_": custom})
    assert api["id"] == custom
    assert apigw.get_rest_api(restApiId=custom)["name"] == "x"


def test_unknown_api_is_not_found_with_the_account_in_the_message(client_factory):
    apigw = client_factory("apigateway")
    with pytest.raises(ClientError) as e:
        apigw.get_rest_api(restApiId="missing000")
    assert e.value.response["Error"]["Code"] == "NotFoundException"
    assert e.value.response["Error"]["Message"] == "Invalid API identifier specified 000000000000:missing000"
    assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404


def test_full_setup_with_proxy_resource_lambda_integration_and_stage_variables(client_factory, unique):
    apigw = client_factory("apigateway")
    api = apigw.create_rest_api(name=unique("api"))
    proxy = apigw.create_resource(restApiId=api["id"], parentId=api["rootResourceId"], pathPart="{proxy+}")
    assert proxy["path"] == "/{proxy+}"
    apigw.put_method(restApiId=api["id"], resourceId=proxy["id"], httpMethod="ANY", authorizationType="NONE")
    integration = apigw.put_integration(
        restApiId=api["id"], resourceId=proxy["id"], httpMethod="ANY", type="AWS_PROXY", integrationHttpMethod="POST", uri=LAMBDA_URI
    )
    assert integration["timeoutInMillis"] == 29000
    assert integration["uri"] == LAMBDA_URI
    deployment = apigw.create_deployment(restApiId=api["id"], stageName="dev", variables={"env": "test"})
    stage = apigw.get_stage(restApiId=api["id"], stageName="dev")
    assert stage["deploymentId"] == deployment["id"]
    assert stage["variables"] == {"env": "test"}
    updated = apigw.update_stage(
        restApiId=api["id"], stageName="dev", patchOperations=[{"op": "replace", "path": "/variables/env", "value": "prod"}]
    )
    assert updated["variables"] == {"env": "prod"}
    assert [s["stageName"] for s in apigw.get_stages(restApiId=api["id"])["item"]] == ["dev"]


def test_duplicate_resource_is_a_conflict(client_factory, unique):
    apigw = client_factory("apigateway")
    api = apigw.create_rest_api(name=unique("api"))
    apigw.create_resource(restApiId=api["id"], parentId=api["rootResourceId"], pathPart="pets")
    with pytest.raises(ClientError) as e:
        apigw.create_resource(restApiId=api["id"], parentId=api["rootResourceId"], pathPart="pets")
    assert e.value.response["Error"]["Code"] == "ConflictException"
    assert e.value.response["Error"]["Message"] == "Another resource with the same parent already has this name: pets"
