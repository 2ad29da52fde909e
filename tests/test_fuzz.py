"""No input makes a 5xx: every rule of the URL map, with huge and garbage ids and bodies.

The walk substitutes each converter's value with numbers too large for the database, negative
numbers, text, NUL bytes and unicode, sends garbage bodies (JSON that is not an object, invalid
JSON, huge numbers, lists, repeated form fields), as a guest, a stall owner and an admin, and
signs garbage bodies for the webhooks with the secrets the webhook tests use.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import re
import time
from urllib.parse import quote

import pytest
import stripe
from sqlalchemy import select

from marketplace.extensions import db
from marketplace.orders.models import Order
from tests.helpers import csrf_token, live_session_with_offer, place_order, studio_with_session
from tests.payment_servers import TEST_WEBHOOK_SECRET

BANK_HMAC_SECRET = "bank-hmac-secret"
BANK_API_KEY = "sepay-test-key-123"
HUGE = str(2**63)
GARBAGE_VALUES = ["99999999999999999999", HUGE, str(2**31), "-1", "0", "abc", "%00", "ệ́", "a" * 300]
GARBAGE_FIELDS = ["99999999999999999999", HUGE, "-1", "\x00", "ü" * 3, "1e999", "[]"]
FIELD_NAMES = [
    "product_id", "quantity", "amount", "reason", "name", "phone", "email", "province_id",
    "commune_id", "bank_id", "category_id", "price", "stock", "weight_grams", "code", "token",
    "identifier", "password", "language", "locale", "next", "status", "ocop_stars",
    "bank_account_number", "bank_account_name", "street", "note", "q", "page", "category",
    "province", "sort", "payment_method", "title", "description", "platform", "stream_url",
    "starts_on", "starts_time", "ends_on", "ends_time", "studio_id", "products", "opens_at",
    "closes_at", "open_weekdays", "address", "live",
]  # fmt: skip
JSON_BODIES = [
    b"[]", b"[1, 2]", b'"text"', b"12", b"null", b"{", b"\xff\xfe", b'{"a": 1e999}',
    json.dumps({"payment_method": ["pm_x"], "id": 2**64, "transferAmount": 2**63}).encode(),
    json.dumps({"payment_method": {"a": 1}, "quantity": 2**70}).encode(),
]  # fmt: skip
_ARG = re.compile(r"<(?:[^<>]*:)?(\w+)>")
QUERIES = [
    "page=99999999999999999999",
    "page=-1&q=%00",
    "status=ü&category=" + HUGE,
    "q=" + "a" * 500,
    "live=%00&platform=%00&province=%00",
    "live=" + HUGE + "&platform=ü&province=" + HUGE,
]


def _form_bodies():
    for value in GARBAGE_FIELDS:
        yield {name: value for name in FIELD_NAMES}
    yield {name: [HUGE, "abc"] for name in FIELD_NAMES}


@pytest.fixture
def world(make_app, make_user, make_stall, make_product, stripe_config):
    app = make_app(
        **stripe_config,
        BANK_WEBHOOK_API_KEY=BANK_API_KEY,
        BANK_WEBHOOK_HMAC_SECRET=BANK_HMAC_SECRET,
        PROPAGATE_EXCEPTIONS=False,
        RATELIMIT_ENABLED=False,
    )
    owner = make_user()
    stall = make_stall(owner)
    product = make_product(stall)
    place_order(app, app.test_client(), [(product, 1)])
    with app.app_context():
        order = db.session.scalar(select(Order))
        _pending, studio_id = studio_with_session(stall, status="pending")
        real = {
            "stall_id": str(stall.id),
            "product_id": str(product.id),
            "order_id": str(order.id),
            "token": order.checkout.token,
            "code": order.code,
            "slug": stall.slug,
            "province_id": str(stall.province_id),
            "photo_id": "1",
            "transfer_id": "1",
            "action": "pack",
            "decision": "approve",
            "direction": "up",
            "filename": "css/app.css",
            "key": "x.jpg",
            "livestream_id": str(live_session_with_offer(stall, product)),
            "studio_id": str(studio_id),
            "change": "deactivate",
        }
    admin = make_user(is_admin=True)
    return app, owner, admin, real


def _urls(rule, real: dict):
    """The rule with real values, then each argument (and all at once) replaced by garbage."""
    args = sorted(rule.arguments)
    yield _ARG.sub(lambda m: quote(real[m.group(1)], safe="%"), rule.rule)
    if not args:
        return

    def build(values):
        return _ARG.sub(lambda m: quote(values[m.group(1)], safe="%"), rule.rule)

    for name in args:
        for garbage in GARBAGE_VALUES:
            yield build({**real, name: garbage})
    for garbage in GARBAGE_VALUES:
        yield build(dict.fromkeys(args, garbage))


def _stripe_signed(body: bytes) -> dict:
    header = stripe.WebhookSignature.generate_signature_header(
        body.decode("latin-1"), TEST_WEBHOOK_SECRET
    )
    return {"Stripe-Signature": header}


def _bank_signed(body: bytes) -> dict:
    return {"X-Signature": hmac.new(BANK_HMAC_SECRET.encode(), body, hashlib.sha256).hexdigest()}


def walk(app, client, real, failures, counter):
    token = csrf_token(client)
    json_headers = {"Content-Type": "application/json", "X-CSRFToken": token}

    def send(method, url, **kwargs):
        counter[0] += 1
        response = client.open(url, method=method, **kwargs)
        if response.status_code >= 500:
            failures.append((method, url, kwargs.get("data"), response.status_code))

    for rule in app.url_map.iter_rules():
        if rule.endpoint in {"accounts.logout", "home.set_language"}:
            continue  # would end the walk's session or change its language; walked separately
        methods = sorted(rule.methods - {"HEAD", "OPTIONS"})
        for n, url in enumerate(_urls(rule, real)):
            for method in methods:
                _send_all(send, method, url, every=n == 0, token=token, json_headers=json_headers)


def _send_all(send, method, url, *, every, token, json_headers):
    """Every body and query for the URL with real ids (``every``); one of each for garbage."""
    if method == "GET":
        send("GET", url)
        for query in QUERIES if every else ():
            send("GET", f"{url}?{query}")
        return
    for form in list(_form_bodies()) if every else [next(_form_bodies())]:
        send(method, url, data={**form, "csrf_token": token})
    for body in JSON_BODIES if every else JSON_BODIES[:1]:
        send(method, url, data=body, headers=json_headers)


def test_no_url_id_or_body_makes_a_5xx(world, log_in, caplog):
    app, owner, admin, real = world
    failures: list = []
    counter = [0]
    started = time.monotonic()
    with caplog.at_level(logging.CRITICAL, logger="marketplace"):
        for user in (None, owner, admin):
            client = app.test_client()
            if user is not None:
                log_in(client, user)
            walk(app, client, real, failures, counter)
        # Signed garbage for the webhooks, and signatures that are not ASCII.
        client = app.test_client()
        bodies = JSON_BODIES + [
            json.dumps(b).encode()
            for b in (
                {"id": 1, "transferType": "in", "transferAmount": [1]},
                {"id": 1, "transferType": "in", "transferAmount": 2**63},
                {"id": [1], "transferType": "in", "transferAmount": 5, "referenceCode": [1]},
                {"id": 2, "transferType": "in", "transferAmount": 5, "content": {"a": 1},
                 "accountNumber": ["x"], "transactionDate": 2**70},
                {"id": "evt_1", "type": "payment_intent.succeeded", "data": {"object": {"id": 5}}},
                {"id": "evt_2", "type": "payment_intent.created", "data": {"object": {"id": [1]}}},
                {"id": "evt_3", "type": "payment_intent.succeeded", "data": {"object": {}}},
            )
        ]  # fmt: skip
        for body in bodies:
            for url, headers in (
                ("/webhooks/stripe", _stripe_signed(body)),
                ("/webhooks/bank", _bank_signed(body)),
                ("/webhooks/bank", {"Authorization": f"Apikey {BANK_API_KEY}"}),
            ):
                counter[0] += 1
                response = client.post(
                    url, data=body, headers={**headers, "Content-Type": "application/json"}
                )
                if response.status_code >= 500:
                    failures.append(("POST", url, body, response.status_code))
        non_ascii = "chữ ký".encode().decode("latin-1")  # UTF-8 bytes, as WSGI hands them over
        for url, header, value in (
            ("/webhooks/stripe", "Stripe-Signature", non_ascii),
            ("/webhooks/stripe", "Stripe-Signature", f"t={int(time.time())},v1={non_ascii}"),
            ("/webhooks/bank", "X-Signature", non_ascii),
        ):
            counter[0] += 1
            response = client.post(url, data=b"{}", headers={header: value})
            if response.status_code >= 500:
                failures.append(("POST", url, header, response.status_code))
    elapsed = time.monotonic() - started
    print(f"\nfuzz: {counter[0]} requests, {len(failures)} 5xx, {elapsed:.0f} s")
    assert not failures, "\n".join(repr(f) for f in failures[:40]) + f"\n({len(failures)} in all)"


# --- The five ways the fuzzing found, one by one, with the 4xx and body each must get ---------


def test_an_id_too_large_for_the_database_is_a_404(world, log_in):
    app, owner, _admin, _real = world
    client = app.test_client()
    assert client.get("/products/99999999999999999999").status_code == 404
    assert client.get(f"/products/{2**63}").status_code == 404
    log_in(client, owner)
    assert client.get("/my/orders/99999999999999999999").status_code == 404
    assert client.get(f"/my/stalls/{2**31}").status_code == 404  # past INTEGER on PostgreSQL
    assert client.get(f"/my/stalls/{2**31 - 1}").status_code == 404  # the largest id: absent


def test_a_nul_in_a_url_part_is_a_404(world):
    """PostgreSQL text can't hold NUL: such a token or slug can't name anything."""
    app, *_ = world
    client = app.test_client()
    assert client.get("/checkout/%00").status_code == 404
    assert client.get("/stalls/ab%00c").status_code == 404


def test_pay_confirm_with_a_json_body_that_is_not_an_object(world):
    app, _owner, _admin, real = world
    client = app.test_client()
    url = f"/checkout/{real['token']}/pay/confirm"
    headers = {"X-CSRFToken": csrf_token(client)}
    for body in ([1, 2], "pm_x", 12):
        response = client.post(url, json=body, headers=headers)
        assert response.status_code == 400
        assert response.json["error"]["message"] == "Nội dung gửi lên phải là một đối tượng JSON."
    response = client.post(url, json={"payment_method": ["pm_1234"]}, headers=headers)
    assert response.status_code == 400
    assert response.json["error"]["message"] == "payment_method must be a Stripe id"


def test_signature_headers_that_are_not_ascii(world):
    app, *_ = world
    client = app.test_client()
    non_ascii = "chữ ký".encode().decode("latin-1")
    stripe_response = client.post(
        "/webhooks/stripe",
        data=b"{}",
        headers={"Stripe-Signature": f"t={int(time.time())},v1={non_ascii}"},
    )
    assert stripe_response.status_code == 400
    assert stripe_response.json["error"]["name"] == "bad_signature"
    bank = client.post("/webhooks/bank", data=b"{}", headers={"X-Signature": non_ascii})
    assert bank.status_code == 401
    assert bank.json["error"]["message"] == "bad API key or signature"


@pytest.mark.parametrize(
    "fields,message",
    [
        ({"transferAmount": 2**63}, "transferAmount must be a whole number of dong from 1 to"),
        ({"transferAmount": [5]}, "transferAmount must be a whole number of dong from 1 to"),
        ({"referenceCode": [1]}, "referenceCode must be a string or a number"),
        ({"id": [1]}, "id must be a string or a number"),
        ({"accountNumber": {"a": 1}}, "accountNumber must be a string or a number"),
    ],
)
def test_a_signed_bank_webhook_with_a_list_or_a_huge_amount(world, fields, message):
    app, *_ = world
    body = json.dumps({"id": 7, "transferType": "in", "transferAmount": 5, **fields}).encode()
    response = app.test_client().post(
        "/webhooks/bank",
        data=body,
        headers={**_bank_signed(body), "Content-Type": "application/json"},
    )
    assert response.status_code == 400
    assert response.json["error"]["message"].startswith(message)


@pytest.mark.parametrize("obj", [{"id": 5}, {"id": ["pi_1"]}, {}])
def test_a_signed_stripe_event_whose_object_id_is_not_a_string(world, obj):
    app, *_ = world
    body = json.dumps({"id": "evt_x", "type": "payment_intent.succeeded", "data": {"object": obj}})
    response = app.test_client().post(
        "/webhooks/stripe",
        data=body.encode(),
        headers={**_stripe_signed(body.encode()), "Content-Type": "application/json"},
    )
    assert response.status_code == 400
    assert response.json["error"]["message"] == "the event's object has no id"
