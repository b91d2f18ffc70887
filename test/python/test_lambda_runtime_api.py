"""Standin's Runtime API against a client nobody here wrote: the official awslambdaric from PyPI.

The function uses an OS-only runtime (provided.al2023), whose `bootstrap` starts awslambdaric exactly as a
container image built on a non-AWS base image does (`python -m awslambdaric app.handler`).
"""
import json
import os
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
