"""The Stripe adapter against localstripe, a fake Stripe API server running as a subprocess.

A browser pays the way localstripe's fake Stripe.js does: it turns the card into a token with the
publishable key (``POST /v1/tokens``), and the server confirms the intent with that card; a 3-D
Secure card then needs ``POST /v1/payment_intents/<id>/_authenticate`` from the browser.
"""

from __future__ import annotations

import json
import socket
import time

import pytest
import requests
import stripe
from flask import Flask, request

from marketplace.config import ConfigurationError
from marketplace.payments.stripe_gateway import (
    GatewayError,
    Intent,
    StripeGateway,
    WebhookSignatureError,
    build_gateway,
)
from tests.payment_servers import card_from_browser

# The localstripe_server and stripe_config fixtures come from tests/payment_servers.py, which
# the root conftest loads as a plugin.

VISA = "4242424242424242"
DECLINED_ON_CHARGE = "4000000000000341"  # localstripe declines 4000000000000002 only on attach
THREE_D_SECURE = "4000002500003155"
WEBHOOK_SECRET = "whsec_test_unit"


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def gateway(stripe_config) -> StripeGateway:
    built = build_gateway(stripe_config)
    assert built is not None
    return built


def _create(gateway: StripeGateway, amount: int = 125000, order: str = "CP-0001") -> Intent:
    return gateway.create_intent(
        amount=amount,
        idempotency_key=f"order-{order}-attempt-1",
        metadata={"order_code": order, "buyer": "Nguyễn Văn A"},
        description=f"Chợ Phiên {order}",
    )


def _pay(gateway: StripeGateway, config: dict, intent: Intent, number: str = VISA) -> Intent:
    card = card_from_browser(config, number)
    return gateway.confirm_intent(intent_id=intent.id, payment_method=card)


# -- intents -----------------------------------------------------------------------------------


def test_intent_in_vnd_is_stored_and_read_back_untouched(gateway):
    created = _create(gateway)
    assert created.id.startswith("pi_")
    assert created.status == "requires_payment_method"
    assert created.client_secret and created.client_secret.startswith(created.id + "_secret_")

    read = gateway.retrieve_intent(created.id)
    assert read.amount == 125000  # zero-decimal: 125.000 ₫, not 1.250 ₫
    assert read.currency == "vnd"
    assert read.metadata == {"order_code": "CP-0001", "buyer": "Nguyễn Văn A"}
    assert read.amount_received == 0


@pytest.mark.parametrize("amount", [0, -1000, True, 1000.0, "125000", None])
def test_intent_amount_must_be_a_positive_int(gateway, amount):
    with pytest.raises(ValueError, match="positive whole number"):
        _create(gateway, amount=amount)


def test_test_card_pays_the_intent(gateway, stripe_config):
    intent = _create(gateway)
    confirmed = _pay(gateway, stripe_config, intent)
    assert confirmed.status == "succeeded"

    read = gateway.retrieve_intent(intent.id)
    assert read.status == "succeeded"
    assert read.amount_received == 125000
    assert read.last_payment_error is None


def test_declined_card_leaves_the_intent_unpaid(gateway, stripe_config):
    intent = _create(gateway)
    confirmed = _pay(gateway, stripe_config, intent, DECLINED_ON_CHARGE)
    assert confirmed.status == "requires_payment_method"
    assert confirmed.last_payment_error == "Your card was declined."

    read = gateway.retrieve_intent(intent.id)
    assert read.status != "succeeded"
    assert read.amount_received == 0
    # The real Stripe lets the buyer retry the same intent with another card; localstripe answers
    # 400 (its status stays requires_payment_method but confirm wants requires_confirmation).


def test_three_d_secure_card_needs_the_browser_to_authenticate(gateway, stripe_config):
    intent = _create(gateway)
    assert _pay(gateway, stripe_config, intent, THREE_D_SECURE).status == "requires_action"

    # What localstripe's Stripe.js confirmCardPayment(clientSecret) sends after its 3DS dialog.
    response = requests.post(
        f"{stripe_config['STRIPE_API_BASE']}/v1/payment_intents/{intent.id}/_authenticate",
        params={"success": "true"},
        json={
            "key": stripe_config["STRIPE_PUBLISHABLE_KEY"],
            "client_secret": intent.client_secret,
        },
        timeout=10,
    )
    response.raise_for_status()
    assert gateway.retrieve_intent(intent.id).status == "succeeded"


def test_unknown_intent_is_a_gateway_error(gateway):
    with pytest.raises(GatewayError, match="404"):
        gateway.retrieve_intent("pi_doesnotexist")


# -- refunds -----------------------------------------------------------------------------------


def test_refund_part_then_the_rest(gateway, stripe_config):
    intent = _create(gateway)
    _pay(gateway, stripe_config, intent)

    first = gateway.refund(intent_id=intent.id, amount=25000, idempotency_key="refund-1")
    assert (first.status, first.amount, first.payment_intent) == ("succeeded", 25000, intent.id)
    with pytest.raises(GatewayError, match="only 100000 left"):
        gateway.refund(intent_id=intent.id, amount=100001, idempotency_key="refund-2")
    rest = gateway.refund(intent_id=intent.id, amount=100000, idempotency_key="refund-3")
    assert rest.amount == 100000
    assert rest.id != first.id
    with pytest.raises(GatewayError, match="only 0 left"):
        gateway.refund(intent_id=intent.id, amount=1, idempotency_key="refund-4")


def test_unpaid_intent_cannot_be_refunded(gateway):
    intent = _create(gateway)
    with pytest.raises(GatewayError, match="nothing to refund"):
        gateway.refund(intent_id=intent.id, amount=1000, idempotency_key="refund-1")


def test_refund_amount_must_be_a_positive_int(gateway):
    with pytest.raises(ValueError):
        gateway.refund(intent_id="pi_x", amount=0, idempotency_key="refund-1")


# -- failures ----------------------------------------------------------------------------------


def test_unreachable_stripe_is_a_gateway_error():
    down = StripeGateway(
        secret_key="sk_test_down",
        webhook_secret=WEBHOOK_SECRET,
        api_base=f"http://127.0.0.1:{_closed_port()}",
    )
    with pytest.raises(GatewayError, match="could not create a payment") as caught:
        _create(down)
    assert "\n" not in str(caught.value)
    with pytest.raises(GatewayError):
        down.retrieve_intent("pi_x")
    with pytest.raises(GatewayError):
        down.refund(intent_id="pi_x", amount=1000, idempotency_key="refund-1")


def test_build_gateway_reads_the_configuration(stripe_config):
    assert build_gateway({**stripe_config, "STRIPE_SECRET_KEY": ""}) is None
    assert build_gateway({}) is None
    with pytest.raises(ConfigurationError, match="STRIPE_WEBHOOK_SECRET"):
        build_gateway({**stripe_config, "STRIPE_WEBHOOK_SECRET": ""})
    assert isinstance(build_gateway(stripe_config), StripeGateway)


# -- webhook signatures ------------------------------------------------------------------------


def _event_body(event_id: str = "evt_1") -> bytes:
    event = {
        "id": event_id,
        "object": "event",
        "type": "payment_intent.succeeded",
        "data": {"object": {"id": "pi_1", "object": "payment_intent", "amount": 125000}},
    }
    return json.dumps(event).encode()


def _sign(body: bytes, secret: str = WEBHOOK_SECRET, timestamp: int | None = None) -> str:
    return stripe.WebhookSignature.generate_signature_header(body.decode(), secret, timestamp)


@pytest.fixture
def offline_gateway() -> StripeGateway:
    # parse_event never talks to Stripe: no server needed.
    return StripeGateway(
        secret_key="sk_test_x", webhook_secret=WEBHOOK_SECRET, api_base="http://127.0.0.1:9"
    )


def test_parse_event_accepts_a_signed_body(offline_gateway):
    body = _event_body()
    event = offline_gateway.parse_event(body, _sign(body))
    assert event["id"] == "evt_1"
    assert event["type"] == "payment_intent.succeeded"
    assert event["data"]["object"]["amount"] == 125000
    assert type(event) is dict
    assert type(event["data"]["object"]) is dict


@pytest.mark.parametrize(
    "header",
    [
        None,
        "",
        "garbage",
        "t=notanumber,v1=abc",
        "t=1700000000",
    ],
)
def test_parse_event_rejects_a_missing_or_malformed_header(offline_gateway, header):
    with pytest.raises(WebhookSignatureError):
        offline_gateway.parse_event(_event_body(), header)


def test_parse_event_rejects_another_secret(offline_gateway):
    body = _event_body()
    with pytest.raises(WebhookSignatureError, match="No signatures found matching"):
        offline_gateway.parse_event(body, _sign(body, "whsec_someone_else"))


def test_parse_event_rejects_a_tampered_body(offline_gateway):
    body = _event_body()
    header = _sign(body)
    tampered = body.replace(b"125000", b"1")
    with pytest.raises(WebhookSignatureError):
        offline_gateway.parse_event(tampered, header)


def test_parse_event_rejects_an_old_signature(offline_gateway):
    body = _event_body()
    old = _sign(body, timestamp=int(time.time()) - 301)
    with pytest.raises(WebhookSignatureError, match="tolerance"):
        offline_gateway.parse_event(body, old)
    # A longer tolerance (replaying stored events by hand) accepts it.
    assert offline_gateway.parse_event(body, old, tolerance=3600)["id"] == "evt_1"


@pytest.mark.parametrize("body", [b"not json", b"[1, 2]", b'{"id": "evt_1"}', b"\xff\xfe"])
def test_parse_event_rejects_signed_bodies_that_are_not_events(offline_gateway, body):
    header = stripe.WebhookSignature.generate_signature_header(
        body.decode("latin-1"), WEBHOOK_SECRET
    )
    with pytest.raises(WebhookSignatureError):
        offline_gateway.parse_event(body, header)


def test_parse_event_with_an_empty_webhook_secret_accepts_nothing():
    gateway = StripeGateway(secret_key="sk_test_x", webhook_secret="", api_base="http://x")
    body = _event_body()
    with pytest.raises(WebhookSignatureError):
        gateway.parse_event(body, _sign(body, ""))


# -- end to end: localstripe delivers a signed event to a real HTTP endpoint --------------------


@pytest.fixture
def webhook_receiver(gateway, live_server):
    """A Flask app on a loopback port that verifies what arrives; yields (url, received)."""
    received: list[dict] = []
    rejected: list[str] = []
    app = Flask(__name__)

    @app.post("/hook")
    def hook():
        try:
            event = gateway.parse_event(request.get_data(), request.headers.get("Stripe-Signature"))
        except WebhookSignatureError as exc:
            rejected.append(str(exc))
            return "bad signature", 400
        received.append(event)
        return "", 200

    return f"{live_server(app)}/hook", received, rejected


def test_localstripe_delivers_a_signed_payment_succeeded_event(
    gateway,
    stripe_config,
    webhook_receiver,
):
    from tests.payment_servers import disable_webhook, register_webhook

    url, received, rejected = webhook_receiver
    base = stripe_config["STRIPE_API_BASE"]
    register_webhook(
        base,
        url,
        stripe_config["STRIPE_WEBHOOK_SECRET"],
        events=["payment_intent.succeeded", "payment_intent.payment_failed"],
    )
    try:
        intent = _create(gateway, order="CP-0042")
        assert _pay(gateway, stripe_config, intent).status == "succeeded"

        def matching() -> list[dict]:
            return [
                e
                for e in received
                if e["type"] == "payment_intent.succeeded"
                and e["data"]["object"]["id"] == intent.id
            ]

        deadline = time.monotonic() + 10  # localstripe waits ~1 s before it sends
        while not matching() and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        disable_webhook(base)

    assert rejected == []
    (event,) = matching()
    assert event["id"].startswith("evt_")
    paid = event["data"]["object"]
    assert paid["amount"] == 125000
    assert paid["currency"] == "vnd"
    assert paid["metadata"]["order_code"] == "CP-0042"
    assert paid["status"] == "succeeded"
