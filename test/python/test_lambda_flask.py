"""A Flask app packaged as users package it (Flask vendored with pip install --target) behind API Gateway v1
proxy events, through Mangum (with asgiref's WsgiToAsgi) and through apig-wsgi."""
import json
import subprocess
import sys

import pytest
from lambda_support import ROLE, zip_dir

VENDORED = ["flask==3.1.3", "mangum==0.22.0", "asgiref==3.13.0", "apig-wsgi==2.20.0"]

APP = """
from apig_wsgi import make_lambda_handler
from asgiref.wsgi import WsgiToAsgi
from flask import Flask, jsonify, request
from mangum import Mangum

app = Flask(__name__)


@app.route("/hello/<name>", methods=["GET", "POST"])
def hello(name):
    return jsonify(message=f"hello {name}", q=request.args.get("q"), method=request.method, body=request.get_data(as_text=True))


@app.route("/teapot")
def teapot():
    return "short and stout", 418, {"X-Kind": "teapot"}


mangum_handler = Mangum(WsgiToAsgi(app), lifespan="off")
apig_handler = make_lambda_handler(app)
"""


def proxy_event(method, path, query=None, body=None):
    """An API Gateway REST (v1) proxy integration event, as API Gateway sends it."""
    headers = {"Host": "abc123.execute-api.us-east-1.amazonaws.com", "Content-Type": "text/plain", "X-Forwarded-Proto": "https"}
    if body is not None:
        # API Gateway forwards the client's Content-Length; WSGI reads the body by it.
        headers["Content-Length"] = str(len(body.encode()))
    return {
        "resource": "/{proxy+}",
        "path": path,
        "httpMethod": method,
        "headers": headers,
        "multiValueHeaders": {k: [v] for k, v in headers.items()},
        "queryStringParameters": query,
        "multiValueQueryStringParameters": {k: [v] for k, v in query.items()} if query else None,
        "pathParameters": {"proxy": path.lstrip("/")},
        "stageVariables": None,
        "requestContext": {
            "resourcePath": "/{proxy+}",
            "httpMethod": method,
            "path": f"/prod{path}",
            "stage": "prod",
            "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
            "accountId": "000000000000",
            "apiId": "abc123",
            "identity": {"sourceIp": "127.0.0.1", "userAgent": "pytest"},
            "protocol": "HTTP/1.1",
        },
        "body": body,
        "isBase64Encoded": False,
    }


@pytest.fixture(scope="module")
def flask_zip(tmp_path_factory):
    build = tmp_path_factory.mktemp("flask-app")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--disable-pip-version-check", "--target", str(build), *VENDORED],
        check=True,
    )
    (build / "app.py").write_text(APP)
    return zip_dir(build)


@pytest.mark.parametrize("handler", ["app.mangum_handler", "app.apig_handler"])
def test_flask_lambda_invocation(client_factory, unique, flask_zip, handler):
    lam = client_factory("lambda")
    name = unique("flask")
    lam.create_function(FunctionName=name, Runtime="python3.12", Handler=handler, Role=ROLE, Timeout=30, Code={"ZipFile": flask_zip})
    res = lam.invoke(FunctionName=name, Payload=json.dumps(proxy_event("POST", "/hello/standin", {"q": "x"}, "ping")))
    out = json.loads(res["Payload"].read())
    assert res.get("FunctionError") is None, out
    assert out["statusCode"] == 200
    assert json.loads(out["body"]) == {"message": "hello standin", "q": "x", "method": "POST", "body": "ping"}
    headers = {k.lower(): v for k, v in (out.get("headers") or {}).items()}
    multi = {k.lower(): v for k, v in (out.get("multiValueHeaders") or {}).items()}
    assert (headers.get("content-type") or multi["content-type"][0]) == "application/json"
    teapot = json.loads(lam.invoke(FunctionName=name, Payload=json.dumps(proxy_event("GET", "/teapot")))["Payload"].read())
    assert teapot["statusCode"] == 418
    assert teapot["body"] == "short and stout"
    missing = json.loads(lam.invoke(FunctionName=name, Payload=json.dumps(proxy_event("GET", "/nowhere")))["Payload"].read())
    assert missing["statusCode"] == 404
