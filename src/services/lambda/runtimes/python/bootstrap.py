"""Standin's Python runtime: loads the handler once, then serves invocations from the Lambda Runtime API.

Standard library only. Error payloads, the context object and the log format follow the AWS Python runtime
(awslambdaric): errorMessage/errorType/requestId/stackTrace, Runtime.ImportModuleError and friends at init.
"""
import importlib
import json
import logging
import os
import socket
import sys
import time

API = os.environ["AWS_LAMBDA_RUNTIME_API"]
BASE = "/2018-06-01/runtime"


class Response:
    def __init__(self, status, headers):
        self.status = status
        self.headers = headers

    def getheader(self, name):
        return self.headers.get(name.lower())


class RuntimeClient:
    """A minimal HTTP/1.1 keep-alive client: http.client costs more start-up time than the whole loop needs."""

    def __init__(self):
        host, port = API.rsplit(":", 1)
        self.sock = socket.create_connection((host, int(port)))
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buf = b""

    def _read_until(self, marker):
        while marker not in self.buf:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("Runtime API closed the connection")
            self.buf += chunk
        head, _, self.buf = self.buf.partition(marker)
        return head

    def _read_exact(self, n):
        while len(self.buf) < n:
            chunk = self.sock.recv(max(65536, n - len(self.buf)))
            if not chunk:
                raise ConnectionError("Runtime API closed the connection")
            self.buf += chunk
        data, self.buf = self.buf[:n], self.buf[n:]
        return data

    def request(self, method, path, body=b"", headers=None):
        try:
            lines = [f"{method} {BASE}{path} HTTP/1.1", f"Host: {API}", f"Content-Length: {len(body)}"]
            lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
            self.sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)
            head = self._read_until(b"\r\n\r\n").decode("latin-1").split("\r\n")
            status = int(head[0].split(" ", 2)[1])
            hdrs = {}
            for line in head[1:]:
                k, _, v = line.partition(":")
                hdrs[k.strip().lower()] = v.strip()
            data = self._read_exact(int(hdrs.get("content-length", "0")))
        except OSError:
            # Standin went away: an execution environment never outlives it.
            os._exit(0)
        return Response(status, hdrs), data

    def next(self):
        return self.request("GET", "/invocation/next")

    def post(self, path, payload, error_type=None):
        headers = {"Content-Type": "application/json"}
        if error_type:
            headers["Lambda-Runtime-Function-Error-Type"] = error_type
        self.request("POST", path, body=payload, headers=headers)


class CognitoIdentity:
    __slots__ = ["cognito_identity_id", "cognito_identity_pool_id"]


class Client:
    __slots__ = ["installation_id", "app_title", "app_version_name", "app_version_code", "app_package_name"]


class ClientContext:
    __slots__ = ["custom", "env", "client"]


class LambdaContext:
    def __init__(self, request_id, deadline_ms, invoked_arn, client_context, identity):
        self.aws_request_id = request_id
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.invoked_function_arn = invoked_arn
        self.tenant_id = None
        self._deadline_ms = deadline_ms
        self.client_context = None
        if client_context:
            ctx = ClientContext()
            ctx.custom = client_context.get("custom")
            ctx.env = client_context.get("env")
            ctx.client = None
            raw = client_context.get("client")
            if raw:
                ctx.client = Client()
                ctx.client.installation_id = raw.get("installation_id")
                ctx.client.app_title = raw.get("app_title")
                ctx.client.app_version_name = raw.get("app_version_name")
                ctx.client.app_version_code = raw.get("app_version_code")
                ctx.client.app_package_name = raw.get("app_package_name")
            self.client_context = ctx
        self.identity = CognitoIdentity()
        self.identity.cognito_identity_id = (identity or {}).get("cognitoIdentityId")
        self.identity.cognito_identity_pool_id = (identity or {}).get("cognitoIdentityPoolId")

    def get_remaining_time_in_millis(self):
        return max(int(self._deadline_ms - time.time() * 1000), 0)

    def __repr__(self):
        return (
            f"LambdaContext([aws_request_id={self.aws_request_id},log_group_name={self.log_group_name},"
            f"log_stream_name={self.log_stream_name},function_name={self.function_name},"
            f"memory_limit_in_mb={self.memory_limit_in_mb},function_version={self.function_version},"
            f"invoked_function_arn={self.invoked_function_arn},client_context={self.client_context},"
            f"identity={self.identity}])"
        )


class RequestIdFilter(logging.Filter):
    request_id = ""

    def filter(self, record):
        record.aws_request_id = RequestIdFilter.request_id
        return True


def setup_logging():
    # The Lambda Python runtime's text format: [LEVEL]\t<time>\t<request id>\t<message>
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s\n", "%Y-%m-%dT%H:%M:%S"))
    handler.formatter.converter = time.gmtime
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.WARNING)


def error_json(exc, request_id, error_type=None):
    import traceback

    tb = traceback.extract_tb(exc.__traceback__)
    # The runtime drops its own frames from the trace users see.
    frames = [f for f in tb if not f.filename.endswith("bootstrap.py")]
    return {
        "errorMessage": str(exc),
        "errorType": error_type or type(exc).__name__,
        "requestId": request_id,
        "stackTrace": traceback.format_list(frames),
    }


def init_error(message, error_type, exc=None):
    body = {"errorMessage": message, "errorType": error_type, "requestId": "", "stackTrace": []}
    if exc is not None and error_type == "Runtime.UserCodeSyntaxError":
        body["stackTrace"] = [f'  File "{exc.filename}" Line {exc.lineno}\n    {(exc.text or "").strip()}\n']
    return body


def load_handler(spec):
    try:
        module_path, name = spec.rsplit(".", 1)
    except ValueError as e:
        return None, init_error(f"Bad handler '{spec}': {e}", "Runtime.MalformedHandlerName")
    module_name = module_path.replace("/", ".")
    try:
        module = importlib.import_module(module_name)
    except ImportError as e:
        return None, init_error(f"Unable to import module '{module_name}': {e}", "Runtime.ImportModuleError")
    except SyntaxError as e:
        return None, init_error(f"Syntax error in module '{module_name}': {e}", "Runtime.UserCodeSyntaxError", e)
    except Exception as e:  # noqa: BLE001 - an exception at import is reported as the init error
        body = error_json(e, "")
        return None, body
    handler = getattr(module, name, None)
    if handler is None:
        return None, init_error(f"Handler '{name}' missing on module '{module_name}'", "Runtime.HandlerNotFound")
    return handler, None


def default(o):
    import decimal

    if isinstance(o, decimal.Decimal):
        return int(o) if o == o.to_integral_value() else float(o)
    raise TypeError(f"Object of type {type(o).__name__} is not JSON serializable")


def main():
    task_root = os.environ.get("LAMBDA_TASK_ROOT", os.getcwd())
    # The task root replaces the bootstrap's own folder at the head of the path, as in Lambda.
    sys.path[0] = task_root
    setup_logging()
    client = RuntimeClient()
    # A container image passes the handler as its CMD, as awslambdaric takes it.
    handler, err = load_handler(sys.argv[1] if len(sys.argv) > 1 else os.environ.get("_HANDLER", ""))
    if err is not None:
        print(f"[ERROR] {err['errorType']}: {err['errorMessage']}", flush=True)
        client.post("/init/error", json.dumps(err).encode(), err["errorType"])
        sys.exit(1)
    while True:
        res, body = client.next()
        request_id = res.getheader("Lambda-Runtime-Aws-Request-Id")
        RequestIdFilter.request_id = request_id
        os.environ["_X_AMZN_TRACE_ID"] = res.getheader("Lambda-Runtime-Trace-Id") or ""
        cc = res.getheader("Lambda-Runtime-Client-Context")
        ci = res.getheader("Lambda-Runtime-Cognito-Identity")
        context = LambdaContext(
            request_id,
            int(res.getheader("Lambda-Runtime-Deadline-Ms")),
            res.getheader("Lambda-Runtime-Invoked-Function-Arn"),
            json.loads(cc) if cc else None,
            json.loads(ci) if ci else None,
        )
        try:
            event = json.loads(body) if body else {}
            result = handler(event, context)
            try:
                payload = json.dumps(result, default=default).encode()
            except (TypeError, ValueError) as e:
                out = {"errorMessage": f"Unable to marshal response: {e}", "errorType": "Runtime.MarshalError", "requestId": request_id, "stackTrace": []}
                sys.stdout.flush()
                client.post(f"/invocation/{request_id}/error", json.dumps(out).encode(), "Runtime.MarshalError")
                continue
            sys.stdout.flush()
            sys.stderr.flush()
            client.post(f"/invocation/{request_id}/response", payload)
        except Exception as e:  # noqa: BLE001 - any handler error is the invocation's error
            out = error_json(e, request_id)
            print(f"[ERROR] {out['errorType']}: {out['errorMessage']}\nTraceback (most recent call last):\n{''.join(out['stackTrace'])}", end="", flush=True)
            sys.stderr.flush()
            client.post(f"/invocation/{request_id}/error", json.dumps(out).encode(), out["errorType"])


if __name__ == "__main__":
    main()
