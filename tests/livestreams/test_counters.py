"""Views, unique viewers, heartbeats, peak and watch time: on the database and on Redis.

Every test runs on both counter backends (a real redis-server for the second). Hits go through
HTTP (the Flask test client) with the clock of `visitors` frozen and moved by hand; what the app
recorded is read from the tables after a flush (a no-op for the database backend).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from threading import Barrier, Thread

import pytest
import sqlalchemy as sa

from marketplace.extensions import db
from marketplace.livestreams import visitors
from marketplace.livestreams.counters import counters
from marketplace.livestreams.models import (
    Livestream,
    LivestreamMinute,
    LivestreamTotals,
    LivestreamViewer,
)
from tests.livestreams.measuring import PHONE, stand_in_session_page

START = datetime(2026, 3, 14, 12, 0, tzinfo=UTC)  # 19:00 in Vietnam
BOTS = [
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "Zalo Link Preview/1.0",
    "curl/8.5.0",
    "Wget/1.21",
    "python-requests/2.32.3",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/120.0 Safari/537.36",
    "",
]


class Clock:
    def __init__(self, moment: datetime):
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment

    def at(self, **delta) -> None:
        self.moment = START + timedelta(**delta)


@pytest.fixture(params=["database", "redis"])
def world(request, make_app, make_stall, monkeypatch):
    overrides = {"LIVESTREAM_SCHEDULE_CACHE_SECONDS": 0}
    if request.param == "redis":
        overrides.update(
            REDIS_URL=request.getfixturevalue("redis_url"), LIVESTREAM_COUNTER_BACKEND="redis"
        )
    app = make_app(**overrides)
    stand_in_session_page(app)
    clock = Clock(START)
    monkeypatch.setattr(visitors, "utcnow", clock)
    stall = make_stall()
    ids = {}
    with app.app_context():
        for key, status, after in (("live", "approved", 0), ("pending", "pending", 2)):
            livestream = Livestream(
                stall_id=stall.id,
                title="Sầu riêng Ea Knốp",
                platform="tiktok",
                stream_url="https://www.tiktok.com/@eaknop/live",
                starts_at=START + timedelta(hours=after),
                ends_at=START + timedelta(hours=after + 2),
                status=status,
            )
            db.session.add(livestream)
            db.session.flush()
            ids[key] = livestream.id
        db.session.commit()
    return app, clock, ids, request.param


def _visitor(app, n: int, user_agent: str = PHONE):
    client = app.test_client()
    client.set_cookie(visitors.VISITOR_COOKIE, f"{n:032x}")
    client.environ_base["HTTP_USER_AGENT"] = user_agent
    return client


def _beat(client, livestream_id: int, **kwargs):
    return client.post(f"/livestreams/{livestream_id}/heartbeat", json={}, **kwargs)


def _flushed(app, clock) -> tuple[LivestreamTotals | None, list[LivestreamMinute]]:
    with app.app_context():
        counters().flush(clock() + timedelta(minutes=3))
        db.session.commit()
        totals = db.session.scalar(sa.select(LivestreamTotals))
        minutes = db.session.scalars(sa.select(LivestreamMinute).order_by("minute")).all()
        db.session.expunge_all()
    return totals, minutes


def test_views_unique_viewers_and_the_30_minute_rule(world):
    app, clock, ids, _ = world
    page = f"/livestreams/{ids['live']}"
    one, two = _visitor(app, 1), _visitor(app, 2)
    assert one.get(page).status_code == 200  # a view
    clock.at(minutes=10)
    one.get(page)  # the same visitor within 30 minutes: not a view
    clock.at(minutes=29, seconds=59)
    one.get(page)  # 29:59 after the last counted view: still not
    two.get(page)  # another visitor: a view
    clock.at(minutes=30)
    one.get(page)  # 30 minutes after the last counted view: a new view, not a new viewer
    clock.at(minutes=45)
    one.get(page)  # 15 minutes after that one: not a view
    totals, minutes = _flushed(app, clock)
    assert (totals.views, totals.unique_viewers) == (3, 2)
    assert [(m.minute.minute, m.views) for m in minutes] == [(0, 1), (29, 1), (30, 1)]


def test_a_first_visit_sets_the_cookie_and_its_image_counts_it(world):
    app, clock, ids, _ = world
    client = app.test_client()
    client.environ_base["HTTP_USER_AGENT"] = PHONE
    page = client.get(f"/livestreams/{ids['live']}")
    html = page.get_data(as_text=True)
    cookie = client.get_cookie(visitors.VISITOR_COOKIE)
    assert cookie is not None and len(cookie.value) == 32
    header = page.headers["Set-Cookie"]
    assert "HttpOnly" in header and "SameSite=Lax" in header and "Max-Age=31536000" in header
    assert _flushed(app, clock)[0] is None  # a cookie-less request is never counted
    beacon = f"/livestreams/{ids['live']}/seen.gif"
    assert beacon in html
    image = client.get(beacon)  # the browser loads the image with the cookie just set
    assert (image.status_code, image.mimetype) == (200, "image/gif")
    assert image.headers["Cache-Control"] == "no-store"
    again = client.get(f"/livestreams/{ids['live']}").get_data(as_text=True)
    assert beacon not in again  # a returning visitor is counted by the page itself
    totals, _ = _flushed(app, clock)
    assert (totals.views, totals.unique_viewers) == (1, 1)


def test_clients_without_cookies_and_bots_are_never_counted(world):
    app, clock, ids, _ = world
    page = f"/livestreams/{ids['live']}"
    for _ in range(3):  # a link-preview fetcher that keeps no cookie, three times
        fetcher = app.test_client(use_cookies=False)
        fetcher.environ_base["HTTP_USER_AGENT"] = PHONE
        assert fetcher.get(page).status_code == 200
        assert fetcher.get(f"{page}/seen.gif").status_code == 200
        assert _beat(fetcher, ids["live"]).get_json()["counted"] is False
    for n, agent in enumerate(BOTS, start=10):
        bot = _visitor(app, n, agent)
        assert bot.get(page).status_code == 200
        bot.get(f"{page}/seen.gif")
        assert _beat(bot, ids["live"]).get_json()["counted"] is False
    assert _flushed(app, clock) == (None, [])
    _visitor(app, 99).get(page)  # a Cubot phone is a phone
    assert _flushed(app, clock)[0].views == 1


def test_concurrent_viewers_peak_and_watch_time(world):
    app, clock, ids, _ = world
    live = ids["live"]
    viewers = [_visitor(app, n) for n in range(1, 5)]
    answers = [_beat(v, live).get_json() for v in viewers[:3]]  # minute 0: three watch
    assert [a["concurrent"] for a in answers] == [1, 2, 3]
    assert all(a["counted"] and a["live"] for a in answers)
    clock.at(seconds=30)
    assert _beat(viewers[0], live).get_json() == {"live": True, "counted": True, "concurrent": 3}
    clock.at(minutes=1, seconds=5)
    # Minute 1 so far has one visitor: the answer is the previous full minute's three.
    assert _beat(viewers[0], live).get_json()["concurrent"] == 3
    clock.at(minutes=1, seconds=20)
    _beat(viewers[3], live)
    totals, minutes = _flushed(app, clock)
    assert [(m.viewers, m.heartbeats) for m in minutes] == [(3, 4), (2, 2)]
    assert (totals.peak_concurrent, totals.heartbeats) == (3, 6)  # watch time: 6 × 30 s
    assert totals.views == totals.unique_viewers == 0  # heartbeats are not views
    with app.app_context():
        rows = db.session.execute(
            sa.select(LivestreamViewer.visitor_id, LivestreamViewer.heartbeats)
        ).all()
    beats = dict(rows)
    assert beats == {f"{1:032x}": 3, f"{2:032x}": 1, f"{3:032x}": 1, f"{4:032x}": 1}


def test_heartbeats_closer_than_20_seconds_are_accepted_and_not_counted(world):
    app, clock, ids, _ = world
    viewer = _visitor(app, 1)
    assert _beat(viewer, ids["live"]).get_json()["counted"] is True
    clock.at(seconds=19)
    again = _beat(viewer, ids["live"])
    assert again.status_code == 200
    assert again.get_json() == {"live": True, "counted": False, "concurrent": 1}
    clock.at(seconds=20)
    assert _beat(viewer, ids["live"]).get_json()["counted"] is True
    totals, _ = _flushed(app, clock)
    assert totals.heartbeats == 2


@pytest.mark.parametrize("moment", [{"minutes": -1}, {"hours": 2}, {"hours": 5}])
def test_a_session_that_is_not_live_accepts_heartbeats_and_ignores_them(world, moment):
    app, clock, ids, _ = world
    clock.at(**moment)
    viewer = _visitor(app, 1)
    for livestream_id in (ids["live"], ids["pending"]):
        response = _beat(viewer, livestream_id)
        assert response.status_code == 200
        assert response.get_json() == {"live": False, "concurrent": 0}
    clock.at(hours=2, minutes=30)  # inside the pending session's slot: not approved, not live
    assert _beat(viewer, ids["pending"]).get_json() == {"live": False, "concurrent": 0}
    assert _flushed(app, clock) == (None, [])


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"garbage", "text/plain"),
        (b"{", "application/json"),
        (b"[1, 2]", "application/json"),
        (b'"text"', "application/json"),
        (b"\xff\xfe", "application/octet-stream"),
        (b"[" * 600 + b"]" * 600, "text/plain"),
        (b'{"a": "' + b"x" * 2000 + b'"}', "application/json"),
        (b"v=1&w=2", "application/x-www-form-urlencoded"),
    ],
)
def test_a_garbage_heartbeat_gets_a_400_in_json(world, body, content_type):
    app, clock, ids, _ = world
    response = _visitor(app, 1).post(
        f"/livestreams/{ids['live']}/heartbeat", data=body, content_type=content_type
    )
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == 400
    assert _flushed(app, clock) == (None, [])


@pytest.mark.parametrize("path", ["/livestreams/{}/heartbeat", "/livestreams/{}/seen.gif"])
def test_an_unknown_session_is_a_404(world, path):
    app, _clock, ids, _ = world
    client = _visitor(app, 1)
    url = path.format(max(ids.values()) + 1)
    response = client.post(url, data=b"") if "heartbeat" in url else client.get(url)
    assert response.status_code == 404
    if "heartbeat" in url:
        assert response.get_json()["error"]["code"] == 404


def test_the_heartbeat_loads_no_user_and_writes_no_session(world, make_user, log_in):
    app, _clock, ids, _ = world
    user = make_user()
    client = _visitor(app, 1)
    log_in(client, user)
    with app.app_context():
        engine = db.engine
    statements: list[str] = []

    def record(conn, cursor, statement, *args):
        statements.append(statement)

    sa.event.listen(engine, "before_cursor_execute", record)
    try:
        response = _beat(client, ids["live"])
    finally:
        sa.event.remove(engine, "before_cursor_execute", record)
    assert response.get_json()["counted"] is True
    assert "Set-Cookie" not in response.headers
    assert response.headers["Cache-Control"] == "no-store"
    assert not [s for s in statements if "users" in s]


def test_two_flushes_at_once_land_each_minute_once(world):
    app, clock, ids, backend = world
    live = ids["live"]
    for n in range(1, 6):
        _visitor(app, n).get(f"/livestreams/{live}")
        _beat(_visitor(app, n), live)
    clock.at(minutes=1)
    for n in range(1, 4):
        _beat(_visitor(app, n), live)
    barrier = Barrier(2)
    results = []

    def flush():
        with app.app_context():
            barrier.wait()
            results.append(counters().flush(clock() + timedelta(minutes=3)))
            db.session.commit()
            db.session.remove()

    threads = [Thread(target=flush) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if backend == "redis":
        assert sorted(r.minutes for r in results) in ([0, 2], [1, 1])
        assert sum(r.minutes for r in results) == 2
    totals, minutes = _flushed(app, clock)  # and a third run finds nothing left to land
    assert (totals.views, totals.unique_viewers, totals.heartbeats) == (5, 5, 8)
    assert (totals.peak_concurrent, [m.viewers for m in minutes]) == (5, [5, 3])


def test_parallel_hits_over_http_are_counted_exactly(world, live_server):
    """Real concurrent requests (a threaded server; on PostgreSQL, concurrent transactions)."""
    import requests

    from tests.orders.http_shoppers import at_once

    app, clock, ids, _ = world
    base = live_server(app)
    live = ids["live"]

    def hit(method: str, path: str, n: int):
        def call():
            cookies = {visitors.VISITOR_COOKIE: f"{n:032x}"}
            headers = {"User-Agent": PHONE, "Content-Type": "application/json"}
            return requests.request(
                method, f"{base}{path}", cookies=cookies, headers=headers, data=b"{}", timeout=60
            )

        return call

    opened = at_once([hit("GET", f"/livestreams/{live}", n) for n in range(1, 17)])
    assert {r.status_code for r in opened} == {200}
    beats = at_once(
        [hit("POST", f"/livestreams/{live}/heartbeat", n) for n in range(1, 17)]
        + [hit("POST", f"/livestreams/{live}/heartbeat", 99) for _ in range(8)]
    )
    assert {r.status_code for r in beats} == {200}
    assert sum(r.json()["counted"] for r in beats) == 17  # the eight of visitor 99 count once
    totals, minutes = _flushed(app, clock)
    assert (totals.views, totals.unique_viewers) == (16, 16)
    assert (totals.heartbeats, totals.peak_concurrent) == (17, 17)
    assert [(m.views, m.viewers, m.heartbeats) for m in minutes] == [(16, 17, 17)]


def test_flush_counters_command(world):
    app, clock, ids, backend = world
    _beat(_visitor(app, 1), ids["live"])
    clock.at(minutes=5, seconds=30)
    runner = app.test_cli_runner()
    first = runner.invoke(args=["livestreams", "flush-counters"])
    assert first.exit_code == 0, first.output
    again = runner.invoke(args=["livestreams", "flush-counters"])
    if backend == "redis":
        assert "redis: 1 minute bucket(s) written" in first.output
        assert "redis: 0 minute bucket(s) written" in again.output
    else:
        assert "database: 0 minute bucket(s) written" in first.output
    with app.app_context():
        assert db.session.scalar(sa.select(LivestreamTotals.heartbeats)) == 1
