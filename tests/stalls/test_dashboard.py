"""The owner's pages say what their counts count, and phone numbers can be called."""

from sqlalchemy import select, update

from marketplace.extensions import db
from marketplace.orders.models import Order
from tests.helpers import place_order


def _orders(app, make_stall, make_product, owner, statuses):
    product = make_product(make_stall(owner), stock=50)
    for _status in statuses:
        assert place_order(app, app.test_client(), [(product, 1)]).status_code == 302
    with app.app_context():
        ids = db.session.scalars(select(Order.id).order_by(Order.id)).all()
        for order_id, status in zip(ids, statuses, strict=True):
            db.session.execute(update(Order).where(Order.id == order_id).values(status=status))
        db.session.commit()
    return product.stall_id, ids


def test_dashboard_and_order_list_say_what_they_count(
    app, make_user, make_stall, make_product, log_in
):
    owner = make_user()
    statuses = ["paid", "packed", "pending_payment", "shipped", "delivered"]
    stall_id, _ids = _orders(app, make_stall, make_product, owner, statuses)
    client = app.test_client()
    log_in(client, owner)
    dashboard = client.get(f"/my/stalls/{stall_id}").get_data(as_text=True)
    assert "2 đơn đang chờ bạn xử lý (đã thanh toán hoặc đã đóng gói, chưa gửi đi)" in dashboard
    assert "(2)" not in dashboard
    orders = client.get(f"/my/stalls/{stall_id}/orders").get_data(as_text=True)
    assert "Đang hiện 5 đơn hàng, mới nhất trước." in orders
    paid = client.get(f"/my/stalls/{stall_id}/orders?status=paid").get_data(as_text=True)
    assert "Đang hiện 1 đơn hàng, mới nhất trước." in paid


def test_phone_numbers_on_owner_pages_are_tel_links(
    app, make_user, make_stall, make_product, log_in
):
    owner = make_user()
    admin = make_user(is_admin=True)
    stall_id, [order_id] = _orders(app, make_stall, make_product, owner, ["paid"])
    client = app.test_client()
    log_in(client, owner)
    buyer = '<a href="tel:+84987654321">0987 654 321</a>'
    assert buyer in client.get(f"/my/orders/{order_id}").get_data(as_text=True)
    assert buyer in client.get(f"/my/stalls/{stall_id}/orders").get_data(as_text=True)
    admin_client = app.test_client()
    log_in(admin_client, admin)
    page = admin_client.get(f"/admin/stalls/{stall_id}").get_data(as_text=True)
    assert '<a href="tel:+84912345001">0912 345 001</a>' in page
