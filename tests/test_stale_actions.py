"""A stale action (issue 7.6): back to the object's page, saying what changed; JSON keeps 409."""

import pytest
from sqlalchemy import select

from marketplace.extensions import db
from marketplace.orders.models import Order
from marketplace.payments.models import BankTransfer, TransferStatus
from marketplace.stalls.models import Stall
from tests.helpers import csrf_token, place_order, post_form


@pytest.fixture
def owner_and_order(app, make_user, make_stall, make_product, log_in):
    owner = make_user()
    product = make_product(make_stall(owner), price=85_000, stock=10)
    place_order(app, app.test_client(), [(product, 1)])
    with app.app_context():
        order = db.session.scalar(select(Order))
        order_id, code = order.id, order.code
    client = app.test_client()
    log_in(client, owner)
    return client, order_id, code


@pytest.fixture
def admin_client(app, make_user, log_in):
    client = app.test_client()
    log_in(client, make_user(is_admin=True))
    return client


def _follow(client, response):
    assert response.status_code == 303
    return client.get(response.headers["Location"]).get_data(as_text=True)


def test_confirming_a_transfer_twice(app, owner_and_order):
    client, order_id, code = owner_and_order
    url = f"/my/orders/{order_id}/confirm_transfer"
    assert post_form(client, url).status_code == 302
    again = post_form(client, url)
    assert again.headers["Location"] == f"/my/orders/{order_id}"
    page = _follow(client, again)
    assert f"Đơn {code} đã được thanh toán" in page
    with app.app_context():
        assert db.session.get(Order, order_id).status == "paid"


def test_packing_after_shipping(app, owner_and_order):
    client, order_id, code = owner_and_order
    for action in ("confirm_transfer", "ship"):
        assert post_form(client, f"/my/orders/{order_id}/{action}").status_code == 302
    stale = post_form(client, f"/my/orders/{order_id}/pack")
    assert stale.headers["Location"] == f"/my/orders/{order_id}"
    assert f"Đơn {code} đã được gửi đi, không thể đóng gói lại." in _follow(client, stale)
    with app.app_context():
        assert db.session.get(Order, order_id).status == "shipped"


def test_a_json_client_still_gets_409(owner_and_order):
    client, order_id, code = owner_and_order
    post_form(client, f"/my/orders/{order_id}/confirm_transfer")
    response = client.post(
        f"/my/orders/{order_id}/confirm_transfer",
        data={"csrf_token": csrf_token(client)},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 409
    assert response.json["error"]["name"] == "conflict"
    assert response.json["error"]["message"].startswith(f"Đơn {code} đã được thanh toán")


def test_approving_an_approved_stall(app, admin_client, make_stall):
    stall = make_stall(status="approved")
    response = post_form(admin_client, f"/admin/stalls/{stall.id}/approve", {"reason": ""})
    assert response.headers["Location"] == f"/admin/stalls/{stall.id}"
    assert "Gian hàng đã được duyệt." in _follow(admin_client, response)
    with app.app_context():
        assert db.session.get(Stall, stall.id).status == "approved"
    as_json = admin_client.post(
        f"/admin/stalls/{stall.id}/approve",
        data={"csrf_token": csrf_token(admin_client)},
        headers={"Accept": "application/json"},
    )
    assert as_json.status_code == 409
    assert as_json.json["error"]["message"] == "Gian hàng đã được duyệt."


def test_resolving_a_resolved_transfer(app, admin_client):
    with app.app_context():
        transfer = BankTransfer(
            provider_id="t-1",
            account_number="1",
            amount=5,
            content="x",
            status=TransferStatus.RESOLVED,
            resolved_note="Đã hoàn tiền",
            raw={},
        )
        db.session.add(transfer)
        db.session.commit()
        transfer_id = transfer.id
    url = f"/admin/payments/transfers/{transfer_id}/resolve"
    response = post_form(admin_client, url, {"reason": "lần hai"})
    assert response.headers["Location"] == "/admin/payments"
    assert "Giao dịch này đã được xử lý." in _follow(admin_client, response)
    with app.app_context():
        assert db.session.get(BankTransfer, transfer_id).resolved_note == "Đã hoàn tiền"


def test_losing_a_race_inside_the_service_also_goes_back_to_the_order(
    app, owner_and_order, monkeypatch
):
    """The page offered the action, another tab did it first: the service's compare-and-set
    loses and the owner is sent back to the order, as with any stale action."""
    from marketplace.orders import lifecycle

    client, order_id, code = owner_and_order
    for action in ("confirm_transfer", "ship"):
        assert post_form(client, f"/my/orders/{order_id}/{action}").status_code == 302
    # The view's check saw the order as it was before the other tab shipped it.
    monkeypatch.setattr(lifecycle, "allowed_actions", lambda order, role: {"pack"})
    response = post_form(client, f"/my/orders/{order_id}/pack")
    assert response.headers["Location"] == f"/my/orders/{order_id}"
    assert f"Đơn {code} đã được gửi đi, không thể đóng gói lại." in _follow(client, response)
    with app.app_context():
        assert db.session.get(Order, order_id).status == "shipped"
