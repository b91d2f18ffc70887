"""Package the notes app and deploy it to Standin (or any AWS endpoint): bucket, table, function, REST API.

    python deploy.py --endpoint http://localhost:4566 --adapter mangum

prints the invoke URL. The zip vendors Flask and the adapter with `pip install --target`, as for real Lambda.
"""
import argparse
import io
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import boto3

HERE = Path(__file__).resolve().parent
ROLE = "arn:aws:iam::000000000000:role/notes-lambda"
HANDLERS = {
    "mangum": "notes.handlers.mangum_handler",
    "apig-wsgi": "notes.handlers.apig_wsgi_handler",
    "serverless-wsgi": "notes.handlers.serverless_wsgi_handler",
}


def build_zip() -> bytes:
    with tempfile.TemporaryDirectory() as build:
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "-q", "--disable-pip-version-check", "--target", build, "-r", str(HERE / "requirements.txt")],
            check=True,
        )
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            for root in (Path(build), HERE):
                for path in sorted(root.rglob("*")):
                    rel = path.relative_to(root)
                    if path.is_file() and "__pycache__" not in rel.parts and (root != HERE or rel.parts[0] == "notes"):
                        z.write(path, str(rel))
        return buf.getvalue()


def deploy(endpoint: str, adapter: str, name: str, code: bytes | None = None, python_path: str | None = None) -> str:
    session = boto3.session.Session(aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1")
    client = lambda service: session.client(service, endpoint_url=endpoint)  # noqa: E731
    s3, ddb, lam, apigw = client("s3"), client("dynamodb"), client("lambda"), client("apigateway")

    bucket, table = f"{name}-files", f"{name}-notes"
    s3.create_bucket(Bucket=bucket)
    ddb.create_table(
        TableName=table,
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        BillingMode="PAY_PER_REQUEST",
    )
    variables = {"NOTES_TABLE": table, "NOTES_BUCKET": bucket}
    if python_path:
        variables["PYTHONPATH"] = python_path
    fn = lam.create_function(
        FunctionName=name,
        Runtime="python3.12",
        Handler=HANDLERS[adapter],
        Role=ROLE,
        Code={"ZipFile": code if code is not None else build_zip()},
        Timeout=30,
        Environment={"Variables": variables},
    )
    lam.get_waiter("function_active_v2").wait(FunctionName=name)

    api = apigw.create_rest_api(name=name, binaryMediaTypes=["application/octet-stream", "image/png"])
    root_id = next(r["id"] for r in apigw.get_resources(restApiId=api["id"])["items"] if r["path"] == "/")
    proxy = apigw.create_resource(restApiId=api["id"], parentId=root_id, pathPart="{proxy+}")
    uri = f"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{fn['FunctionArn']}/invocations"
    for resource_id in (root_id, proxy["id"]):
        apigw.put_method(restApiId=api["id"], resourceId=resource_id, httpMethod="ANY", authorizationType="NONE")
        apigw.put_integration(restApiId=api["id"], resourceId=resource_id, httpMethod="ANY", type="AWS_PROXY", integrationHttpMethod="POST", uri=uri)
    apigw.create_deployment(restApiId=api["id"], stageName="dev")
    return f"{endpoint}/_aws/execute-api/{api['id']}/dev"


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--endpoint", default=os.environ.get("AWS_ENDPOINT_URL", "http://localhost:4566"))
    parser.add_argument("--adapter", choices=sorted(HANDLERS), default="mangum")
    parser.add_argument("--name", default="notes")
    args = parser.parse_args()
    print(deploy(args.endpoint, args.adapter, args.name))
