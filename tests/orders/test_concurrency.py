"""Many shoppers at once, over real HTTP against a threaded server: no oversell, no duplicates."""

from functools import partial

import pytest
from sqlalchemy import func, select

from marketplace.catalog.models import Product
from marketplace.extensions import db
from marketplace.orders.models import Checkout, Order
from tests.orders.http_shoppers import at_once, buyer_form, place, shopper_ready_to_pay


@pytest.fixture
def served(app, live_server):
    app.config["CHECKOUT_RATE_LIMIT"] = "1000 per minute"  # many shoppers, one test address
    return live_server(app)


def test_parallel_checkouts_for_the_last_unit(app, database, served, make_stall, make_product):
    shoppers = 50 if database.kind == "postgres" else 8  # SQLite serialises writers anyway
    product = make_product(make_stall(), name="Sầu riêng cuối cùng", stock=1)
    form = buyer_form(app)
    ready = [shopper_ready_to_pay(served, product.id, form) for _ in range(shoppers)]
    statuses = at_once([partial(place, served, *args) for args in ready])
    assert statuses.count(302) == 1, statuses
    assert set(statuses) <= {302, 422}, statuses  # the others are told it's gone, no 500s
    with app.app_context():
        assert db.session.get(Product, product.id).stock == 0
        assert db.session.scalar(select(func.count()).select_from(Order)) == 1


def test_the_same_checkout_submitted_at_once_makes_one_set_of_orders(
    app, database, served, make_stall, make_product
):
    product = make_product(make_stall(), stock=10)
    session, data = shopper_ready_to_pay(served, product.id, buyer_form(app))
    clicks = 10 if database.kind == "postgres" else 4
    statuses = at_once([partial(place, served, session, data)] * clicks)
    assert set(statuses) == {302}, statuses
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Checkout)) == 1
        assert db.session.scalar(select(func.count()).select_from(Order)) == 1
        assert db.session.get(Product, product.id).stock == 9
