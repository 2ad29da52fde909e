"""Unpaid orders hold stock: capped per buyer and per address, checkout rate-limited (item 15)."""

from functools import partial

import pytest
from sqlalchemy import func, select

from marketplace.catalog.models import Product
from marketplace.extensions import db
from marketplace.orders.models import Order
from tests.helpers import place_order
from tests.orders.http_shoppers import at_once, buyer_form, place, shopper_ready_to_pay


def _pending(app):
    with app.app_context():
        return db.session.scalar(
            select(func.count(Order.id)).where(Order.status == "pending_payment")
        )


def _stock(app, product):
    with app.app_context():
        return db.session.get(Product, product.id).stock


def test_a_guest_cannot_hold_all_the_stock(app, make_stall, make_product):
    product = make_product(make_stall(), name="Chè Shan tuyết", stock=89)
    buyer = app.test_client()
    over = place_order(app, buyer, [(product, 89)])
    assert over.status_code == 422
    page = over.get_data(as_text=True)
    assert "tối đa 30 sản phẩm" in page  # says why, and what the cap is
    assert _pending(app) == 0 and _stock(app, product) == 89


def test_unpaid_orders_per_phone_are_capped_until_paid_or_cancelled(
    make_app, make_stall, make_product
):
    app = make_app(CHECKOUT_MAX_UNPAID_ORDERS=2)
    product = make_product(make_stall(), stock=50)
    for _ in range(2):  # two separate visits (new browsers), same phone number
        assert place_order(app, app.test_client(), [(product, 1)]).status_code == 302
    third = place_order(app, app.test_client(), [(product, 1)])
    assert third.status_code == 422
    page = third.get_data(as_text=True)
    assert "2 đơn hàng chưa thanh toán" in page and "Hãy thanh toán hoặc hủy" in page
    assert _pending(app) == 2 and _stock(app, product) == 48
    # Another phone from another address is not held back by this buyer.
    other = app.test_client()
    other.environ_base["REMOTE_ADDR"] = "10.0.0.9"
    assert place_order(app, other, [(product, 1)], phone="0912 555 666").status_code == 302
    # Once one of them is cancelled, the buyer may order again.
    with app.app_context():
        db.session.scalars(select(Order).order_by(Order.id)).first().status = "cancelled"
        db.session.commit()
    assert place_order(app, app.test_client(), [(product, 1)]).status_code == 302


def test_unpaid_orders_per_address_are_capped_whatever_the_phone(
    make_app, make_stall, make_product
):
    app = make_app(CHECKOUT_MAX_UNPAID_ORDERS_PER_ADDRESS=2)
    product = make_product(make_stall(), stock=50)
    for phone in ("0912 000 001", "0912 000 002"):
        assert place_order(app, app.test_client(), [(product, 1)], phone=phone).status_code == 302
    third = place_order(app, app.test_client(), [(product, 1)], phone="0912 000 003")
    assert third.status_code == 422
    assert "kết nối mạng này" in third.get_data(as_text=True)
    assert _pending(app) == 2


def test_checkout_posts_are_rate_limited_per_address(make_app, make_stall, make_product):
    app = make_app(CHECKOUT_RATE_LIMIT="2 per minute")
    product = make_product(make_stall(), stock=50)
    statuses = [
        place_order(app, app.test_client(), [(product, 1)], phone=f"0912 000 00{n}").status_code
        for n in range(3)
    ]
    assert statuses == [302, 302, 429]
    fourth = place_order(app, app.test_client(), [(product, 1)], phone="0912 000 009")
    assert fourth.status_code == 429
    assert "Vui lòng đợi" in fourth.get_data(as_text=True)
    assert _pending(app) == 2


@pytest.fixture
def capped_server(make_app, live_server):
    app = make_app(CHECKOUT_MAX_UNPAID_ORDERS=3, CHECKOUT_RATE_LIMIT="1000 per minute")
    return app, live_server(app)


def test_parallel_checkouts_by_one_buyer_stay_under_the_cap(
    capped_server, database, make_stall, make_product
):
    app, base = capped_server
    product = make_product(make_stall(), name="Cà phê Cầu Đất", stock=50)
    form = buyer_form(app)
    shoppers = 10 if database.kind == "postgres" else 5
    ready = [shopper_ready_to_pay(base, product.id, form) for _ in range(shoppers)]
    statuses = at_once([partial(place, base, *args) for args in ready])
    assert sorted(statuses) == [302] * 3 + [422] * (shoppers - 3), statuses
    assert _pending(app) == 3
    assert _stock(app, product) == 47
