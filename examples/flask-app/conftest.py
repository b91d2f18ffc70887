"""The Standin the example runs against: STANDIN_ENDPOINT (set by npm test), else a Standin on localhost:4566."""
import os

import pytest


@pytest.fixture(scope="session")
def endpoint():
    return os.environ.get("STANDIN_ENDPOINT", "http://localhost:4566")
