"""Lambda entry points: the same Flask app behind the two adapters teams use most."""
from apig_wsgi import make_lambda_handler
from asgiref.wsgi import WsgiToAsgi
from mangum import Mangum

from notes.app import app

# API Gateway sends these as binary (the REST API lists them in binaryMediaTypes).
BINARY = ["application/octet-stream", "image/png"]

mangum_handler = Mangum(WsgiToAsgi(app), lifespan="off")
apig_wsgi_handler = make_lambda_handler(app, binary_support=True)


def crash_handler(event, context):
    """A handler that fails outright: API Gateway answers 502 for a function error."""
    raise RuntimeError("the function crashed")
