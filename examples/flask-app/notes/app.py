"""A small notes service: metadata in DynamoDB, attachments in S3, through plain boto3.

Nothing here knows about Standin: inside Lambda, boto3 finds Standin through AWS_ENDPOINT_URL, which Standin
sets for every function, exactly as the same code would find real AWS without it.
"""
import base64
import json
import os
import uuid

import boto3
from botocore.exceptions import ClientError
from flask import Flask, Response, jsonify, request

app = Flask(__name__)
TABLE = os.environ.get("NOTES_TABLE", "notes")
BUCKET = os.environ.get("NOTES_BUCKET", "notes-attachments")
dynamodb = boto3.client("dynamodb")
s3 = boto3.client("s3")


def to_note(item):
    return {"id": item["id"]["S"], "title": item["title"]["S"], "body": item.get("body", {"S": ""})["S"]}


@app.post("/notes")
def create_note():
    data = request.get_json(silent=True) or {}
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        return jsonify({"error": "title is required"}), 400
    note = {"id": uuid.uuid4().hex, "title": title, "body": str(data.get("body", ""))}
    dynamodb.put_item(
        TableName=TABLE,
        Item={k: {"S": v} for k, v in note.items()},
        ConditionExpression="attribute_not_exists(id)",
    )
    return jsonify(note), 201


@app.get("/notes")
def list_notes():
    limit = min(int(request.args.get("limit", "10")), 100)
    params = {"TableName": TABLE, "Limit": limit}
    token = request.args.get("next")
    if token:
        params["ExclusiveStartKey"] = json.loads(base64.urlsafe_b64decode(token))
    page = dynamodb.scan(**params)
    out = {"notes": [to_note(i) for i in page.get("Items", [])]}
    if "LastEvaluatedKey" in page:
        out["next"] = base64.urlsafe_b64encode(json.dumps(page["LastEvaluatedKey"]).encode()).decode()
    return jsonify(out)


@app.get("/notes/<note_id>")
def get_note(note_id):
    item = dynamodb.get_item(TableName=TABLE, Key={"id": {"S": note_id}}).get("Item")
    if item is None:
        return jsonify({"error": "not found"}), 404
    return jsonify(to_note(item))


@app.put("/notes/<note_id>/attachment")
def put_attachment(note_id):
    if "Item" not in dynamodb.get_item(TableName=TABLE, Key={"id": {"S": note_id}}):
        return jsonify({"error": "not found"}), 404
    s3.put_object(Bucket=BUCKET, Key=f"attachments/{note_id}", Body=request.get_data(), ContentType=request.content_type or "application/octet-stream")
    return "", 204


@app.get("/notes/<note_id>/attachment")
def get_attachment(note_id):
    try:
        obj = s3.get_object(Bucket=BUCKET, Key=f"attachments/{note_id}")
    except ClientError as err:
        if err.response["Error"]["Code"] == "NoSuchKey":
            return jsonify({"error": "no attachment"}), 404
        raise
    return Response(obj["Body"].read(), mimetype=obj["ContentType"])


@app.get("/boom")
def boom():
    raise RuntimeError("deliberate failure")
