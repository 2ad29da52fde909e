"""Real servers that tests talk to over the network, as plain pytest fixtures.

Import them where they are needed (``from tests.servers import s3_config, s3_server``) or list
this module in the root conftest's ``pytest_plugins``.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

import pytest
import requests
from moto.server import ThreadedMotoServer
from werkzeug.serving import make_server

S3_TEST_REGION = "us-east-1"


@pytest.fixture(scope="session")
def s3_server():
    """moto's S3 server on a free port of 127.0.0.1; yields its endpoint URL."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()


@pytest.fixture
def s3_config(s3_server) -> dict:
    """Settings for ``build_storage`` on an emptied moto; the bucket is named but not created."""
    response = requests.post(f"{s3_server}/moto-api/reset", timeout=10)
    response.raise_for_status()
    return {
        "STORAGE_BACKEND": "s3",
        "S3_BUCKET": f"test-photos-{uuid.uuid4().hex[:12]}",
        "S3_ENDPOINT_URL": s3_server,
        "S3_REGION": S3_TEST_REGION,
        "S3_ACCESS_KEY_ID": "testing",
        "S3_SECRET_ACCESS_KEY": "testing",
        "S3_PUBLIC_BASE_URL": "",
        "S3_PRESIGN_SECONDS": 3600,
    }


@contextmanager
def serving(app) -> Iterator[str]:
    """Serve a WSGI app on a threaded werkzeug server on a free port of 127.0.0.1.

    Yields the base URL (``http://127.0.0.1:PORT``); the server is shut down and its socket
    closed on exit.
    """
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture
def live_server():
    """``live_server(app) -> base_url``: the app on loopback for this test, stopped at teardown.

    Request it after ``app``/``make_app`` so the server stops before their databases are torn down.
    """
    with ExitStack() as stack:
        yield lambda app: stack.enter_context(serving(app))
