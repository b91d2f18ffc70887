"""Lambda entry points: the same Flask app behind the three adapters teams use most."""
import base64

import serverless_wsgi
from apig_wsgi import make_lambda_handler
from asgiref.wsgi import WsgiToAsgi
from mangum import Mangum

from notes.app import app

_mangum = Mangum(WsgiToAsgi(app), lifespan="off")
apig_wsgi_handler = make_lambda_handler(app, binary_support=True)


def serverless_wsgi_handler(event, context):
    """serverless-wsgi needs no wrapper: it computes CONTENT_LENGTH from the body and base64-encodes binary replies."""
    return serverless_wsgi.handle_request(app, event, context)


def mangum_handler(event, context):
    """Mangum behind API Gateway REST needs a Content-Length header to hand Flask the body.

    API Gateway leaves Content-Length out of proxy events, Mangum only sets CONTENT_LENGTH from that header, and
    without it WsgiToAsgi gives Werkzeug an empty body (Kludex/mangum#143). Standin reproduces that, so the
    workaround below is what makes POST bodies reach Flask on AWS too.
    """
    body = event.get("body") or ""
    raw = base64.b64decode(body) if event.get("isBase64Encoded") else body.encode()
    if raw:
        length = str(len(raw))
        event["headers"] = {**(event.get("headers") or {}), "Content-Length": length}
        if event.get("multiValueHeaders") is not None:
            event["multiValueHeaders"] = {**event["multiValueHeaders"], "Content-Length": [length]}
    return _mangum(event, context)


def crash_handler(event, context):
    """A handler that fails outright: API Gateway answers 502 for a function error."""
    raise RuntimeError("the function crashed")
