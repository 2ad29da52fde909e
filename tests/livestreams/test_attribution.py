"""Orders are attributed to the last session page or ``?live=`` link the buyer opened, when
placed between the session's start and LIVESTREAM_ATTRIBUTION_HOURS after its end."""

from __future__ import annotations

from datetime import timedelta

import pytest

from marketplace.db import utcnow
from marketplace.livestreams.attribution import decode_visit, encode_visit
from tests.helpers import place_order
from tests.livestreams.shopper_sessions import add_livestream, orders_of


@pytest.fixture
def goods(make_stall, make_product):
    stall = make_stall()
    return stall, make_product(stall, stock=100)


def freeze(monkeypatch, moment):
    monkeypatch.setattr("marketplace.orders.views.utcnow", lambda: moment)


def _attributed(app):
    return [order.livestream_id for order in orders_of(app)]


def test_order_during_the_session_after_opening_its_page(app, client, goods):
    stall, product = goods
    livestream_id = add_livestream(app, stall)
    assert client.get(f"/livestreams/{livestream_id}").status_code == 200
    assert place_order(app, client, [(product, 1)]).status_code == 302
    assert _attributed(app) == [livestream_id]


def test_the_owner_sees_the_session_and_the_live_price_on_the_order(
    app, client, make_user, make_stall, make_product, log_in
):
    owner = make_user()
    stall = make_stall(owner)
    product = make_product(stall, price=85_000, stock=100)
    livestream_id = add_livestream(
        app, stall, title="Hái mận tại vườn", featured=[(product, 69_000, None)]
    )
    client.get(f"/livestreams/{livestream_id}")
    assert place_order(app, client, [(product, 2)]).status_code == 302
    order = orders_of(app)[0]
    seller = app.test_client()
    log_in(seller, owner)
    page = seller.get(f"/my/orders/{order.id}").get_data(as_text=True)
    assert f'href="/stall/livestreams/{livestream_id}/stats">Hái mận tại vườn</a>' in page
    assert "2 × " in page and "138.000" in page and "giá live" in page


def test_no_session_opened_no_attribution(app, client, goods):
    stall, product = goods
    add_livestream(app, stall)
    assert place_order(app, client, [(product, 1)]).status_code == 302
    assert _attributed(app) == [None]


@pytest.mark.parametrize(
    ("moment", "attributed"),
    [
        ("start - 1s", False),  # placed before it started: not the livestream's doing
        ("start", True),
        ("end", True),
        ("end + 2h", True),
        ("end + 2h + 1s", False),
    ],
)
def test_attribution_window(app, client, goods, monkeypatch, moment, attributed):
    stall, product = goods
    starts = utcnow() + timedelta(hours=1)
    ends = starts + timedelta(hours=1)
    livestream_id = add_livestream(app, stall, starts_at=starts, ends_at=ends)
    assert client.get(f"/?live={livestream_id}").status_code == 200
    at = {
        "start - 1s": starts - timedelta(seconds=1),
        "start": starts,
        "end": ends,
        "end + 2h": ends + timedelta(hours=2),
        "end + 2h + 1s": ends + timedelta(hours=2, seconds=1),
    }[moment]
    freeze(monkeypatch, at)
    assert place_order(app, client, [(product, 1)]).status_code == 302
    assert _attributed(app) == [livestream_id if attributed else None]


def test_window_follows_the_setting(make_app, make_stall, make_product, monkeypatch):
    app = make_app(LIVESTREAM_ATTRIBUTION_HOURS=1)
    stall = make_stall()
    product = make_product(stall)
    ended = utcnow() - timedelta(minutes=90)
    livestream_id = add_livestream(app, stall, starts_at=ended - timedelta(hours=1), ends_at=ended)
    client = app.test_client()
    client.get(f"/livestreams/{livestream_id}")
    assert place_order(app, client, [(product, 1)]).status_code == 302
    assert _attributed(app) == [None]  # 90 minutes after the end: outside one hour


def test_last_click_wins(app, client, goods, make_stall):
    stall, product = goods
    first = add_livestream(app, stall)
    second = add_livestream(app, make_stall(name="Chè Shan Tuyết"), title="Phiên chè")
    client.get(f"/livestreams/{first}")
    client.get(f"/products/{product.id}?live={second}")  # a share link to the other session
    assert place_order(app, client, [(product, 1)]).status_code == 302
    client.get(f"/livestreams/{second}")
    client.get(f"/livestreams/{first}")
    assert place_order(app, client, [(product, 1)]).status_code == 302
    assert _attributed(app) == [second, first]


def test_every_order_of_the_checkout_is_attributed(app, client, goods, make_stall, make_product):
    stall, product = goods
    other = make_product(make_stall(name="Chè Shan Tuyết"), name="Chè búp")
    livestream_id = add_livestream(app, stall)
    client.get(f"/livestreams/{livestream_id}")
    assert place_order(app, client, [(product, 1), (other, 1)]).status_code == 302
    assert _attributed(app) == [livestream_id, livestream_id]


@pytest.mark.parametrize("status", ["pending", "rejected", "cancelled"])
def test_only_approved_sessions_are_attributed(app, client, goods, status):
    stall, product = goods
    livestream_id = add_livestream(app, stall, status=status)
    client.get(f"/?live={livestream_id}")
    assert place_order(app, client, [(product, 1)]).status_code == 302
    assert _attributed(app) == [None]


@pytest.mark.parametrize("garbage", ["abc", "-1", "0", "99999999999", "1e3", "%00", "١"])
def test_garbage_share_links_are_ignored(app, client, goods, garbage):
    _stall, product = goods
    assert client.get(f"/?live={garbage}").status_code == 200
    assert place_order(app, client, [(product, 1)]).status_code == 302
    assert _attributed(app) == [None]


def test_visit_kept_in_the_session_survives_only_in_its_own_shape():
    now = utcnow().replace(microsecond=0)
    assert decode_visit(encode_visit(7, now)).opened_at == now
    for raw in (None, "7", [7], [7, "x"], [True, 1], [0, 1], [2**31, 1], {"a": 1}, [7, -1]):
        assert decode_visit(raw) is None, raw
