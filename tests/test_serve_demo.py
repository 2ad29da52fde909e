"""`make run`'s launcher (scripts/serve-demo): its own localstripe, and links to its own port.

Issue 7, item 3: with another server on localstripe's port, the demo must never talk to it; and
mail links follow HOST and PORT. The script runs for real, from a copy of the project in a
temporary folder (its instance/ folder, database and localstripe state stay there).
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import requests

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BASH = shutil.which("bash") or "/bin/bash"
COPIED = (
    "devtools",
    "marketplace",
    "migrations",
    "scripts",
    "static",
    "templates",
    "translations",
    "wsgi.py",
)


class Squatter:
    """Another program's HTTP server, which records every request it gets."""

    def __init__(self, port: int) -> None:
        requests_seen = self.requests = []

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                requests_seen.append(self.path)
                self.send_response(200)
                self.end_headers()
                self.wfile.write(b"not localstripe")

            do_POST = do_GET

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def squatter():
    try:
        server = Squatter(8420)  # the port the demo used to insist on
    except OSError:
        server = Squatter(0)
    yield server
    server.stop()


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "project"
    root.mkdir()
    for name in COPIED:
        source = PROJECT_ROOT / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, root / name)
    return root


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _environment(**extra) -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("STRIPE_", "DATABASE_URL", "PUBLIC_BASE_URL", "MARKETPLACE_ENV"))
    }
    env.update(PY=sys.executable, HOST="127.0.0.1", LOG_LEVEL="INFO", **extra)
    return env


def test_a_taken_stripe_port_is_refused_loudly(project, squatter):
    result = subprocess.run(  # noqa: S603 - our own script
        [BASH, "scripts/serve-demo"],
        cwd=project,
        env=_environment(PORT=str(_free_port()), STRIPE_DEMO_PORT=str(squatter.port)),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert f"STRIPE_DEMO_PORT={squatter.port}" in result.stderr
    assert "another program is using that port" in result.stderr
    assert "serving on" not in result.stdout  # neither seeded nor served
    assert squatter.requests == []


def _wait_for(pattern: str, log: Path, process: subprocess.Popen, timeout: float = 180) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = log.read_text(errors="replace")
        match = re.search(pattern, text)
        if match:
            return match.group(0)
        if process.poll() is not None:
            pytest.fail(f"serve-demo exited with {process.returncode}:\n{text}")
        time.sleep(0.2)
    pytest.fail(f"no {pattern!r} in {timeout} s:\n{log.read_text(errors='replace')}")


def test_the_demo_uses_its_own_localstripe_and_links_to_its_own_port(project, squatter, tmp_path):
    python = [sys.executable, "-m", "flask", "--app", "wsgi"]
    subprocess.run(  # noqa: S603 - our own interpreter and app
        [*python, "db", "upgrade"], cwd=project, env=_environment(), check=True
    )
    port = _free_port()
    log = tmp_path / "serve-demo.log"
    with log.open("w") as out:
        process = subprocess.Popen(  # noqa: S603 - our own script
            [BASH, "scripts/serve-demo"],
            cwd=project,
            env=_environment(PORT=str(port), DEMO_PHOTOS="0"),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # one process group: the script, localstripe and flask
        )
    try:
        stripe_line = _wait_for(r"localstripe on http://127\.0\.0\.1:(\d+)", log, process)
        stripe_base = stripe_line.split(" on ")[1]
        _wait_for(r"Chợ Phiên is serving on .*\n", log, process)
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                home = requests.get(base + "/", timeout=5)
                break
            except requests.ConnectionError:
                time.sleep(0.2)
        else:
            pytest.fail(log.read_text())
        text = log.read_text()

        assert stripe_base != f"http://127.0.0.1:{squatter.port}"
        # The app loads Stripe.js from, and talks to, the localstripe it started.
        assert stripe_base in home.headers["Content-Security-Policy"]
        assert requests.get(f"{stripe_base}/js.stripe.com/v3/", timeout=5).ok
        # The seed paid and refunded card orders through it (11 orders: both kinds).
        assert re.search(r"\b11 orders created", text), text
        # Mail written during the seed links to this server's port, not 5000.
        assert f"{base}/my/orders/" in text
        assert "127.0.0.1:5000" not in text
        assert squatter.requests == []
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    # Everything it started (localstripe, flask) has stopped: its process group is empty.
    for _ in range(100):
        try:
            os.killpg(process.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        os.killpg(process.pid, signal.SIGKILL)
        pytest.fail("serve-demo left processes running")
