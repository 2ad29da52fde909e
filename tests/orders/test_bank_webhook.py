"""The bank's webhook (SePay's JSON format): authenticated, deduplicated, exact matches only."""

import hashlib
import hmac
import json

import pytest
from sqlalchemy import func, select

from marketplace.extensions import db
from marketplace.orders.models import Order
from marketplace.payments.models import BankTransfer
from tests.helpers import place_order

API_KEY = "sepay-test-key-123"
HMAC_SECRET = "bank-hmac-secret"


@pytest.fixture
def bank_app(make_app):
    return make_app(BANK_WEBHOOK_API_KEY=API_KEY, BANK_WEBHOOK_HMAC_SECRET=HMAC_SECRET)


@pytest.fixture
def order(bank_app, make_stall, make_product):
    product = make_product(make_stall(), price=85_000, stock=5)
    place_order(bank_app, bank_app.test_client(), [(product, 2)])
    with bank_app.app_context():
        row = db.session.scalar(select(Order))
        return row.id, row.code, row.total, row.stall.bank_account_number


def _payload(code, amount, account, transfer_id=92704, **extra):
    body = {
        "id": transfer_id,
        "gateway": "VietinBank",
        "transactionDate": "2026-11-22 14:02:37",
        "accountNumber": account,
        "code": None,
        "content": f"MBVCB.3278907687 {code} chuyen tien",
        "transferType": "in",
        "transferAmount": amount,
        "accumulated": 19_077_000,
        "subAccount": None,
        "referenceCode": "MBVCB.3278907687",
        "description": "",
    }
    body.update(extra)
    return body


def _send(client, body, key=API_KEY):
    return client.post("/webhooks/bank", json=body, headers={"Authorization": f"Apikey {key}"})


def _state(app, order_id):
    with app.app_context():
        order = db.session.get(Order, order_id)
        transfers = db.session.scalars(select(BankTransfer.status).order_by(BankTransfer.id)).all()
        return order.status.value, [t.value for t in transfers]


def test_an_exact_transfer_pays_the_order_once(bank_app, order):
    order_id, code, total, account = order
    client = bank_app.test_client()
    answers = [_send(client, _payload(code, total, account)) for _ in range(10)]
    assert all(a.status_code == 200 and a.json["success"] for a in answers)
    assert _state(bank_app, order_id) == ("paid", ["matched"])


def test_memo_written_differently_still_matches(bank_app, order):
    order_id, code, total, account = order
    body = _payload(code, total, account, content=f"chuyen khoan {code[:4]}-{code[4:].lower()}")
    assert _send(bank_app.test_client(), body).json["status"] == "matched"
    assert _state(bank_app, order_id)[0] == "paid"


@pytest.mark.parametrize(
    "change,status",
    [
        ({"transferAmount": 169_999}, "underpaid"),
        ({"transferAmount": 170_001}, "overpaid"),
        ({"content": "chuyen tien CPZZZZZZZZ"}, "unknown_code"),
        ({"content": "tien hang"}, "unknown_code"),
        ({"accountNumber": "999999999"}, "unknown_code"),
    ],
)
def test_anything_unclear_is_kept_for_review(bank_app, order, change, status, make_user, log_in):
    order_id, code, total, account = order
    body = _payload(code, total, account)
    body.update(change)
    assert _send(bank_app.test_client(), body).json["status"] == status
    assert _state(bank_app, order_id) == ("pending_payment", [status])
    admin = bank_app.test_client()
    log_in(admin, make_user(is_admin=True))
    assert str(body["transferAmount"]) in admin.get("/admin/payments").get_data(
        as_text=True
    ).replace(".", "")


def test_outgoing_transfers_are_ignored(bank_app, order):
    order_id, code, total, account = order
    _send(bank_app.test_client(), _payload(code, total, account, transferType="out"))
    assert _state(bank_app, order_id) == ("pending_payment", [])


def test_bad_key_or_signature_is_refused(bank_app, order):
    order_id, code, total, account = order
    client = bank_app.test_client()
    assert _send(client, _payload(code, total, account), key="wrong").status_code == 401
    raw = json.dumps(_payload(code, total, account)).encode()
    bad = client.post(
        "/webhooks/bank",
        data=raw,
        headers={"X-Signature": "00" * 32, "Content-Type": "application/json"},
    )
    assert bad.status_code == 401
    assert _state(bank_app, order_id) == ("pending_payment", [])
    good = hmac.new(HMAC_SECRET.encode(), raw, hashlib.sha256).hexdigest()
    ok = client.post(
        "/webhooks/bank",
        data=raw,
        headers={"X-Signature": good, "Content-Type": "application/json"},
    )
    assert ok.status_code == 200
    assert _state(bank_app, order_id) == ("paid", ["matched"])


@pytest.mark.parametrize(
    "body",
    [
        {"id": 1},
        {"id": 1, "transferType": "in", "transferAmount": "170000"},
        {"id": 1, "transferType": "in", "transferAmount": 170000.5},
        [1, 2],
    ],
)
def test_malformed_bodies_get_a_json_400(bank_app, order, body):
    response = _send(bank_app.test_client(), body)
    assert response.status_code == 400
    assert "error" in response.json
    with bank_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(BankTransfer)) == 0


def test_the_endpoint_does_not_exist_without_configuration(app):
    assert app.test_client().post("/webhooks/bank", json={}).status_code == 404


def test_a_transfer_made_in_time_but_reported_late_still_pays(bank_app, order):
    from datetime import timedelta
    from zoneinfo import ZoneInfo

    from sqlalchemy import update

    from marketplace.db import utcnow

    order_id, code, total, account = order
    deadline = utcnow() - timedelta(minutes=2)
    with bank_app.app_context():
        db.session.execute(update(Order).values(expires_at=deadline))
        db.session.commit()
    in_time = (deadline - timedelta(minutes=1)).astimezone(ZoneInfo("Asia/Ho_Chi_Minh"))
    body = _payload(code, total, account, transactionDate=in_time.strftime("%Y-%m-%d %H:%M:%S"))
    assert _send(bank_app.test_client(), body).json["status"] == "matched"
    assert _state(bank_app, order_id) == ("paid", ["matched"])


def test_a_transfer_made_after_the_deadline_is_kept_for_review(bank_app, order):
    from datetime import timedelta

    from sqlalchemy import update

    from marketplace.db import utcnow

    order_id, code, total, account = order
    with bank_app.app_context():
        db.session.execute(update(Order).values(expires_at=utcnow() - timedelta(hours=2)))
        db.session.commit()
    body = _payload(code, total, account)  # transactionDate: today, after the deadline
    body["transactionDate"] = "2099-01-01 00:00:00"
    assert _send(bank_app.test_client(), body).json["status"] == "not_pending"
    assert _state(bank_app, order_id) == ("expired", ["not_pending"])
