import threading
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from marketplace.catalog.models import Product
from marketplace.db import utcnow
from marketplace.extensions import db
from marketplace.orders.models import Order
from marketplace.orders.services import expire_due_orders
from tests.helpers import place_order, post_form


@pytest.fixture
def unpaid(app, make_stall, make_product):
    product = make_product(make_stall(), stock=10)
    buyer = app.test_client()
    response = place_order(app, buyer, [(product, 4)])
    token = response.headers["Location"].rsplit("/", 1)[1]
    with app.app_context():
        order = db.session.scalar(select(Order))
        return order.id, product.id, token, buyer


def _past_deadline(app, order_id):
    with app.app_context():
        db.session.execute(
            update(Order)
            .where(Order.id == order_id)
            .values(expires_at=utcnow() - timedelta(minutes=1))
        )
        db.session.commit()


def _state(app, order_id, product_id):
    with app.app_context():
        return db.session.get(Order, order_id).status.value, db.session.get(
            Product, product_id
        ).stock


def test_orders_are_not_expired_before_their_deadline(app, runner, unpaid):
    order_id, product_id, _, _ = unpaid
    assert "expired 0 orders" in runner.invoke(args=["orders", "expire-unpaid"]).output
    assert _state(app, order_id, product_id) == ("pending_payment", 6)


def test_expiry_returns_stock_exactly_once(app, runner, unpaid):
    order_id, product_id, _, _ = unpaid
    _past_deadline(app, order_id)
    assert "expired 1 orders" in runner.invoke(args=["orders", "expire-unpaid"]).output
    assert _state(app, order_id, product_id) == ("expired", 10)
    assert "expired 0 orders" in runner.invoke(args=["orders", "expire-unpaid"]).output
    assert _state(app, order_id, product_id) == ("expired", 10)


def test_overlapping_expiry_runs_return_stock_once(app, unpaid):
    order_id, product_id, _, _ = unpaid
    _past_deadline(app, order_id)
    results, barrier = [], threading.Barrier(4)

    def run():
        with app.app_context():
            barrier.wait()
            results.append(expire_due_orders())
            db.session.commit()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(results) == [0, 0, 0, 1]
    assert _state(app, order_id, product_id) == ("expired", 10)


def test_viewing_an_overdue_order_expires_it(app, unpaid):
    order_id, product_id, token, buyer = unpaid
    _past_deadline(app, order_id)
    page = buyer.get(f"/checkout/{token}").get_data(as_text=True)
    assert "Quá hạn" in page
    assert _state(app, order_id, product_id) == ("expired", 10)


def test_an_expired_transfer_order_cannot_be_confirmed(app, unpaid, log_in):
    order_id, product_id, _, _ = unpaid
    _past_deadline(app, order_id)
    with app.app_context():
        owner = db.session.get(Order, order_id).stall.owner
        db.session.expunge(owner)
    client = app.test_client()
    log_in(client, owner)
    response = post_form(client, f"/my/orders/{order_id}/confirm_transfer")
    assert response.status_code == 303  # back to the order, which says it expired
    assert response.headers["Location"] == f"/my/orders/{order_id}"
    assert _state(app, order_id, product_id) == ("expired", 10)
    asked = post_form(
        client, f"/my/orders/{order_id}/confirm_transfer", headers={"Accept": "application/json"}
    )
    assert asked.status_code == 409  # an API client is told the action is no longer possible
    assert asked.json["error"]["name"] == "conflict"
