"""Fixtures for boto3 tests: one Standin server for the run (STANDIN_ENDPOINT from scripts/test.mjs, or started here)."""
import contextlib
import os
import re
import subprocess
import uuid
from pathlib import Path

import boto3
import pytest
from botocore.config import Config

ROOT = Path(__file__).resolve().parents[2]


@contextlib.contextmanager
def standin_server(**env):
    """A private Standin from dist/ on a free port, with extra environment; yields its endpoint."""
    full = {**os.environ, "STANDIN_PORT": "0", **env}
    proc = subprocess.Popen(["node", str(ROOT / "dist/src/server/main.js")], env=full, stdout=subprocess.PIPE, text=True)
    try:
        out = ""
        while "Ready." not in out:
            line = proc.stdout.readline()
            if not line:
                raise RuntimeError(f"Standin exited before Ready.: {out}")
            out += line
        yield re.search(r"listening on (http://\S+)", out).group(1)
    finally:
        proc.terminate()
        proc.wait()


@pytest.fixture(scope="session")
def endpoint():
    given = os.environ.get("STANDIN_ENDPOINT")
    if given:
        yield given
        return
    with standin_server(STANDIN_VALIDATE_OUTPUT="1", STANDIN_DEBUG_HEADERS="1") as url:
        yield url


@pytest.fixture(scope="session")
def client_factory(endpoint):
    def make(service, **config):
        return boto3.client(
            service,
            endpoint_url=endpoint,
            region_name="us-east-1",
            aws_access_key_id="test",
            aws_secret_access_key="test",
            config=Config(retries={"max_attempts": 1}, **config),
        )

    return make


@pytest.fixture
def unique():
    return lambda prefix: f"{prefix}-{uuid.uuid4().hex[:12]}"
