"""The notes example end to end over plain HTTP: API Gateway → Lambda (Flask) → DynamoDB and S3, on Standin."""
import os
import sys
import uuid
from pathlib import Path

import boto3
import pytest
import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from deploy import build_zip, deploy  # noqa: E402

# Inside Lambda, boto3 comes with the runtime; here it comes from the test environment.
BOTO3_PATH = os.path.dirname(os.path.dirname(boto3.__file__))


@pytest.fixture(scope="session")
def endpoint():
    """The Standin to run against: STANDIN_ENDPOINT (set by npm test), else one on localhost:4566."""
    return os.environ.get("STANDIN_ENDPOINT", "http://localhost:4566")


@pytest.fixture(scope="module")
def code():
    return build_zip()


@pytest.fixture(scope="module", params=["mangum", "apig-wsgi", "serverless-wsgi"])
def api(request, endpoint, code):
    return deploy(endpoint, request.param, f"notes-{request.param}-{uuid.uuid4().hex[:8]}", code=code, python_path=BOTO3_PATH)


def test_create_then_get_a_note(api):
    created = requests.post(f"{api}/notes", json={"title": "groceries", "body": "eggs"})
    assert created.status_code == 201
    note = created.json()
    assert note["title"] == "groceries"
    fetched = requests.get(f"{api}/notes/{note['id']}")
    assert fetched.status_code == 200
    assert fetched.json() == note
    assert fetched.headers["Content-Type"] == "application/json"


def test_list_notes_in_pages(api):
    ids = {requests.post(f"{api}/notes", json={"title": f"t{i}"}).json()["id"] for i in range(5)}
    seen, token = [], None
    while True:
        page = requests.get(f"{api}/notes", params={"limit": 2, **({"next": token} if token else {})}).json()
        assert len(page["notes"]) <= 2
        seen += [n["id"] for n in page["notes"]]
        token = page.get("next")
        if not token:
            break
    assert ids <= set(seen)
    assert len(seen) == len(set(seen))


def test_upload_and_download_a_binary_attachment(api):
    note = requests.post(f"{api}/notes", json={"title": "with file"}).json()
    payload = bytes(range(256)) * 4
    put = requests.put(f"{api}/notes/{note['id']}/attachment", data=payload, headers={"Content-Type": "application/octet-stream"})
    assert put.status_code == 204
    got = requests.get(f"{api}/notes/{note['id']}/attachment", headers={"Accept": "application/octet-stream"})
    assert got.status_code == 200
    assert got.content == payload


def test_missing_note_is_a_404_from_flask(api):
    res = requests.get(f"{api}/notes/does-not-exist")
    assert res.status_code == 404
    assert res.json() == {"error": "not found"}


def test_validation_error_from_flask_is_a_400(api):
    res = requests.post(f"{api}/notes", json={"body": "no title"})
    assert res.status_code == 400
    assert res.json() == {"error": "title is required"}


def test_an_unhandled_flask_error_is_a_500(api):
    assert requests.get(f"{api}/boom").status_code == 500


def test_a_crashing_function_is_a_502_from_api_gateway(endpoint, code):
    name = f"notes-crash-{uuid.uuid4().hex[:8]}"
    url = deploy(endpoint, "mangum", name, code=code, python_path=BOTO3_PATH)
    boto3.client("lambda", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="test", aws_secret_access_key="test").update_function_configuration(
        FunctionName=name, Handler="notes.handlers.crash_handler"
    )
    boto3.client("lambda", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="test", aws_secret_access_key="test").get_waiter(
        "function_updated_v2"
    ).wait(FunctionName=name)
    res = requests.get(f"{url}/notes")
    assert res.status_code == 502
    assert res.json() == {"message": "Internal server error"}
