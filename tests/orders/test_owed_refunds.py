"""A cancelled, paid bank-transfer order: the money owed back is recorded until paid (item 19)."""

import pytest
from sqlalchemy import select

from marketplace.audit.models import AuditEntry
from marketplace.extensions import db
from marketplace.orders.models import Order, OwedRefund
from tests.helpers import place_order, post_form


@pytest.fixture
def order_setup(app, make_user, make_stall, make_product, log_in):
    """A guest's bank-transfer order of 3 × 85.000 ₫; the stall owner's client, logged in."""
    owner = make_user(full_name="Thào Thị Mỷ")
    product = make_product(make_stall(owner), name="Mận sấy", price=85_000, stock=10)
    place_order(app, app.test_client(), [(product, 3)])
    with app.app_context():
        order = db.session.scalar(select(Order))
        order_id, code = order.id, order.code
    owner_client = app.test_client()
    log_in(owner_client, owner)
    return owner_client, order_id, code, product


def _owed(app):
    with app.app_context():
        return [
            (o.amount, o.reason, o.paid_back_at is not None, o.paid_back_by_id)
            for o in db.session.scalars(select(OwedRefund))
        ]


def _cancel_paid_transfer(owner, order_id):
    assert post_form(owner, f"/my/orders/{order_id}/confirm_transfer").status_code == 302
    done = post_form(owner, f"/my/orders/{order_id}/cancel_paid", {"reason": "Hết hàng"})
    assert done.status_code == 302


def test_cancelling_a_paid_transfer_records_what_is_owed_back(app, order_setup, make_user, log_in):
    owner, order_id, code, _ = order_setup
    _cancel_paid_transfer(owner, order_id)
    assert _owed(app) == [(255_000, "Hết hàng", False, None)]
    page = owner.get(f"/my/orders/{order_id}").get_data(as_text=True)
    assert "Cần trả lại người mua" in page and "255.000" in page
    admin = app.test_client()
    log_in(admin, make_user(is_admin=True))
    listing = admin.get("/admin/payments").get_data(as_text=True)
    assert code in listing and "255.000" in listing

    # The owner paid the buyer back and says so: who and when are kept, the list empties.
    done = post_form(owner, f"/my/orders/{order_id}/paid_back")
    assert done.status_code == 302
    [(amount, _, paid, by)] = _owed(app)
    with app.app_context():
        order = db.session.get(Order, order_id)
        owner_id = order.stall.owner_id
        assert order.refunded_amount == 255_000
    assert (amount, paid, by) == (255_000, True, owner_id)
    assert code not in admin.get("/admin/payments").get_data(as_text=True)
    page = owner.get(f"/my/orders/{order_id}").get_data(as_text=True)
    assert "Đã trả lại người mua" in page
    # Marking it twice changes nothing.
    assert post_form(owner, f"/my/orders/{order_id}/paid_back").status_code == 409
    with app.app_context():
        assert db.session.get(Order, order_id).refunded_amount == 255_000


def test_an_admin_marking_it_paid_back_is_audited(app, order_setup, make_user, log_in):
    owner, order_id, _, _ = order_setup
    _cancel_paid_transfer(owner, order_id)
    admin_user = make_user(is_admin=True)
    admin = app.test_client()
    log_in(admin, admin_user)
    assert post_form(admin, f"/my/orders/{order_id}/paid_back").status_code == 302
    assert _owed(app)[0][2:] == (True, admin_user.id)
    with app.app_context():
        entries = db.session.execute(select(AuditEntry.action, AuditEntry.object_id)).all()
    assert entries == [("order.paid_back", order_id)]


def test_nothing_is_owed_for_an_unpaid_order_and_others_cannot_mark(
    app, order_setup, make_user, make_stall, log_in
):
    owner, order_id, _, _ = order_setup
    assert post_form(owner, f"/my/orders/{order_id}/cancel").status_code == 302
    assert _owed(app) == []
    assert post_form(owner, f"/my/orders/{order_id}/paid_back").status_code == 409
    # Another stall's owner can't reach it at all.
    stranger = make_user()
    make_stall(stranger, name="Gian khác")
    client = app.test_client()
    log_in(client, stranger)
    assert post_form(client, f"/my/orders/{order_id}/paid_back").status_code == 404
