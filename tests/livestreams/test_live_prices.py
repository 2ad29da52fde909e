"""Live prices: only between start (inclusive) and end (exclusive) of an approved session,
decided on the server when the order is placed, with the per-buyer limit across orders."""

from __future__ import annotations

from datetime import timedelta
from functools import partial

import pytest
import sqlalchemy as sa

from marketplace.db import utcnow
from marketplace.extensions import db
from marketplace.livestreams.pricing import live_offer, live_offers
from marketplace.orders.models import Order
from tests.helpers import ROOMY_CHECKOUT_LIMITS, add_to_cart, checkout_data, place_order, post_form
from tests.livestreams.shopper_sessions import add_livestream, orders_of
from tests.orders.http_shoppers import at_once, buyer_form, place, shopper_ready_to_pay


@pytest.fixture
def app(make_app):
    return make_app(**ROOMY_CHECKOUT_LIMITS)


@pytest.fixture
def plums(make_stall, make_product):
    stall = make_stall()
    return stall, make_product(stall, price=85_000, stock=100)


def freeze(monkeypatch, moment):
    """The checkout decides prices at one instant, read from this clock."""
    monkeypatch.setattr("marketplace.orders.views.utcnow", lambda: moment)


def test_offer_is_live_from_start_to_just_before_end(app, plums):
    stall, product = plums
    starts = utcnow() + timedelta(hours=1)
    ends = starts + timedelta(hours=2)
    livestream_id = add_livestream(
        app, stall, starts_at=starts, ends_at=ends, featured=[(product, 69_000, None)]
    )
    with app.app_context():
        assert live_offer(product.id, starts - timedelta(seconds=1)) is None
        offer = live_offer(product.id, starts)
        assert (offer.price, offer.livestream_id) == (69_000, livestream_id)
        assert live_offer(product.id, ends - timedelta(seconds=1)).price == 69_000
        assert live_offer(product.id, ends) is None


@pytest.mark.parametrize("status", ["pending", "rejected", "cancelled"])
def test_only_approved_sessions_have_live_prices(app, plums, status):
    stall, product = plums
    add_livestream(app, stall, status=status, featured=[(product, 69_000, None)])
    with app.app_context():
        assert live_offer(product.id, utcnow()) is None


def test_lowest_price_of_overlapping_sessions_and_never_above_normal(
    app, plums, make_product, make_stall
):
    """A stall can't hold two overlapping sessions (booking; on PostgreSQL the database), so
    two at once featuring one product means another stall featured it: the lowest price."""
    stall, product = plums
    dearer = make_product(stall, name="Mận sấy gói nhỏ", price=50_000)
    add_livestream(app, stall, featured=[(product, 70_000, None), (dearer, 60_000, None)])
    cheaper = add_livestream(
        app, make_stall(name="Hợp tác xã"), featured=[(product, 65_000, 2)], title="Phiên hai"
    )
    with app.app_context():
        offers = live_offers([product.id, dearer.id], utcnow())
    assert offers[product.id].price == 65_000
    assert offers[product.id].livestream_id == cheaper
    assert offers[product.id].per_buyer_limit == 2
    # The normal price was lowered below the live price since booking: the normal price wins.
    assert dearer.id not in offers


@pytest.mark.parametrize(
    ("offset", "expected"),
    [(-timedelta(seconds=1), 85_000), (timedelta(0), 69_000), (timedelta(hours=1), 85_000)],
    ids=["second-before-start", "at-start", "at-end"],
)
def test_checkout_decides_the_price_at_placing(app, client, plums, monkeypatch, offset, expected):
    stall, product = plums
    starts = utcnow() + timedelta(hours=3)
    livestream_id = add_livestream(
        app, stall, starts_at=starts, ends_at=starts + timedelta(hours=1),
        featured=[(product, 69_000, None)],
    )  # fmt: skip
    freeze(monkeypatch, starts + offset)
    assert place_order(app, client, [(product, 2)]).status_code == 302
    [order] = orders_of(app)
    [line] = order.lines
    assert (line.unit_price, order.total) == (expected, 2 * expected)
    assert line.live_price_livestream_id == (livestream_id if expected == 69_000 else None)


def test_price_shown_in_the_cart_is_the_live_price(app, client, plums):
    stall, product = plums
    add_livestream(app, stall, featured=[(product, 69_000, None)])
    add_to_cart(client, product.id, 1)
    page = client.get("/cart").get_data(as_text=True)
    assert "69.000" in page and "85.000" in page  # the normal price struck through


def test_cart_says_when_a_quantity_is_over_the_live_limit(app, client, plums):
    """The cart tells the buyer before checkout does: over the limit, the line can't be bought
    as it is (it is left out of the subtotal) and says how many are allowed."""
    stall, product = plums
    add_livestream(app, stall, featured=[(product, 69_000, 2)])
    add_to_cart(client, product.id, 3)
    page = client.get("/cart").get_data(as_text=True)
    assert "tối đa 2" in page and "giảm số lượng xuống còn 2" in page
    with app.app_context():
        assert post_form(client, "/checkout", checkout_data(client)).status_code == 422


def test_cart_counts_what_the_account_already_ordered_at_the_live_price(
    app, make_user, log_in, plums
):
    stall, product = plums
    add_livestream(app, stall, featured=[(product, 69_000, 2)])
    buyer = make_user()
    shopper = app.test_client()
    log_in(shopper, buyer)
    assert _checkout(app, shopper, product, 1).status_code == 302
    add_to_cart(shopper, product.id, 1)
    assert "tối đa 2" not in shopper.get("/cart").get_data(as_text=True)  # 1 + 1 is allowed
    add_to_cart(shopper, product.id, 1)  # now 2 in the cart, 1 already ordered
    page = shopper.get("/cart").get_data(as_text=True)
    assert "tối đa 2" in page and "đã đặt 1" in page


def test_a_session_ending_between_page_and_order_asks_again(app, client, plums, monkeypatch):
    """The buyer saw the live price; the session ended before they pressed the button: they
    are shown the normal price and asked again, never charged what they didn't see."""
    stall, product = plums
    starts = utcnow() + timedelta(hours=3)
    add_livestream(
        app, stall, starts_at=starts, ends_at=starts + timedelta(hours=1),
        featured=[(product, 69_000, None)],
    )  # fmt: skip
    freeze(monkeypatch, starts + timedelta(minutes=59))
    add_to_cart(client, product.id, 1)
    with app.app_context():
        data = checkout_data(client)
    freeze(monkeypatch, starts + timedelta(hours=1))
    response = post_form(client, "/checkout", data)
    assert response.status_code == 422
    assert "85.000" in response.get_data(as_text=True)
    assert orders_of(app) == []


def _checkout(app, client, product, quantity, **overrides):
    """One checkout of ``quantity`` from a browser with an empty cart (phone 0987 654 321
    unless told otherwise): a refused checkout leaves its cart behind."""
    return place_order(app, client or app.test_client(), [(product, quantity)], **overrides)


def test_per_buyer_limit_across_orders_and_cancelled_orders_free_it(app, plums, monkeypatch):
    stall, product = plums
    starts = utcnow() + timedelta(hours=3)
    add_livestream(app, stall, starts_at=starts, featured=[(product, 69_000, 3)])
    freeze(monkeypatch, starts + timedelta(minutes=10))  # every checkout inside the session
    assert _checkout(app, None, product, 2).status_code == 302
    refused = _checkout(app, None, product, 2)
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert "tối đa 3" in page, page
    assert len(orders_of(app)) == 1
    assert _checkout(app, None, product, 1).status_code == 302
    assert _checkout(app, None, product, 1).status_code == 422  # 3 of 3 taken
    # Another buyer (another phone) has their own limit.
    assert _checkout(app, None, product, 3, phone="0912 345 678").status_code == 302
    # A cancelled order frees its units.
    first = orders_of(app)[0]
    with app.app_context():
        db.session.execute(sa.update(Order).where(Order.id == first.id).values(status="cancelled"))
        db.session.commit()
    assert _checkout(app, None, product, 2).status_code == 302
    bought = [line.quantity for o in orders_of(app) for line in o.lines]
    assert bought == [2, 1, 3, 2]
    assert all(line.unit_price == 69_000 for o in orders_of(app) for line in o.lines)


def test_limit_counts_the_account_across_phones(app, make_user, log_in, plums):
    stall, product = plums
    add_livestream(app, stall, featured=[(product, 69_000, 2)])
    buyer = make_user()
    first, second = app.test_client(), app.test_client()
    log_in(first, buyer)
    log_in(second, buyer)
    assert _checkout(app, first, product, 2).status_code == 302
    assert _checkout(app, second, product, 1, phone="0912 345 678").status_code == 422


def test_without_a_limit_any_quantity_at_the_live_price(app, client, plums):
    stall, product = plums
    add_livestream(app, stall, featured=[(product, 69_000, None)])
    assert _checkout(app, None, product, 7).status_code == 302
    assert _checkout(app, None, product, 7).status_code == 302


@pytest.fixture
def limited_server(make_app, live_server):
    app = make_app(**ROOMY_CHECKOUT_LIMITS)
    return app, live_server(app)


def test_parallel_checkouts_of_one_buyer_stay_within_the_limit(
    limited_server, database, make_stall, make_product
):
    app, base = limited_server
    stall = make_stall()
    product = make_product(stall, price=85_000, stock=100)
    add_livestream(app, stall, featured=[(product, 69_000, 2)])
    shoppers = 8 if database.kind == "postgres" else 4
    form = buyer_form(app)
    ready = [shopper_ready_to_pay(base, product.id, form) for _ in range(shoppers)]
    statuses = at_once([partial(place, base, *args) for args in ready])
    assert sorted(statuses) == [302] * 2 + [422] * (shoppers - 2), statuses
    assert sum(line.quantity for o in orders_of(app) for line in o.lines) == 2
