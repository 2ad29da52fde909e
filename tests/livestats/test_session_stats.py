"""A session's statistics: each figure as the page defines it, the 5-minute timeline and its
chart, and who may see them (issue 9, item 9)."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest

from marketplace.db import utcnow
from marketplace.extensions import db
from marketplace.livestats import queries
from marketplace.livestreams.models import Livestream
from tests.helpers import ROOMY_CHECKOUT_LIMITS, TEST_PASSWORD, login, post_form
from tests.livestats.sessions import attributed_order, make_livestream, set_counters

# 20:00 Vietnam time on 20 November 2026.
START = datetime(2026, 11, 20, 13, 0, tzinfo=UTC)


@pytest.fixture
def app(make_app):
    return make_app(**ROOMY_CHECKOUT_LIMITS)


@pytest.fixture
def session(app, make_user, make_stall, make_product):
    owner = make_user()
    stall = make_stall(owner)
    product = make_product(stall, price=100_000, stock=100)
    livestream_id = make_livestream(app, stall, starts_at=START, minutes=30)
    return owner, product, livestream_id


def _figures(app, livestream_id):
    with app.app_context():
        return queries.figures_for([livestream_id])[livestream_id]


def test_figures_follow_their_definitions(app, session, make_product):
    _owner, product, livestream_id = session
    set_counters(
        app, livestream_id, views=2500, unique_viewers=2000, heartbeats=9000, peak_concurrent=640
    )
    buyer = app.test_client()
    during = START + timedelta(minutes=10)
    attributed_order(app, buyer, product, livestream_id, quantity=2, placed_at=during)
    attributed_order(app, buyer, product, livestream_id, status="delivered", placed_at=during)
    attributed_order(
        app, buyer, product, livestream_id, status="shipped", quantity=3, refunded=50_000
    )
    # Not counted: waiting for payment, cancelled, fully refunded, or another session's.
    attributed_order(app, buyer, product, livestream_id, status="pending_payment")
    attributed_order(app, buyer, product, livestream_id, status="cancelled")
    attributed_order(app, buyer, product, livestream_id, status="refunded", refunded=100_000)
    attributed_order(app, buyer, product, None)

    f = _figures(app, livestream_id)
    assert (f.views, f.unique_viewers, f.peak_concurrent) == (2500, 2000, 640)
    assert f.watch_seconds == 9000 * 30
    assert f.average_watch_seconds == 135  # 270,000 s ÷ 2,000 unique viewers
    assert (f.orders_placed, f.orders, f.items) == (6, 3, 6)
    assert f.revenue == 200_000 + 100_000 + 300_000 - 50_000
    assert queries.percent(f.conversion) == "0.2"  # 3 ÷ 2,000 = 0.15 % → 0.2 (half up)
    assert f.revenue_per_1000_views == 220_000  # 550,000 × 1,000 ÷ 2,500


def test_no_viewers_gives_no_ratio_instead_of_a_division_by_zero(app, client, session, log_in):
    owner, product, livestream_id = session
    attributed_order(app, app.test_client(), product, livestream_id)
    f = _figures(app, livestream_id)
    assert f.conversion is None and f.average_watch_seconds is None
    assert f.revenue_per_1000_views is None
    log_in(client, owner)
    page = client.get(f"/stall/livestreams/{livestream_id}/stats").get_data(as_text=True)
    assert "—" in page
    assert "100.000" in page  # the revenue is still there


def test_timeline_buckets_five_minutes_with_the_peak_minute_and_orders_placed(
    app, session, client, log_in
):
    owner, product, livestream_id = session
    minutes = {START + timedelta(minutes=m): 10 + m for m in range(30)}
    minutes[START + timedelta(minutes=7)] = 500  # the peak minute of the second bucket
    set_counters(app, livestream_id, minutes=minutes, views=600, unique_viewers=550)
    buyer = app.test_client()
    attributed_order(app, buyer, product, livestream_id, placed_at=START + timedelta(minutes=4))
    attributed_order(app, buyer, product, livestream_id, placed_at=START + timedelta(minutes=5))
    attributed_order(app, buyer, product, livestream_id, placed_at=START + timedelta(minutes=29))
    attributed_order(app, buyer, product, livestream_id, placed_at=START + timedelta(minutes=45))
    attributed_order(
        app, buyer, product, livestream_id, status="expired", placed_at=START + timedelta(minutes=6)
    )
    with app.app_context():
        timeline = queries.timeline(db.session.get(Livestream, livestream_id))
    assert [b.viewers for b in timeline.buckets] == [14, 500, 24, 29, 34, 39]
    assert [b.orders for b in timeline.buckets] == [1, 1, 0, 0, 0, 1]
    assert timeline.orders_after_end == 1

    log_in(client, owner)
    page = client.get(f"/stall/livestreams/{livestream_id}/stats").get_data(as_text=True)
    chart = page.index('<svg class="stats-chart"')
    svg = page[chart : page.index("</svg>", chart)]
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    assert "20:00" in svg and "20:05" not in svg.split("<desc")[0]  # Vietnam time on the axis
    assert "20:05" in page  # ... and every bucket in the table

    response = client.get(f"/stall/livestreams/{livestream_id}/stats/timeline.csv")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment;")
    text = response.get_data().decode("utf-8")
    assert text.startswith("\ufeff")
    lines = list(csv.reader(io.StringIO(text[1:])))
    assert lines[1] == ["2026-11-20T20:00:00+07:00", "5", "14", "1"]
    assert lines[2] == ["2026-11-20T20:05:00+07:00", "5", "500", "1"]
    assert len(lines) == 1 + 6


def test_a_session_across_midnight_in_vietnam_time(app, session, make_stall):
    owner, _product, _id = session
    stall = make_stall(owner, name="Cà phê Buôn Ma Thuột")
    # 23:50 on 20 November to 00:10 on 21 November, Vietnam time.
    late = datetime(2026, 11, 20, 16, 50, tzinfo=UTC)
    livestream_id = make_livestream(app, stall, starts_at=late, minutes=20)
    with app.app_context():
        from marketplace.livestats.chart import local_time

        timeline = queries.timeline(db.session.get(Livestream, livestream_id))
        assert [local_time(b.starts_at) for b in timeline.buckets] == [
            "23:50",
            "23:55",
            "00:00",
            "00:05",
        ]
        day = late.date()
        inside = queries.overview_sessions(queries.OverviewFilter(date_from=day, date_to=day))
        assert livestream_id in [r.livestream.id for r in inside]
        next_day = queries.overview_sessions(
            queries.OverviewFilter(date_from=day + timedelta(days=1))
        )
        assert livestream_id not in [r.livestream.id for r in next_day]


def test_another_owner_gets_404_and_an_admin_may_look(app, session, make_user):
    owner, _product, livestream_id = session
    stranger, admin = make_user(), make_user(is_admin=True)
    urls = [
        f"/stall/livestreams/{livestream_id}/stats",
        f"/stall/livestreams/{livestream_id}/stats/timeline.csv",
        f"/stall/livestreams/{livestream_id}/platform-figures",
    ]
    other = app.test_client()
    login(other, stranger.email, TEST_PASSWORD)
    for url in urls:
        assert other.get(url).status_code == 404, url
    assert other.post(urls[2], data={"views": "1"}).status_code in {400, 404}
    anonymous = app.test_client()
    assert anonymous.get(urls[0]).status_code == 302  # to the login page
    boss = app.test_client()
    login(boss, admin.email, TEST_PASSWORD)
    assert boss.get(urls[0]).status_code == 200
    mine = app.test_client()
    login(mine, owner.email, TEST_PASSWORD)
    assert mine.get(urls[0]).status_code == 200
    assert mine.get("/stall/livestreams/999999/stats").status_code == 404
    # The stranger's dashboard does not list the session.
    page = other.get("/stall/livestreams/stats").get_data(as_text=True)
    assert "Phiên live mận Tam Hoa" not in page


def test_the_page_defines_every_figure(app, session, client, log_in):
    owner, _product, livestream_id = session
    log_in(client, owner)
    page = client.get(f"/stall/livestreams/{livestream_id}/stats").get_data(as_text=True)
    assert "<dl>" in page
    assert "30" in page and "cookie" in page
    assert "theo nền tảng (chủ gian hàng nhập)" in page.lower()


def test_an_upcoming_session_has_an_empty_timeline_not_an_error(app, session, client, log_in):
    owner, _product, _id = session
    from tests.livestats.sessions import make_livestream as make

    with app.app_context():
        stall_id = db.session.get(Livestream, _id).stall_id
    stall = type("S", (), {"id": stall_id})
    upcoming = make(app, stall, starts_at=utcnow() + timedelta(days=2), minutes=15)
    log_in(client, owner)
    response = client.get(f"/stall/livestreams/{upcoming}/stats")
    assert response.status_code == 200


def test_a_percentage_uses_the_readers_decimal_comma(app, session, client, log_in):
    """Vietnamese groups thousands with "." (2.540 lượt xem), so "8.5 %" reads as 85 %: the
    page writes "8,5 %" in Vietnamese and "8.5 %" in English; the CSV keeps the dot."""
    owner, product, livestream_id = session
    set_counters(app, livestream_id, views=400, unique_viewers=200, heartbeats=0)
    buyer = app.test_client()
    for _ in range(17):  # 17 ÷ 200 = 8.5 %
        attributed_order(app, buyer, product, livestream_id, placed_at=START)
    log_in(client, owner)
    page = client.get(f"/stall/livestreams/{livestream_id}/stats").get_data(as_text=True)
    assert "8,5 %" in page and "8.5 %" not in page
    dashboard = client.get("/stall/livestreams/stats").get_data(as_text=True)
    assert "8,5 %" in dashboard and "8.5 %" not in dashboard
    post_form(client, "/language", {"language": "en", "next": "/"})
    english = client.get(f"/stall/livestreams/{livestream_id}/stats").get_data(as_text=True)
    assert "8.5 %" in english
