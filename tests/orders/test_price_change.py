"""A price that changes between showing the checkout and sending it is confirmed first (item 20)."""

import re

from sqlalchemy import select

from marketplace.catalog.models import Product
from marketplace.extensions import db
from marketplace.orders.models import Order, OrderLine
from tests.helpers import add_to_cart, checkout_data, post_form

_SHOWN = re.compile(r'<input id="shown" name="shown" type="hidden" value="([^"]*)">')


def _set_price(app, product, price):
    with app.app_context():
        db.session.get(Product, product.id).price = price
        db.session.commit()


def _orders(app):
    with app.app_context():
        return db.session.execute(select(Order.total, OrderLine.unit_price).join(Order.lines)).all()


def test_a_price_raised_meanwhile_is_shown_and_confirmed_before_ordering(
    app, client, make_stall, make_product
):
    plum = make_product(make_stall(), name="Mận sấy", price=85_000, stock=10)
    add_to_cart(client, plum.id, 2)
    with app.app_context():
        data = checkout_data(client)  # the page the buyer reads: 2 × 85.000 ₫
    assert data.get("shown")
    _set_price(app, plum, 95_000)  # the stall raises the price before the buyer taps "Order"

    response = post_form(client, "/checkout", data)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Giá đã thay đổi" in page
    assert "190.000" in page  # the new total
    assert "85.000" in page  # and what it was
    assert _orders(app) == []  # nothing ordered at a price the buyer didn't see
    with app.app_context():
        assert db.session.get(Product, plum.id).stock == 10

    # The buyer confirms the page as shown now: ordered at the new price.
    confirmed = {**data, "shown": _SHOWN.search(page).group(1)}
    done = post_form(client, "/checkout", confirmed)
    assert done.status_code == 302, done.get_data(as_text=True)
    assert _orders(app) == [(190_000, 95_000)]


def test_a_snapshot_claiming_a_lower_price_only_asks_again(app, client, make_stall, make_product):
    plum = make_product(make_stall(), name="Mận sấy", price=85_000, stock=10)
    add_to_cart(client, plum.id, 1)
    with app.app_context():
        data = checkout_data(client)
    forged = {**data, "shown": f"{plum.id}:1000:1"}
    response = post_form(client, "/checkout", forged)
    assert response.status_code == 422
    assert _orders(app) == []
    # Whatever the snapshot says, the order is charged the database's price.
    fresh = _SHOWN.search(response.get_data(as_text=True)).group(1)
    assert post_form(client, "/checkout", {**data, "shown": fresh}).status_code == 302
    assert _orders(app) == [(85_000, 85_000)]
