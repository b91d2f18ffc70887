"""Standin's Runtime API against a client nobody here wrote: the official awslambdaric from PyPI.

The function uses an OS-only runtime (provided.al2023), whose `bootstrap` starts awslambdaric exactly as a
container image built on a non-AWS base image does (`python -m awslambdaric app.handler`).
"""
import base64
import json
import os
import re
import sys

import awslambdaric
from lambda_support import ROLE, zip_of

BOOTSTRAP = '#!/bin/sh\nexec "$RIC_PYTHON" -m awslambdaric "$_HANDLER"\n'

APP = """
import os

state = {"calls": 0}

def handler(event, context):
    state["calls"] += 1
    if event.get("fail"):
        raise RuntimeError("ric failure")
    return {
        "calls": state["calls"],
        "event": event,
        "request_id": context.aws_request_id,
        "arn": context.invoked_function_arn,
        "remaining_ok": 0 < context.get_remaining_time_in_millis() <= 5000,
        "runtime_api": os.environ["AWS_LAMBDA_RUNTIME_API"],
    }
"""


def test_awslambdaric_serves_invocations_through_standins_runtime_api(client_factory, unique):
    lam = client_factory("lambda")
    name = unique("ric")
    lam.create_function(
        FunctionName=name,
        Runtime="provided.al2023",
        Handler="app.handler",
        Role=ROLE,
        Timeout=5,
        Code={"ZipFile": zip_of({"bootstrap": BOOTSTRAP, "app.py": APP}, executable={"bootstrap"})},
        Environment={"Variables": {"RIC_PYTHON": sys.executable}},
    )
    assert os.path.isdir(os.path.dirname(awslambdaric.__file__))
    first = lam.invoke(FunctionName=name, Payload=json.dumps({"hello": "ric"}))
    body = json.loads(first["Payload"].read())
    assert first.get("FunctionError") is None, body
    assert body["event"] == {"hello": "ric"}
    assert body["calls"] == 1
    assert body["arn"] == f"arn:aws:lambda:us-east-1:000000000000:function:{name}"
    assert body["remaining_ok"] is True
    assert body["runtime_api"].startswith("127.0.0.1:")
    # Warm: awslambdaric keeps polling /next in the same process.
    second = json.loads(lam.invoke(FunctionName=name, Payload=b"{}")["Payload"].read())
    assert second["calls"] == 2
    assert second["request_id"] != body["request_id"]
    # Errors go through /invocation/{id}/error with awslambdaric's own payload.
    failed = lam.invoke(FunctionName=name, Payload=json.dumps({"fail": True}))
    assert failed["FunctionError"] == "Unhandled"
    error = json.loads(failed["Payload"].read())
    assert error["errorType"] == "RuntimeError"
    assert error["errorMessage"] == "ric failure"


def test_awslambdaric_init_failure_reaches_the_invoker(client_factory, unique):
    lam = client_factory("lambda")
    name = unique("ric-init")
    lam.create_function(
        FunctionName=name,
        Runtime="provided.al2023",
        Handler="missing_module.handler",
        Role=ROLE,
        Code={"ZipFile": zip_of({"bootstrap": BOOTSTRAP}, executable={"bootstrap"})},
        Environment={"Variables": {"RIC_PYTHON": sys.executable}},
    )
    res = lam.invoke(FunctionName=name, Payload=b"{}")
    assert res["FunctionError"] == "Unhandled"
    error = json.loads(res["Payload"].read())
    assert error["errorType"] == "Runtime.ImportModuleError"
    assert "missing_module" in error["errorMessage"]


# A custom runtime written here with nothing but urllib, to check the Runtime API's wire contract directly.
RAW_BOOTSTRAP = """#!/bin/sh
exec "$RIC_PYTHON" "$LAMBDA_TASK_ROOT/raw_runtime.py"
"""

RAW_RUNTIME = """
import json, os, time, urllib.request

api = "http://" + os.environ["AWS_LAMBDA_RUNTIME_API"] + "/2018-06-01/runtime"
last = None
while True:
    with urllib.request.urlopen(api + "/invocation/next") as r:
        headers = {k.lower(): v for k, v in r.headers.items()}
        event = json.loads(r.read())
    rid = headers["lambda-runtime-aws-request-id"]
    if event.get("fail"):
        req = urllib.request.Request(api + "/invocation/" + rid + "/error", data=b"", method="POST",
                                     headers={"Lambda-Runtime-Function-Error-Type": "Custom.Failure"})
    else:
        body = {"headers": headers, "now_ms": time.time() * 1000, "last_post": last}
        req = urllib.request.Request(api + "/invocation/" + rid + "/response", data=json.dumps(body).encode(), method="POST")
    with urllib.request.urlopen(req) as r:
        last = [r.status, json.loads(r.read())]
"""


def test_runtime_api_headers_and_statuses_follow_the_lambda_contract(client_factory, unique):
    lam = client_factory("lambda")
    name = unique("raw-rapi")
    lam.create_function(
        FunctionName=name,
        Runtime="provided.al2023",
        Handler="unused",
        Role=ROLE,
        Timeout=4,
        Code={"ZipFile": zip_of({"bootstrap": RAW_BOOTSTRAP, "raw_runtime.py": RAW_RUNTIME}, executable={"bootstrap"})},
        Environment={"Variables": {"RIC_PYTHON": sys.executable}},
    )
    lam.publish_version(FunctionName=name)
    lam.create_alias(FunctionName=name, Name="live", FunctionVersion="1")
    context = base64.b64encode(json.dumps({"custom": {"a": "b"}}).encode()).decode()
    res = lam.invoke(FunctionName=name, Qualifier="live", Payload=b"{}", ClientContext=context)
    out = json.loads(res["Payload"].read())
    h = out["headers"]
    assert res["ExecutedVersion"] == "1"
    assert h["lambda-runtime-invoked-function-arn"] == f"arn:aws:lambda:us-east-1:000000000000:function:{name}:live"
    assert re.fullmatch(r"[0-9a-f-]{36}", h["lambda-runtime-aws-request-id"])
    # Deadline is wall-clock epoch milliseconds, Timeout seconds ahead.
    assert abs(int(h["lambda-runtime-deadline-ms"]) - (out["now_ms"] + 4000)) < 1000
    assert re.fullmatch(r"Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0", h["lambda-runtime-trace-id"])
    assert json.loads(h["lambda-runtime-client-context"]) == {"custom": {"a": "b"}}
    assert "lambda-runtime-cognito-identity" not in h
    # The same warm environment (same version) reports how its previous /response call was answered.
    second = json.loads(lam.invoke(FunctionName=name, Qualifier="live", Payload=b"{}")["Payload"].read())
    assert second["last_post"] == [202, {"status": "OK"}]
    failed = lam.invoke(FunctionName=name, Qualifier="live", Payload=json.dumps({"fail": True}))
    assert failed["FunctionError"] == "Unhandled"
    assert json.loads(failed["Payload"].read())["errorType"] == "Custom.Failure"
