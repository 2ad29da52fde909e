"""Card payments end to end against localstripe, with webhooks it delivers over real HTTP."""

import json
import time

import pytest
import requests
import stripe
from sqlalchemy import func, select

from marketplace.catalog.models import Product
from marketplace.extensions import db
from marketplace.orders.models import LedgerEntry, Order, Refund
from marketplace.payments.models import ProcessedEvent
from tests.helpers import add_to_cart, checkout_data, post_form
from tests.payment_servers import card_from_browser, disable_webhook, register_webhook

VISA = "4242424242424242"
DECLINED = "4000000000000341"


@pytest.fixture
def card_app(make_app, stripe_config):
    return make_app(**stripe_config)


@pytest.fixture
def served(card_app, stripe_config, live_server):
    """The app on a real loopback port, with localstripe delivering its webhooks to it."""
    base = live_server(card_app)
    register_webhook(stripe_config["STRIPE_API_BASE"], f"{base}/webhooks/stripe")
    yield base
    disable_webhook(stripe_config["STRIPE_API_BASE"])


@pytest.fixture
def products(make_stall, make_product):
    card_stall = make_stall(name="Chè Shan Tuyết Tà Xùa")
    qr_stall = make_stall(name="Mận Tam Hoa")
    return make_product(card_stall, name="Chè sấy lạnh", price=125_000, stock=5), make_product(
        qr_stall, name="Mận sấy", price=85_000, stock=5
    )


def _checkout(app, client, products, card_qty=2):
    tea, plums = products
    add_to_cart(client, tea.id, card_qty)
    add_to_cart(client, plums.id, 1)
    with app.app_context():
        data = checkout_data(client, **{f"method_{tea.stall_id}": "card"})
    response = post_form(client, "/checkout", data)
    assert response.status_code == 302, response.get_data(as_text=True)
    return response.headers["Location"].rsplit("/", 1)[1]


def _orders(app):
    with app.app_context():
        return {
            o.payment_method.value: (o.status.value, o.total, o.refunded_amount)
            for o in db.session.scalars(select(Order))
        }


def _card_token(config, number=VISA) -> str:
    return card_from_browser(config, number)


def _pay(client, token, config, number=VISA, expect_amount="250.000\u00a0₫"):
    page = client.get(f"/checkout/{token}/pay")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Thanh toán thử." in html  # the page says it is a test payment
    assert f"Cần thanh toán: <strong>{expect_amount}</strong>" in html
    csrf = html.split('name="csrf-token" content="', 1)[1].split('"', 1)[0]
    return client.post(
        f"/checkout/{token}/pay/confirm",
        json={"payment_method": _card_token(config, number)},
        headers={"X-CSRFToken": csrf},
    )


def test_pay_one_stall_by_card_and_the_other_by_vietqr(card_app, stripe_config, products, caplog):
    client = card_app.test_client()
    token = _checkout(card_app, client, products)
    answer = _pay(client, token, stripe_config)
    assert answer.json["status"] == "succeeded"
    assert _orders(card_app) == {
        "card": ("paid", 250_000, 0),
        "vietqr": ("pending_payment", 85_000, 0),
    }
    page = client.get(f"/checkout/{token}/paid", follow_redirects=True).get_data(as_text=True)
    assert "Đã nhận thanh toán" in page
    with card_app.app_context():
        assert db.session.scalar(select(func.sum(LedgerEntry.amount))) == 250_000


def test_declined_card_leaves_the_order_unpaid(card_app, stripe_config, products):
    client = card_app.test_client()
    token = _checkout(card_app, client, products)
    answer = _pay(client, token, stripe_config, DECLINED)
    assert answer.json["status"] == "requires_payment_method"
    assert _orders(card_app)["card"][0] == "pending_payment"


def test_the_webhook_localstripe_delivers_marks_the_order_paid(
    card_app, served, stripe_config, products
):
    client = card_app.test_client()
    token = _checkout(card_app, client, products)
    client.get(f"/checkout/{token}/pay")  # creates the intent
    with card_app.app_context():
        from marketplace.orders.models import Checkout

        intent_id = db.session.scalar(select(Checkout.stripe_intent_id))
        # The buyer's browser pays directly with Stripe; only the webhook tells us.
        card_app.extensions["stripe_gateway"].confirm_intent(
            intent_id=intent_id, payment_method=_card_token(stripe_config)
        )
    deadline = time.monotonic() + 15
    while _orders(card_app)["card"][0] != "paid" and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _orders(card_app)["card"][0] == "paid"
    with card_app.app_context():
        events = db.session.scalars(select(ProcessedEvent.event_type)).all()
    assert "payment_intent.succeeded" in events


def _signed(event: dict, secret: str) -> tuple[bytes, str]:
    payload = json.dumps(event)
    header = stripe.WebhookSignature.generate_signature_header(payload, secret)
    return payload.encode(), header


def _event(intent_id: str, event_id: str, kind="payment_intent.succeeded") -> dict:
    return {
        "id": event_id,
        "type": kind,
        "data": {"object": {"id": intent_id, "object": "payment_intent"}},
    }


@pytest.fixture
def paid_intent(card_app, stripe_config, products):
    """A checkout whose card intent succeeded at Stripe, not yet known to the app."""
    client = card_app.test_client()
    token = _checkout(card_app, client, products)
    client.get(f"/checkout/{token}/pay")
    with card_app.app_context():
        from marketplace.orders.models import Checkout

        intent_id = db.session.scalar(select(Checkout.stripe_intent_id))
        card_app.extensions["stripe_gateway"].confirm_intent(
            intent_id=intent_id, payment_method=_card_token(stripe_config)
        )
    return intent_id


def test_the_same_event_ten_times_pays_once(card_app, stripe_config, paid_intent):
    client = card_app.test_client()
    payload, header = _signed(
        _event(paid_intent, "evt_same"), stripe_config["STRIPE_WEBHOOK_SECRET"]
    )
    answers = [
        client.post(
            "/webhooks/stripe",
            data=payload,
            headers={"Stripe-Signature": header, "Content-Type": "application/json"},
        )
        for _ in range(10)
    ]
    assert all(a.status_code == 200 for a in answers)
    assert [a.json["outcome"] for a in answers] == ["paid 1"] + ["duplicate"] * 9
    assert _orders(card_app)["card"][0] == "paid"
    with card_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ProcessedEvent)) == 1
        assert db.session.scalar(select(func.count()).select_from(LedgerEntry)) == 1


@pytest.mark.parametrize("tamper", ["unsigned", "wrong_secret", "changed_body", "old"])
def test_tampered_or_unsigned_webhooks_are_refused(card_app, stripe_config, paid_intent, tamper):
    client = card_app.test_client()
    secret = stripe_config["STRIPE_WEBHOOK_SECRET"]
    payload, header = _signed(_event(paid_intent, "evt_t"), secret)
    if tamper == "unsigned":
        header = None
    elif tamper == "wrong_secret":
        payload, header = _signed(_event(paid_intent, "evt_t"), "whsec_wrong")
    elif tamper == "changed_body":
        payload = payload.replace(b"evt_t", b"evt_x")
    elif tamper == "old":
        old = int(time.time()) - 600
        header = stripe.WebhookSignature.generate_signature_header(
            payload.decode(), secret, timestamp=old
        )
    headers = {"Content-Type": "application/json"}
    if header:
        headers["Stripe-Signature"] = header
    response = client.post("/webhooks/stripe", data=payload, headers=headers)
    assert response.status_code == 400
    assert response.json["error"]["name"] == "bad_signature"
    assert _orders(card_app)["card"][0] == "pending_payment"
    with card_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ProcessedEvent)) == 0


def test_events_out_of_order(card_app, stripe_config, paid_intent):
    client = card_app.test_client()
    secret = stripe_config["STRIPE_WEBHOOK_SECRET"]

    def send(event):
        payload, header = _signed(event, secret)
        return client.post(
            "/webhooks/stripe",
            data=payload,
            headers={"Stripe-Signature": header, "Content-Type": "application/json"},
        )

    # A late "created" event first: the app reads the intent as it is now (succeeded).
    assert send(_event(paid_intent, "evt_1", "payment_intent.created")).json["outcome"] == "paid 1"
    # Then the older "succeeded" and a stale "processing": nothing changes twice.
    assert send(_event(paid_intent, "evt_2")).json["outcome"] == "paid 0"
    assert (
        send(_event(paid_intent, "evt_3", "payment_intent.processing")).json["outcome"] == "paid 0"
    )
    assert _orders(card_app)["card"] == ("paid", 250_000, 0)
    with card_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(LedgerEntry)) == 1


def _owner_client(app, make_user, log_in, order_stall_owner_id):
    from marketplace.accounts.models import User

    client = app.test_client()
    with app.app_context():
        owner = db.session.get(User, order_stall_owner_id)
        db.session.expunge(owner)
    log_in(client, owner)
    return client


def _card_order(app):
    with app.app_context():
        order = db.session.scalar(select(Order).where(Order.payment_method == "card"))
        return order.id, order.stall.owner_id


def test_partial_then_full_refund_and_the_ledger(
    card_app, stripe_config, products, log_in, make_user
):
    client = card_app.test_client()
    token = _checkout(card_app, client, products)
    _pay(client, token, stripe_config)
    order_id, owner_id = _card_order(card_app)
    owner = _owner_client(card_app, make_user, log_in, owner_id)
    partial = post_form(
        owner, f"/my/orders/{order_id}/refund", {"amount": "50000", "reason": "Thiếu 1 gói"}
    )
    assert partial.status_code == 302
    assert _orders(card_app)["card"] == ("paid", 250_000, 50_000)
    too_much = post_form(
        owner, f"/my/orders/{order_id}/refund", {"amount": "250000", "reason": "x"}
    )
    assert too_much.status_code == 422
    assert _orders(card_app)["card"] == ("paid", 250_000, 50_000)
    rest = post_form(
        owner, f"/my/orders/{order_id}/refund", {"amount": "200000", "reason": "Hết hàng"}
    )
    assert rest.status_code == 302
    assert _orders(card_app)["card"] == ("refunded", 250_000, 250_000)
    with card_app.app_context():
        assert db.session.scalar(select(func.sum(LedgerEntry.amount))) == 0
        tea = db.session.scalar(select(Product).where(Product.name == "Chè sấy lạnh"))
        assert tea.stock == 5  # refunded in full before shipping: back on the shelf
        assert db.session.scalar(select(func.count()).select_from(Refund)) == 2
        refunds = requests.get(
            f"{stripe_config['STRIPE_API_BASE']}/v1/refunds",
            headers={"Authorization": f"Bearer {stripe_config['STRIPE_SECRET_KEY']}"},
            timeout=10,
        ).json()["data"]
    assert sorted(r["amount"] for r in refunds) == [50_000, 200_000]  # localstripe is per test


def test_owner_cancels_a_paid_card_order_with_a_refund(
    card_app, stripe_config, products, log_in, make_user
):
    tea, _ = products
    client = card_app.test_client()
    token = _checkout(card_app, client, products)
    _pay(client, token, stripe_config)
    order_id, owner_id = _card_order(card_app)
    owner = _owner_client(card_app, make_user, log_in, owner_id)
    no_reason = post_form(owner, f"/my/orders/{order_id}/cancel_paid", {"reason": ""})
    assert no_reason.status_code == 422
    done = post_form(
        owner, f"/my/orders/{order_id}/cancel_paid", {"reason": "Mưa lũ, không giao được"}
    )
    assert done.status_code == 302
    assert _orders(card_app)["card"] == ("cancelled", 250_000, 250_000)
    with card_app.app_context():
        assert db.session.get(Product, tea.id).stock == 5  # back on the shelf


def test_a_card_payment_after_expiry_is_flagged_for_a_refund(
    card_app, stripe_config, products, make_user, log_in
):
    from datetime import timedelta

    from sqlalchemy import update

    from marketplace.db import utcnow
    from marketplace.orders.models import Checkout

    tea, _ = products
    client = card_app.test_client()
    token = _checkout(card_app, client, products)
    client.get(f"/checkout/{token}/pay")  # the intent exists; the buyer is slow to pay
    with card_app.app_context():
        db.session.execute(update(Order).values(expires_at=utcnow() - timedelta(minutes=1)))
        db.session.commit()
    assert client.get(f"/checkout/{token}").status_code == 200  # expires both orders
    assert _orders(card_app)["card"][0] == "expired"
    with card_app.app_context():
        intent_id = db.session.scalar(select(Checkout.stripe_intent_id))
        card_app.extensions["stripe_gateway"].confirm_intent(
            intent_id=intent_id, payment_method=_card_token(stripe_config)
        )
    client.get(f"/checkout/{token}/paid")
    assert _orders(card_app)["card"] == ("expired", 250_000, 0)  # not revived: stock is back
    with card_app.app_context():
        assert db.session.get(Product, tea.id).stock == 5
        order_id = db.session.scalar(select(Order.id).where(Order.paid_after_end))
        assert db.session.scalar(select(func.count()).select_from(LedgerEntry)) == 0
    admin = card_app.test_client()
    log_in(admin, make_user(is_admin=True))
    assert f"/my/orders/{order_id}" in admin.get("/admin/payments").get_data(as_text=True)
    refund = post_form(admin, f"/my/orders/{order_id}/refund", {"amount": "", "reason": "Trả muộn"})
    assert refund.status_code == 302
    assert _orders(card_app)["card"] == ("expired", 250_000, 250_000)
    with card_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(LedgerEntry)) == 0
    assert f"/my/orders/{order_id}" not in admin.get("/admin/payments").get_data(as_text=True)


@pytest.fixture
def two_card_orders(card_app, make_stall, make_product):
    """One checkout, two stalls, both paid by card."""
    a = make_product(make_stall(name="Gian A"), name="Chè A", price=100_000, stock=5)
    b = make_product(make_stall(name="Gian B"), name="Mận B", price=200_000, stock=5)
    client = card_app.test_client()
    add_to_cart(client, a.id, 1)
    add_to_cart(client, b.id, 1)
    with card_app.app_context():
        data = checkout_data(
            client, **{f"method_{a.stall_id}": "card", f"method_{b.stall_id}": "card"}
        )
    token = post_form(client, "/checkout", data).headers["Location"].rsplit("/", 1)[1]
    with card_app.app_context():
        codes = {o.total: o.code for o in db.session.scalars(select(Order))}
    return client, token, codes


def _by_total(app):
    with app.app_context():
        return {
            o.total: (o.status.value, o.paid_after_end, o.stripe_intent_id)
            for o in db.session.scalars(select(Order))
        }


def test_a_cancelled_order_is_not_charged_nor_flagged(card_app, stripe_config, two_card_orders):
    client, token, codes = two_card_orders
    client.get(f"/checkout/{token}/pay")  # an intent for 300.000 ₫
    post_form(client, f"/checkout/{token}/orders/{codes[100_000]}/cancel", {"confirm": "yes"})
    answer = _pay(client, token, stripe_config, expect_amount="200.000\u00a0₫")
    assert answer.json["status"] == "succeeded"
    orders = _by_total(card_app)
    assert orders[100_000][:2] == ("cancelled", False)  # not charged, so nothing to refund
    assert orders[200_000][:2] == ("paid", False)
    with card_app.app_context():
        intent = card_app.extensions["stripe_gateway"].retrieve_intent(orders[200_000][2])
    assert (intent.amount, intent.status) == (200_000, "succeeded")


def test_the_gateway_down_during_a_webhook_is_retried_later(card_app, stripe_config, paid_intent):
    client = card_app.test_client()
    event = _event("pi_unknown_to_stripe", "evt_retry")
    payload, header = _signed(event, stripe_config["STRIPE_WEBHOOK_SECRET"])
    response = client.post(
        "/webhooks/stripe",
        data=payload,
        headers={"Stripe-Signature": header, "Content-Type": "application/json"},
    )
    assert response.status_code == 503
    with card_app.app_context():  # not recorded: Stripe's retry will be applied
        assert db.session.scalar(select(func.count()).select_from(ProcessedEvent)) == 0
