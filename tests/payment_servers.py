"""localstripe, a stateful fake Stripe API, as pytest fixtures.

Import them where they are needed
(``from tests.payment_servers import localstripe_server, stripe_config``) or list this module in
the root conftest's ``pytest_plugins``. The server runs as a subprocess through the same launcher
as ``make run`` (``devtools.localstripe_dev``): bound to 127.0.0.1 on a free port,
with its state file in a temporary folder.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterable
from pathlib import Path

import pytest
import requests

from devtools.localstripe_dev import READY_PREFIX

PROJECT_ROOT = Path(__file__).resolve().parent.parent
START_TIMEOUT = 20.0

# localstripe accepts any key with these prefixes; the webhook secret is whatever we register.
TEST_SECRET_KEY = "sk_test_chophien"
TEST_PUBLISHABLE_KEY = "pk_test_chophien"
TEST_WEBHOOK_SECRET = "whsec_test_chophien"


def _wait_for_base_url(process: subprocess.Popen, log_path: Path) -> str:
    deadline = time.monotonic() + START_TIMEOUT
    base = None
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"localstripe exited early:\n{log_path.read_text()}")
        if base is None:
            for line in log_path.read_text().splitlines():
                if line.startswith(READY_PREFIX):
                    base = line[len(READY_PREFIX) :].strip()
        if base is not None:
            try:
                # Served without authentication: a cheap "are you up" probe.
                if requests.get(f"{base}/js.stripe.com/v3/", timeout=2).ok:
                    return base
            except requests.ConnectionError:
                pass
        time.sleep(0.05)
    raise RuntimeError(f"localstripe did not start in {START_TIMEOUT} s:\n{log_path.read_text()}")


@pytest.fixture(scope="session")
def localstripe_server(tmp_path_factory):
    """localstripe on a free port of 127.0.0.1; yields its base URL ("http://127.0.0.1:PORT")."""
    folder = tmp_path_factory.mktemp("localstripe")
    log_path = folder / "localstripe.log"
    command = [
        sys.executable,
        "-m",
        "devtools.localstripe_dev",
        "--port",
        "0",
        "--store",
        str(folder / "localstripe.pickle"),
    ]
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT), "PYTHONUNBUFFERED": "1"}
    # Output goes to a file, not a pipe nobody reads (a full pipe would block the server).
    with log_path.open("wb") as log:
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
            command, cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
        )
    try:
        yield _wait_for_base_url(process, log_path)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def flush_localstripe(base: str) -> None:
    """Forget every object (intents, charges, refunds, events). Webhooks stay registered."""
    requests.delete(f"{base}/_config/data", timeout=10).raise_for_status()


@pytest.fixture
def stripe_config(localstripe_server) -> dict:
    """Settings for ``build_gateway`` (and the payment page) on an emptied localstripe."""
    flush_localstripe(localstripe_server)
    return {
        "STRIPE_SECRET_KEY": TEST_SECRET_KEY,
        "STRIPE_PUBLISHABLE_KEY": TEST_PUBLISHABLE_KEY,
        "STRIPE_WEBHOOK_SECRET": TEST_WEBHOOK_SECRET,
        "STRIPE_API_BASE": localstripe_server,
        "STRIPE_JS_URL": f"{localstripe_server}/js.stripe.com/v3/",
    }


def register_webhook(
    base: str,
    url: str,
    secret: str = TEST_WEBHOOK_SECRET,
    events: Iterable[str] | None = None,
    webhook_id: str = "tests",
) -> None:
    """Have localstripe deliver signed events to ``url`` (all of them, or only ``events``).

    Registering the same ``webhook_id`` again replaces the earlier one; there is no way to remove
    one, so ``disable_webhook`` points it at an event type that never happens. localstripe waits
    about 1 s after an event before it delivers it.
    """
    body: dict = {"url": url, "secret": secret}
    if events is not None:
        body["events"] = list(events)
    # JSON, because localstripe reads a JSON body first and a list is plain there.
    response = requests.post(f"{base}/_config/webhooks/{webhook_id}", json=body, timeout=10)
    response.raise_for_status()


def disable_webhook(base: str, webhook_id: str = "tests") -> None:
    register_webhook(
        base, "http://127.0.0.1:9/", "whsec_disabled", ["localstripe.disabled"], webhook_id
    )


def card_from_browser(config: dict, number: str) -> str:
    """What localstripe's Stripe.js ``createToken(cardElement)`` sends; returns the card's id."""
    response = requests.post(
        f"{config['STRIPE_API_BASE']}/v1/tokens",
        data={
            "card[number]": number,
            "card[exp_month]": "12",
            "card[exp_year]": "2034",
            "card[cvc]": "123",
            "key": config["STRIPE_PUBLISHABLE_KEY"],
            "payment_user_agent": "localstripe",
        },
        timeout=10,
    )
    response.raise_for_status()
    return response.json()["card"]["id"]
