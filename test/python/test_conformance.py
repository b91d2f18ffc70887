"""
Spec conformance through botocore: every operation of the four service models, sent by boto3 with minimal
parameters built from botocore's own model, reaches that very operation on the server (the server names it in
`x-standin-operation`). This also covers the few operations the JS SDK no longer ships (deprecated S3 ones,
new Lambda ones). A deprecated operation that shares its exact route with a current one cannot be told apart
on the wire; it may reach the current one.
"""
import datetime
import json
import urllib.request

import pytest
from botocore.exceptions import ClientError
from botocore.session import get_session

SERVICES = ["s3", "dynamodb", "lambda", "apigateway"]


def minimal(shape, name="", depth=0):
    if depth > 8:
        return None
    t = shape.type_name
    if t == "structure":
        if shape.is_document_type:
            return {}
        if getattr(shape, "is_tagged_union", False):
            first = next(iter(shape.members.items()), None)
            return {first[0]: minimal(first[1], first[0], depth + 1)} if first else {}
        return {m: minimal(shape.members[m], m, depth + 1) for m in shape.required_members}
    if t == "list":
        item = minimal(shape.member, name, depth + 1)
        return [] if item is None else [item]
    if t == "map":
        return {}
    if t == "string":
        if shape.enum:
            return shape.enum[0]
        return "standin-conformance" if name.lower().endswith("bucket") else "x"
    if t == "blob":
        return b"x"
    if t == "boolean":
        return True
    if t == "timestamp":
        return datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
    if t in ("integer", "long", "float", "double"):
        return 1
    return None


def route_key(op):
    uri = op.http.get("requestUri", "").split("?x-id=")[0]
    return (op.http.get("method"), uri)


def cases():
    session = get_session()
    for service in SERVICES:
        model = session.get_service_model(service)
        routes = {}
        for name in model.operation_names:
            routes.setdefault(route_key(model.operation_model(name)), []).append(name)
        for name in model.operation_names:
            op = model.operation_model(name)
            same_route = [n for n in routes[route_key(op)] if n != name]
            accepted = [name] + (same_route if op.deprecated else [])
            yield pytest.param(service, name, accepted, id=f"{service}.{name}")


@pytest.fixture(scope="session")
def server_operations(endpoint):
    with urllib.request.urlopen(f"{endpoint}/_standin/operations") as response:
        return json.load(response)


@pytest.mark.parametrize("service,operation,accepted", list(cases()))
def test_operation_reaches_its_own_handler(client_factory, server_operations, service, operation, accepted):
    config = {"parameter_validation": False, "inject_host_prefix": False}
    if service == "s3":
        config["s3"] = {"addressing_style": "path"}
    client = client_factory(service, **config)
    op = client.meta.service_model.operation_model(operation)
    params = minimal(op.input_shape) if op.input_shape is not None else {}
    try:
        response = client._make_api_call(operation, params)
        metadata = response["ResponseMetadata"]
    except ClientError as err:
        metadata = err.response["ResponseMetadata"]
    routed = metadata["HTTPHeaders"].get("x-standin-operation")
    if operation not in server_operations[service]["operations"]:
        # botocore knows an operation the pinned model does not (a newer release): the service answers as AWS
        # does for an unknown operation, and never routes it to another one.
        assert routed == "-", f"{operation} is not in the model but was routed to {routed}"
        return
    assert routed in accepted, f"{operation} was routed to {routed}"
