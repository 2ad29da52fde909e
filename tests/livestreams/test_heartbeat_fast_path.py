"""The heartbeat's fast path (`livestreams/hot_path.py`): the same answer as the Flask route,
without Flask's hooks, in one statement on PostgreSQL, and safe on a dead pooled connection.

The definitions themselves (views, 20 s, minutes, peak, ...) are tested through the same URL in
`test_counters.py`, which the fast path answers too.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from marketplace.extensions import db
from marketplace.livestreams import visitors
from marketplace.livestreams.models import Livestream, LivestreamTotals
from tests.livestreams.measuring import PHONE

NOW = datetime(2026, 3, 14, 12, 30, tzinfo=UTC)


@pytest.fixture
def live(make_app, make_stall, monkeypatch):
    """An app that caches the schedule (as in production), and a session live at ``NOW``."""
    app = make_app(LIVESTREAM_SCHEDULE_CACHE_SECONDS=60)
    monkeypatch.setattr(visitors, "utcnow", lambda: NOW)
    stall = make_stall()
    with app.app_context():
        livestream = Livestream(
            stall_id=stall.id,
            title="Sầu riêng Ea Knốp",
            platform="tiktok",
            stream_url="https://www.tiktok.com/@eaknop/live",
            starts_at=NOW - timedelta(minutes=30),
            ends_at=NOW + timedelta(hours=1),
            status="approved",
        )
        db.session.add(livestream)
        db.session.commit()
        return app, livestream.id


def _beat(app, livestream_id: int, visitor: int, headers=None, **kwargs):
    client = app.test_client()
    client.set_cookie(visitors.VISITOR_COOKIE, f"{visitor:032x}")
    return client.post(
        f"/livestreams/{livestream_id}/heartbeat",
        headers={"User-Agent": PHONE, **(headers or {})},
        **(kwargs or {"json": {}}),
    )


def _heartbeats(app) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(LivestreamTotals.heartbeats)) or 0


def test_it_answers_like_the_route_without_running_flask_hooks(live):
    app, livestream_id = live
    ran = []
    app.before_request(lambda: ran.append("before"))
    app.after_request(lambda response: ran.append("after") or response)

    response = _beat(app, livestream_id, 1, headers={"X-Request-ID": "edge-12345678"})

    assert response.status_code == 200
    assert response.get_json() == {"live": True, "counted": True, "concurrent": 1}
    assert ran == []  # answered in front of Flask
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["X-Request-ID"] == "edge-12345678"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Security-Policy"].startswith("default-src 'self'")
    assert "Set-Cookie" not in response.headers
    assert _heartbeats(app) == 1


@pytest.mark.parametrize(
    ("body", "status"),
    [(b"[1, 2]", 400), (b"{not json", 400), (b"x" * 2000, 400)],
)
def test_what_it_does_not_take_goes_to_the_route(live, body, status):
    app, livestream_id = live
    ran = []
    app.after_request(lambda response: ran.append("after") or response)

    response = _beat(app, livestream_id, 1, data=body, content_type="application/json")

    assert response.status_code == status
    assert response.is_json and response.get_json()["error"]
    assert ran == ["after"]  # Flask answered, with its translated message
    assert _heartbeats(app) == 0


def test_an_unknown_session_goes_to_the_route(live):
    app, livestream_id = live
    response = _beat(app, livestream_id + 1000, 1)
    assert response.status_code == 404
    assert response.get_json()["error"]


def _statements(app):
    seen: list[str] = []
    with app.app_context():
        engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", lambda *a: seen.append(a[2].split()[0]))
    return seen


def test_on_postgresql_a_heartbeat_is_one_statement_and_no_ping(live, database, monkeypatch):
    if database.kind != "postgres":
        pytest.skip("the one-statement heartbeat is PostgreSQL's (run with --db=postgres)")
    app, livestream_id = live
    _beat(app, livestream_id, 1)  # reads the schedule into the worker's cache
    seen = _statements(app)
    pings = []
    with app.app_context():
        dialect = db.engine.dialect
    real_ping = dialect.do_ping
    monkeypatch.setattr(dialect, "do_ping", lambda c: pings.append(1) or real_ping(c))

    assert _beat(app, livestream_id, 2).get_json()["concurrent"] == 2

    assert seen == ["WITH"]  # in autocommit: no BEGIN and no COMMIT either
    assert pings == []
    assert _heartbeats(app) == 2  # committed
    assert pings  # every other checkout is still pinged


def test_a_dead_pooled_connection_costs_no_heartbeat_and_counts_none_twice(live, database):
    if database.kind != "postgres":
        pytest.skip("terminates a PostgreSQL backend (run with --db=postgres)")
    app, livestream_id = live
    _beat(app, livestream_id, 1)
    with app.app_context():  # the pooled connection the next heartbeat will take
        pid = db.session.scalar(sa.text("SELECT pg_backend_pid()"))
        db.session.commit()
    killer = sa.create_engine(app.config["SQLALCHEMY_DATABASE_URI"])
    with killer.begin() as conn:
        conn.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    killer.dispose()

    response = _beat(app, livestream_id, 2)

    assert response.status_code == 200
    assert response.get_json() == {"live": True, "counted": True, "concurrent": 2}
    assert _heartbeats(app) == 2
