"""aws-wire-checklist §6 as Flask sees it: one tiny echo app deployed behind AWS_PROXY through Mangum (asgiref
WsgiToAsgi), apig-wsgi and serverless-wsgi, exercised over plain HTTP.

Each assertion reads a value that only comes out right when Standin builds the v1 event (or maps the response)
as API Gateway does: the adapters take `path`, the query maps, `multiValueHeaders`, `X-Forwarded-*`,
`requestContext.identity.sourceIp`, `isBase64Encoded`, and hand back `multiValueHeaders` and base64 bodies.
"""
import base64
import json
import http.client
import subprocess
import sys
import uuid
from urllib.parse import urlsplit

import pytest
import requests
from lambda_support import ROLE, zip_dir

VENDORED = ["flask==3.1.3", "mangum==0.22.0", "asgiref==3.13.0", "apig-wsgi==2.20.0", "serverless-wsgi==3.1.0"]

APP = '''
import base64
import json

import serverless_wsgi
from apig_wsgi import make_lambda_handler
from asgiref.wsgi import WsgiToAsgi
from flask import Flask, Response, jsonify, request, url_for
from mangum import Mangum

app = Flask(__name__)
app.url_map.merge_slashes = False  # keep `//` as the client sent it, so the test sees the event's path unchanged

METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"]


@app.route("/echo", methods=METHODS, defaults={"rest": ""})
@app.route("/echo/<path:rest>", methods=METHODS)
def echo(rest):
    return jsonify(
        method=request.method,
        path=request.path,
        script_root=request.script_root,
        args=request.args.to_dict(flat=False),
        multi=request.headers.get("X-Multi"),
        custom=request.headers.get("X-Custom"),
        content_type=request.content_type,
        body_b64=base64.b64encode(request.get_data()).decode(),
        remote_addr=request.remote_addr,
        scheme=request.scheme,
        host=request.host,
        server_port=request.environ.get("SERVER_PORT"),
        external=url_for("echo", rest="x", _external=True),
    )


@app.get("/cookies")
def cookies():
    res = Response("two cookies", mimetype="text/plain")
    res.set_cookie("a", "1")
    res.set_cookie("b", "2")
    return res


@app.get("/binary")
def binary():
    return Response(bytes(range(256)), mimetype="application/octet-stream")


@app.post("/created")
def created():
    return jsonify(created=True), 201


@app.delete("/empty")
def empty():
    return "", 204


@app.get("/boom")
def boom():
    raise RuntimeError("deliberate failure")


mangum_bare = Mangum(WsgiToAsgi(app), lifespan="off")
apig_wsgi_handler = make_lambda_handler(app, binary_support=True)
apig_wsgi_text_only = make_lambda_handler(app)  # apig-wsgi's default: no binary support for v1 events


def mangum_handler(event, context):
    """The documented workaround (examples/flask-app): API Gateway omits Content-Length, which WsgiToAsgi needs."""
    body = event.get("body") or ""
    raw = base64.b64decode(body) if event.get("isBase64Encoded") else body.encode()
    if raw:
        event["headers"] = {**(event.get("headers") or {}), "Content-Length": str(len(raw))}
        if event.get("multiValueHeaders") is not None:
            event["multiValueHeaders"] = {**event["multiValueHeaders"], "Content-Length": [str(len(raw))]}
    return mangum_bare(event, context)


def serverless_wsgi_handler(event, context):
    return serverless_wsgi.handle_request(app, event, context)


def string_status_handler(event, context):
    """What awsgi (archived, still deployed) answers: statusCode as a string."""
    result = apig_wsgi_handler(event, context)
    result["statusCode"] = str(result["statusCode"])
    return result
'''

ADAPTERS = {
    "mangum": "app.mangum_handler",
    "apig-wsgi": "app.apig_wsgi_handler",
    "serverless-wsgi": "app.serverless_wsgi_handler",
}

# How each adapter turns the event's two lines of a repeated header into one WSGI value (aws-wire-checklist §6.2):
# Mangum joins multiValueHeaders with ", ", apig-wsgi with ",", serverless-wsgi keeps the last line.
REPEATED_HEADER = {"mangum": "one, two", "apig-wsgi": "one,two", "serverless-wsgi": "two"}


@pytest.fixture(scope="session")
def echo_zip(tmp_path_factory):
    build = tmp_path_factory.mktemp("flask-adapters")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--disable-pip-version-check", "--target", str(build), *VENDORED],
        check=True,
    )
    (build / "app.py").write_text(APP)
    return zip_dir(build)


@pytest.fixture(scope="module")
def deploy(client_factory, echo_zip):
    """Deploys one handler of the echo app behind `ANY /{proxy+}` (AWS_PROXY, stage `dev`); returns the API id."""
    lam, apigw = client_factory("lambda"), client_factory("apigateway")

    def run(handler):
        name = f"flask-adapter-{uuid.uuid4().hex[:8]}"
        fn = lam.create_function(FunctionName=name, Runtime="python3.12", Handler=handler, Role=ROLE, Timeout=30, Code={"ZipFile": echo_zip})
        lam.get_waiter("function_active_v2").wait(FunctionName=name)
        api = apigw.create_rest_api(name=name, binaryMediaTypes=["application/octet-stream"])
        proxy = apigw.create_resource(restApiId=api["id"], parentId=api["rootResourceId"], pathPart="{proxy+}")["id"]
        uri = f"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{fn['FunctionArn']}/invocations"
        apigw.put_method(restApiId=api["id"], resourceId=proxy, httpMethod="ANY", authorizationType="NONE")
        apigw.put_integration(restApiId=api["id"], resourceId=proxy, httpMethod="ANY", type="AWS_PROXY", integrationHttpMethod="POST", uri=uri)
        apigw.create_deployment(restApiId=api["id"], stageName="dev")
        return api["id"]

    return run


@pytest.fixture(scope="module", params=sorted(ADAPTERS))
def app(request, endpoint, deploy):
    api_id = deploy(ADAPTERS[request.param])
    return {"adapter": request.param, "api_id": api_id, "base": f"{endpoint}/_aws/execute-api/{api_id}/dev"}


def echo(app, method="GET", path="/echo", **kwargs):
    res = requests.request(method, f"{app['base']}{path}", **kwargs)
    assert res.status_code == 200, res.text
    return res.json()


@pytest.mark.parametrize("method", ["GET", "POST", "PUT", "PATCH", "DELETE"])
def test_flask_sees_the_http_method(app, method):
    seen = echo(app, method)
    assert seen["method"] == method
    assert seen["body_b64"] == ""


def test_flask_sees_the_path_without_the_stage_decoded_exactly_once(app):
    # %2525 decodes once to %25; an event path already decoded by the gateway would reach Flask as a bare `%`.
    seen = echo(app, path="/echo/caf%C3%A9/a%2525b//end")
    assert seen["path"] == "/echo/café/a%25b//end"
    assert seen["script_root"] == ""


def test_flask_sees_decoded_query_args_with_every_repeated_value_in_order(app):
    seen = echo(app, path="/echo?plus=test+alias&email=test%2Balias%40example.com&price=10&price=20&price=30&empty=&flag")
    assert seen["args"] == {
        "plus": ["test alias"],
        "email": ["test+alias@example.com"],
        "price": ["10", "20", "30"],
        "empty": [""],
        "flag": [""],
    }


def test_flask_sees_no_query_args_when_the_url_has_none(app):
    assert echo(app)["args"] == {}


def test_flask_sees_both_lines_of_a_repeated_header(app):
    url = urlsplit(app["base"])
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    conn.putrequest("GET", f"{url.path}/echo")
    conn.putheader("X-Multi", "one")
    conn.putheader("X-Multi", "two")
    conn.putheader("X-Custom", "Mixed Case Value")
    conn.endheaders()
    res = conn.getresponse()
    body = res.read()
    conn.close()
    assert res.status == 200, body
    seen = json.loads(body)
    assert seen["multi"] == REPEATED_HEADER[app["adapter"]]
    assert seen["custom"] == "Mixed Case Value"


def test_flask_gets_a_json_post_body(app):
    seen = echo(app, "POST", json={"title": "héllo"})
    assert base64.b64decode(seen["body_b64"]) == '{"title": "h\\u00e9llo"}'.encode()
    assert seen["content_type"] == "application/json"


def test_flask_gets_a_utf8_text_body_unchanged(app):
    text = "grüße, 世界"
    seen = echo(app, "PUT", data=text.encode(), headers={"Content-Type": "text/plain; charset=utf-8"})
    assert base64.b64decode(seen["body_b64"]).decode() == text


def test_flask_gets_a_binary_body_byte_for_byte(app):
    # application/octet-stream is one of the API's binaryMediaTypes: the event carries it base64 with isBase64Encoded.
    payload = bytes(range(256)) * 2
    seen = echo(app, "POST", data=payload, headers={"Content-Type": "application/octet-stream"})
    assert base64.b64decode(seen["body_b64"]) == payload


def test_flask_sees_the_connecting_address_as_remote_addr(app):
    assert echo(app)["remote_addr"] == "127.0.0.1"


def test_a_client_x_forwarded_for_is_extended_with_the_source_ip(app):
    # API Gateway appends the caller's address; apig-wsgi reads the first entry, the others requestContext.identity.
    seen = echo(app, headers={"X-Forwarded-For": "203.0.113.9"})
    assert seen["remote_addr"] == ("203.0.113.9" if app["adapter"] == "apig-wsgi" else "127.0.0.1")


def test_flask_sees_the_scheme_host_and_port_the_client_used(app, endpoint):
    port = str(urlsplit(endpoint).port)
    seen = echo(app)
    assert seen["scheme"] == "http"  # Mangum and serverless-wsgi default to https without X-Forwarded-Proto
    assert seen["host"] == urlsplit(endpoint).netloc
    assert seen["server_port"] == port  # apig-wsgi and serverless-wsgi read it from X-Forwarded-Port
    assert seen["external"] == f"http://{urlsplit(endpoint).netloc}/echo/x"


def test_url_for_external_uses_the_execute_api_host_of_a_host_style_url(app, endpoint):
    host = f"{app['api_id']}.execute-api.localhost.localstack.cloud:{urlsplit(endpoint).port}"
    res = requests.get(f"{endpoint}/dev/echo", headers={"Host": host})
    assert res.status_code == 200, res.text
    assert res.json()["external"] == f"http://{host}/echo/x"


def test_several_set_cookie_headers_arrive_as_separate_lines(app):
    res = requests.get(f"{app['base']}/cookies")
    assert res.status_code == 200
    assert res.raw.headers.getlist("Set-Cookie") == ["a=1; Path=/", "b=2; Path=/"]
    assert res.text == "two cookies"


def test_a_binary_response_is_decoded_when_accept_is_a_binary_media_type(app):
    res = requests.get(f"{app['base']}/binary", headers={"Accept": "application/octet-stream"})
    assert res.status_code == 200
    assert res.headers["Content-Type"] == "application/octet-stream"
    assert res.content == bytes(range(256))


def test_a_binary_response_stays_base64_when_accept_is_not_a_binary_media_type(app):
    res = requests.get(f"{app['base']}/binary", headers={"Accept": "text/html"})
    assert res.status_code == 200
    assert res.content == base64.b64encode(bytes(range(256)))


def test_a_flask_status_code_and_an_empty_response_pass_through(app):
    created = requests.post(f"{app['base']}/created")
    assert created.status_code == 201
    assert created.json() == {"created": True}
    empty = requests.delete(f"{app['base']}/empty")
    assert empty.status_code == 204
    assert empty.content == b""


def test_an_unknown_flask_route_is_flasks_404(app):
    res = requests.get(f"{app['base']}/nowhere")
    assert res.status_code == 404
    assert "Not Found" in res.text


def test_an_unhandled_flask_exception_is_flasks_500_not_a_gateway_502(app):
    res = requests.get(f"{app['base']}/boom")
    assert res.status_code == 500
    assert "Internal Server Error" in res.text
    assert res.headers["Content-Type"].startswith("text/html")


def test_a_binary_response_without_apig_wsgi_binary_support_is_a_502(deploy, endpoint):
    # apig-wsgi decodes the body as UTF-8 unless binary_support=True: the function fails, API Gateway answers 502.
    api_id = deploy("app.apig_wsgi_text_only")
    res = requests.get(f"{endpoint}/_aws/execute-api/{api_id}/dev/binary", headers={"Accept": "application/octet-stream"})
    assert res.status_code == 502
    assert res.json() == {"message": "Internal server error"}
    assert res.headers["Content-Type"] == "application/json"


def test_a_string_status_code_is_the_http_status(deploy, endpoint):
    api_id = deploy("app.string_status_handler")
    res = requests.post(f"{endpoint}/_aws/execute-api/{api_id}/dev/created")
    assert res.status_code == 201
    assert res.json() == {"created": True}


def test_bare_mangum_gets_an_empty_body_because_the_event_has_no_content_length(deploy, endpoint):
    # As on AWS (Kludex/mangum#143): without the handler workaround, WsgiToAsgi gives Werkzeug no CONTENT_LENGTH.
    api_id = deploy("app.mangum_bare")
    res = requests.post(f"{endpoint}/_aws/execute-api/{api_id}/dev/echo", data=b"lost", headers={"Content-Type": "text/plain"})
    assert res.status_code == 200
    assert res.json()["body_b64"] == ""
