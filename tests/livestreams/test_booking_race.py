"""Twenty owners press "book" for the same studio slot at the same moment, over real HTTP:
exactly one session holds it and the nineteen others get the form back with the studio's
booked time (PostgreSQL: the exclusion constraint). SQLite serialises writers (the immediate
transaction): a few owners there, as more would only wait out its busy timeout."""

from __future__ import annotations

import re

import requests
import sqlalchemy as sa

from marketplace.extensions import db
from tests.helpers import TEST_PASSWORD
from tests.livestreams.booking_world import future_day, make_studio, session_data
from tests.orders.http_shoppers import CSRF, at_once


def _logged_in(base: str, email: str) -> tuple[requests.Session, str]:
    session = requests.Session()
    csrf = CSRF.search(session.get(f"{base}/login", timeout=30).text).group(1)
    response = session.post(
        f"{base}/login",
        data={"identifier": email, "password": TEST_PASSWORD, "csrf_token": csrf},
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 302
    csrf = CSRF.search(session.get(f"{base}/", timeout=30).text).group(1)
    return session, csrf


def test_twenty_bookings_of_one_studio_slot_one_wins(
    database, make_app, make_user, make_stall, live_server
):
    owners_count = 20 if database.kind == "postgres" else 5
    app = make_app(RATELIMIT_ENABLED=False)
    studio = make_studio(app, name="Kênh Tỉnh đoàn")
    owners = [make_user() for _ in range(owners_count)]
    stalls = [make_stall(owner, name=f"Gian hàng {n}") for n, owner in enumerate(owners)]
    base = live_server(app)
    day = future_day()
    data = session_data(day, "19:00", "20:00", studio_id=studio)
    calls = []
    for owner, stall in zip(owners, stalls, strict=True):
        session, csrf = _logged_in(base, owner.email)
        url = f"{base}/my/stalls/{stall.id}/livestreams/new"

        def book(session=session, url=url, csrf=csrf):
            response = session.post(
                url, data={**data, "csrf_token": csrf}, allow_redirects=False, timeout=120
            )
            return response.status_code, response.text

        calls.append(book)
    results = at_once(calls)
    statuses = sorted(status for status, _ in results)
    assert statuses == [302] + [422] * (owners_count - 1), statuses
    for status, html in results:
        if status == 422:
            assert re.search(r"Kênh Tỉnh đoàn đã có người đặt từ 19:00 .* đến 20:00", html), html
    from marketplace.livestreams.models import Livestream

    with app.app_context():
        holders = db.session.scalar(
            sa.select(sa.func.count()).select_from(Livestream).where(Livestream.studio_id == studio)
        )
    assert holders == 1


def test_the_exclusion_constraint_refusal_becomes_the_form_error(app, make_stall, monkeypatch):
    """PostgreSQL only: the look-before-write finds nothing (as when a concurrent booking has
    not committed yet); the constraint refuses the write and the winner is named all the same,
    the request's transaction still usable."""
    import pytest

    from marketplace.errors import DomainError
    from marketplace.livestreams import booking
    from marketplace.livestreams.models import Livestream
    from tests.livestreams.booking_world import insert_session, utc

    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        pytest.skip("SQLite has no exclusion constraint: the immediate transaction serialises")
    stall = make_stall()
    day = future_day()
    insert_session(app, stall, day, "19:00", "20:00", title="Phiên thắng")
    looks = []
    real_look = booking.conflicting_session

    def blind_first_look(*args, **kwargs):
        looks.append(args)
        return None if len(looks) == 1 else real_look(*args, **kwargs)

    monkeypatch.setattr(booking, "conflicting_session", blind_first_look)
    with app.test_request_context():
        from marketplace.accounts.models import User
        from marketplace.stalls.models import Stall

        live_stall = db.session.get(Stall, stall.id)
        details = booking.SessionDetails(
            title="Phiên thua",
            description="",
            platform="tiktok",
            stream_url="https://www.tiktok.com/@a/live",
            starts_at=utc(day, "19:30"),
            ends_at=utc(day, "20:30"),
        )
        with pytest.raises(DomainError) as refused:
            booking.book_session(live_stall, details, by=db.session.get(User, stall.owner_id))
        assert "Phiên thắng" in refused.value.message
        assert len(looks) == 2
        count = sa.select(sa.func.count()).select_from(Livestream)
        assert db.session.scalar(count) == 1  # the savepoint is gone, the transaction lives
