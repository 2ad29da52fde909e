import logging

import pytest
from sqlalchemy import select

from marketplace.accounts.models import User
from marketplace.catalog.models import Product
from marketplace.extensions import db
from marketplace.orders.models import Order
from tests.helpers import place_order, post_form


@pytest.fixture
def order_setup(app, make_user, make_stall, make_product, log_in):
    owner = make_user(full_name="Thào Thị Mỷ")
    stall = make_stall(owner)
    product = make_product(stall, name="Mận sấy", price=85_000, stock=10)
    buyer = app.test_client()
    place_order(app, buyer, [(product, 3)])
    with app.app_context():
        order = db.session.scalar(select(Order))
        order_id, code = order.id, order.code
    owner_client = app.test_client()
    log_in(owner_client, owner)
    return owner_client, order_id, code, product


def _status(app, order_id):
    with app.app_context():
        order = db.session.get(Order, order_id)
        return order.status.value, order.payment_confirmed_by_id


def test_owner_confirms_the_transfer_then_packs_ships_delivers(app, order_setup, caplog):
    owner, order_id, code, _ = order_setup
    listing = owner.get(f"/my/stalls/{_stall_id(app, order_id)}/orders").get_data(as_text=True)
    assert code in listing
    page = owner.get(f"/my/orders/{order_id}").get_data(as_text=True)
    assert "Tôi đã nhận được tiền chuyển khoản" in page
    with caplog.at_level(logging.INFO, logger="marketplace.mail"):
        assert post_form(owner, f"/my/orders/{order_id}/confirm_transfer").status_code == 302
    status, confirmed_by = _status(app, order_id)
    assert status == "paid"
    with app.app_context():
        assert db.session.get(User, confirmed_by).full_name == "Thào Thị Mỷ"
    mails = [r.getMessage() for r in caplog.records if r.name == "marketplace.mail"]
    assert any(f"Đơn hàng {code} đã được thanh toán" in m for m in mails)
    for action, expected in (("pack", "packed"), ("ship", "shipped"), ("deliver", "delivered")):
        assert post_form(owner, f"/my/orders/{order_id}/{action}").status_code == 302
        assert _status(app, order_id)[0] == expected


def _stall_id(app, order_id):
    with app.app_context():
        return db.session.get(Order, order_id).stall_id


def test_actions_out_of_order_change_nothing(app, order_setup):
    owner, order_id, _, _ = order_setup
    assert post_form(owner, f"/my/orders/{order_id}/ship").status_code == 303
    assert post_form(owner, f"/my/orders/{order_id}/deliver").status_code == 303
    assert post_form(owner, f"/my/orders/{order_id}/explode").status_code == 404
    assert _status(app, order_id)[0] == "pending_payment"


def test_another_owner_cannot_see_or_act_on_the_order(
    app, order_setup, make_user, make_stall, log_in
):
    _, order_id, _, _ = order_setup
    other_owner = make_user()
    make_stall(other_owner, name="Gian khác")
    client = app.test_client()
    log_in(client, other_owner)
    assert client.get(f"/my/orders/{order_id}").status_code == 404
    assert post_form(client, f"/my/orders/{order_id}/confirm_transfer").status_code == 404
    assert client.get(f"/my/stalls/{_stall_id(app, order_id)}/orders").status_code == 404
    assert _status(app, order_id) == ("pending_payment", None)


def test_owner_cancels_an_unpaid_order_and_stock_returns(app, order_setup):
    owner, order_id, _, product = order_setup
    assert post_form(owner, f"/my/orders/{order_id}/cancel").status_code == 302
    assert _status(app, order_id)[0] == "cancelled"
    with app.app_context():
        assert db.session.get(Product, product.id).stock == 10
    assert post_form(owner, f"/my/orders/{order_id}/cancel").status_code == 303


def test_cancelling_a_paid_transfer_order_needs_a_reason(app, order_setup):
    owner, order_id, _, product = order_setup
    post_form(owner, f"/my/orders/{order_id}/confirm_transfer")
    assert post_form(owner, f"/my/orders/{order_id}/cancel_paid", {"reason": ""}).status_code == 422
    done = post_form(owner, f"/my/orders/{order_id}/cancel_paid", {"reason": "Hết hàng"})
    assert done.status_code == 302
    assert _status(app, order_id)[0] == "cancelled"
    with app.app_context():
        assert db.session.get(Product, product.id).stock == 10


def test_mails_are_in_each_recipients_language(
    app, make_user, make_stall, make_product, log_in, caplog
):
    owner = make_user(preferred_language="en")
    product = make_product(make_stall(owner), name="Mận sấy", price=85_000, stock=5)
    buyer = app.test_client()
    shopper = make_user(email="ngoc@example.vn", preferred_language="vi")
    log_in(buyer, shopper)
    with caplog.at_level(logging.INFO, logger="marketplace.mail"):
        place_order(app, buyer, [(product, 1)], email="ngoc@example.vn")
    mails = {
        r.getMessage().split(" ", 2)[1]: r.getMessage()
        for r in caplog.records
        if r.name == "marketplace.mail"
    }
    assert (
        "Cảm ơn" in mails[f"to={shopper.email}"] and "85.000\u00a0₫" in mails[f"to={shopper.email}"]
    )
    assert "New order CP" in mails[f"to={owner.email}"]
    assert "Total: 85.000\u00a0₫" in mails[f"to={owner.email}"]


def test_an_admin_acting_on_an_order_is_audited(app, order_setup, make_user, log_in):
    from marketplace.audit.models import AuditEntry

    owner, order_id, _, _ = order_setup
    post_form(owner, f"/my/orders/{order_id}/confirm_transfer")  # the owner's own action
    admin = app.test_client()
    log_in(admin, make_user(is_admin=True))
    post_form(admin, f"/my/orders/{order_id}/cancel_paid", {"reason": "Gian hàng vi phạm"})
    with app.app_context():
        entries = db.session.execute(select(AuditEntry.action, AuditEntry.reason)).all()
    assert entries == [("order.cancel_paid", "Gian hàng vi phạm")]
