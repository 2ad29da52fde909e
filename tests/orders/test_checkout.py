import re

import pytest
from sqlalchemy import func, select

from marketplace.catalog.models import Product
from marketplace.extensions import db
from marketplace.orders.models import Checkout, Order, OrderLine
from tests.helpers import add_to_cart, checkout_data, place_order, post_form


@pytest.fixture
def two_stalls(make_stall, make_product):
    plums = make_stall(name="Mận Tam Hoa")
    durian = make_stall(name="Sầu riêng Ea Knốp", province_code="dak-lak", commune="xã Ea Knốp")
    return (
        make_product(plums, name="Mận sấy dẻo", price=85_000, stock=10),
        make_product(plums, name="Ô mai mận", price=60_000, stock=10),
        make_product(durian, name="Sầu riêng Ri6", price=150_000, stock=3),
    )


def _orders(app):
    with app.app_context():
        rows = db.session.scalars(select(Order).order_by(Order.id)).all()
        return [(o.code, o.stall_id, o.total, o.status, o.payment_method) for o in rows]


def _stock(app, product):
    with app.app_context():
        return db.session.get(Product, product.id).stock


def test_one_checkout_makes_one_order_per_stall(app, client, two_stalls, caplog):
    plum, omai, durian = two_stalls
    response = place_order(app, client, [(plum, 2), (omai, 1), (durian, 1)])
    assert response.status_code == 302
    orders = _orders(app)
    assert len(orders) == 2
    totals = sorted(o[2] for o in orders)
    assert totals == [150_000, 2 * 85_000 + 60_000]
    for code, *_ in orders:
        assert re.fullmatch(r"[A-Z0-9]{1,12}", code)
    assert {o[3] for o in orders} == {"pending_payment"}
    assert (_stock(app, plum), _stock(app, omai), _stock(app, durian)) == (8, 9, 2)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    for code, *_ in orders:
        assert code in page
    assert "<svg" in page  # VietQR codes to scan
    assert client.get("/cart").get_data(as_text=True).count("Giỏ hàng trống.") == 1


def test_prices_and_totals_in_the_request_are_ignored(app, client, two_stalls):
    plum, _, _ = two_stalls
    add_to_cart(client, plum.id, 1)
    with app.app_context():
        data = checkout_data(client)
    data.update(
        {"price": "1", "total": "1", f"price_{plum.id}": "1", "status": "paid", "stall_id": "999"}
    )
    post_form(client, "/checkout", data)
    [(_, stall_id, total, status, _)] = _orders(app)
    assert (stall_id, total, status) == (plum.stall_id, 85_000, "pending_payment")
    with app.app_context():
        line = db.session.scalar(select(OrderLine))
        assert (line.unit_price, line.quantity) == (85_000, 1)


def test_double_submit_returns_the_same_orders(app, client, two_stalls):
    plum, _, durian = two_stalls
    add_to_cart(client, plum.id, 1)
    add_to_cart(client, durian.id, 1)
    with app.app_context():
        data = checkout_data(client)
    first = post_form(client, "/checkout", data)
    second = post_form(client, "/checkout", data)
    assert first.headers["Location"] == second.headers["Location"]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Checkout)) == 1
    assert len(_orders(app)) == 2
    assert _stock(app, plum) == 9


def test_not_enough_stock_reserves_nothing(app, client, two_stalls, make_user):
    plum, _, durian = two_stalls
    add_to_cart(client, plum.id, 2)
    add_to_cart(client, durian.id, 3)
    with app.app_context():  # someone else buys a durian meanwhile
        db.session.get(Product, durian.id).stock = 2
        db.session.commit()
        data = checkout_data(client)
    response = post_form(client, "/checkout", data)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Hãy cập nhật giỏ hàng trước." in page
    assert "Chỉ còn 2." in page  # beside the durian line
    assert _orders(app) == []
    with app.app_context():  # nothing half-written: not even the checkout that grouped them
        assert db.session.scalar(select(func.count()).select_from(Checkout)) == 0
    assert (_stock(app, plum), _stock(app, durian)) == (10, 2)


def test_products_of_a_suspended_stall_cannot_be_bought(app, client, two_stalls):
    plum, _, _ = two_stalls
    add_to_cart(client, plum.id, 1)
    with app.app_context():
        db.session.get(Product, plum.id).stall.status = "suspended"
        db.session.commit()
        data = checkout_data(client)
    response = post_form(client, "/checkout", data)
    assert response.status_code == 422
    assert _orders(app) == []
    assert _stock(app, plum) == 10


def test_checkout_form_errors(app, client, two_stalls):
    plum, _, _ = two_stalls
    add_to_cart(client, plum.id, 1)
    with app.app_context():
        data = checkout_data(client, phone="12345", street="")
    response = post_form(client, "/checkout", data)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'id="phone-error"' in page and 'id="street-error"' in page
    assert _orders(app) == []


def test_guest_finds_an_order_by_code_and_phone(app, client, two_stalls):
    plum, _, _ = two_stalls
    place_order(app, client, [(plum, 1)])
    [(code, *_)] = _orders(app)
    other = app.test_client()
    wrong = post_form(other, "/orders/lookup", {"code": code, "phone": "0912 000 999"})
    assert wrong.status_code == 422
    found = post_form(other, "/orders/lookup", {"code": code.lower(), "phone": "0987654321"})
    assert found.status_code == 302
    assert code in other.get(found.headers["Location"]).get_data(as_text=True)


def test_buyer_cancels_before_paying_and_stock_returns(app, client, two_stalls, caplog):
    plum, _, _ = two_stalls
    done = place_order(app, client, [(plum, 4)])
    [(code, *_)] = _orders(app)
    token = done.headers["Location"].rsplit("/", 1)[1]
    post_form(client, f"/checkout/{token}/orders/{code}/cancel", {"confirm": "yes"})
    assert _orders(app)[0][3] == "cancelled"
    assert _stock(app, plum) == 10
    again = post_form(client, f"/checkout/{token}/orders/{code}/cancel", {"confirm": "yes"})
    assert again.status_code == 302
    assert _stock(app, plum) == 10  # not returned twice


def test_logged_in_buyer_sees_their_history(app, client, two_stalls, make_user, log_in):
    plum, _, _ = two_stalls
    log_in(client, make_user(email="quan.tran@chophien.example"))
    add_to_cart(client, plum.id, 1)
    page = client.get("/checkout").get_data(as_text=True)
    assert 'value="quan.tran@chophien.example"' in page  # prefilled, and accepted as is
    place_order(app, client, [], email="quan.tran@chophien.example")
    [(code, *_)] = _orders(app)
    assert code in client.get("/orders").get_data(as_text=True)


@pytest.mark.parametrize("token", ["", "x" * 200, "short", "../../etc"])
def test_checkout_tokens_are_ours_only(app, client, two_stalls, token):
    plum, _, _ = two_stalls
    add_to_cart(client, plum.id, 1)
    with app.app_context():
        data = checkout_data(client, token=token)
    response = post_form(client, "/checkout", data)
    assert response.status_code == 422
    assert "Biểu mẫu đã hết hạn" in response.get_data(as_text=True)
    assert _orders(app) == []
    assert "Mận sấy dẻo" in client.get("/cart").get_data(as_text=True)  # the cart is kept


def test_checkout_with_a_line_that_cannot_be_bought_says_so(app, client, two_stalls):
    plum, _, durian = two_stalls
    add_to_cart(client, plum.id, 1)
    add_to_cart(client, durian.id, 1)
    with app.app_context():
        db.session.get(Product, durian.id).status = "hidden"
        db.session.commit()
        data = checkout_data(client)
    response = post_form(client, "/checkout", data)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Hãy cập nhật giỏ hàng trước." in page
    assert "Không còn bán." in page  # the line itself says why
    assert _orders(app) == [] and _stock(app, plum) == 10
