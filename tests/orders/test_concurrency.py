"""Many shoppers at once, over real HTTP against a threaded server: no oversell, no duplicates."""

import re
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from sqlalchemy import func, select

from marketplace.catalog.models import Product
from marketplace.extensions import db
from marketplace.orders.models import Checkout, Order
from tests.helpers import reference_ids

CSRF = re.compile(r'<meta name="csrf-token" content="([^"]+)">')
TOKEN = re.compile(r'<input id="token" name="token" type="hidden" value="([^"]+)">')
SHOWN = re.compile(r'<input id="shown" name="shown" type="hidden" value="([^"]*)">')


@pytest.fixture
def served(app, live_server):
    app.config["CHECKOUT_RATE_LIMIT"] = "1000 per minute"  # many shoppers, one test address
    return live_server(app)


def _shopper_ready_to_pay(base: str, product_id: int, form: dict) -> tuple[requests.Session, dict]:
    session = requests.Session()
    csrf = CSRF.search(session.get(f"{base}/").text).group(1)
    session.post(
        f"{base}/cart/add",
        data={"product_id": product_id, "quantity": 1, "csrf_token": csrf},
        timeout=30,
    )
    page = session.get(f"{base}/checkout", timeout=30).text
    shown = SHOWN.search(page).group(1)
    return session, {
        **form,
        "token": TOKEN.search(page).group(1),
        "shown": shown,
        "csrf_token": csrf,
    }


def _place(base, session, data):
    return session.post(
        f"{base}/checkout", data=data, allow_redirects=False, timeout=60
    ).status_code


def _buyer_form(app):
    with app.app_context():
        ids = reference_ids("dak-lak", "xã Ea Knốp")
    return {
        "name": "Người mua",
        "phone": "0987 654 321",
        "province_id": ids["province_id"],
        "commune_id": ids["commune_id"],
        "street": "Buôn Ea Knốp",
        "email": "",
    }


def test_parallel_checkouts_for_the_last_unit(app, database, served, make_stall, make_product):
    shoppers = 50 if database.kind == "postgres" else 8  # SQLite serialises writers anyway
    product = make_product(make_stall(), name="Sầu riêng cuối cùng", stock=1)
    form = _buyer_form(app)
    ready = [_shopper_ready_to_pay(served, product.id, form) for _ in range(shoppers)]
    barrier = threading.Barrier(shoppers)

    def go(args):
        barrier.wait()
        return _place(served, *args)

    with ThreadPoolExecutor(max_workers=shoppers) as pool:
        statuses = list(pool.map(go, ready))
    assert statuses.count(302) == 1, statuses
    assert set(statuses) <= {302, 422}, statuses  # the others are told it's gone, no 500s
    with app.app_context():
        assert db.session.get(Product, product.id).stock == 0
        assert db.session.scalar(select(func.count()).select_from(Order)) == 1


def test_the_same_checkout_submitted_at_once_makes_one_set_of_orders(
    app, database, served, make_stall, make_product
):
    product = make_product(make_stall(), stock=10)
    session, data = _shopper_ready_to_pay(served, product.id, _buyer_form(app))
    clicks = 10 if database.kind == "postgres" else 4
    barrier = threading.Barrier(clicks)

    def click(_):
        barrier.wait()
        return _place(served, session, data)

    with ThreadPoolExecutor(max_workers=clicks) as pool:
        statuses = list(pool.map(click, range(clicks)))
    assert set(statuses) == {302}, statuses
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Checkout)) == 1
        assert db.session.scalar(select(func.count()).select_from(Order)) == 1
        assert db.session.get(Product, product.id).stock == 9
