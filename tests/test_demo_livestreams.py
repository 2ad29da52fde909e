"""The demo's livestreams (issue 9, item 11): a studio, past sessions whose counters and
attributed orders agree with each other at realistic scale, one session live whenever the demo
is opened, upcoming ones and one waiting for the admins; idempotent."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from marketplace.db import utcnow
from marketplace.demo.catalogue import load_catalogue
from marketplace.demo.livestreams import ATTRIBUTION_AFTER, keep_demo_livestreams_current
from marketplace.extensions import db
from marketplace.livestats import queries
from marketplace.livestreams.models import (
    Livestream,
    LivestreamMinute,
    LivestreamStatus,
    LivestreamTotals,
    LivestreamViewer,
    PlatformReport,
    Studio,
)
from marketplace.orders.models import Order, OrderLine
from tests.helpers import login


@pytest.fixture
def seeded(app, runner):
    result = runner.invoke(args=["seed-demo", "--no-photos"])
    assert result.exit_code == 0, result.output
    assert "7 livestreams created" in result.output
    return app


def _phases(now):
    return Counter((s.status, s.phase(now)) for s in db.session.scalars(select(Livestream)))


def test_the_data_has_every_kind_of_session():
    data = load_catalogue()
    assert data.studios
    assert Counter(s.when for s in data.livestreams) >= Counter(
        {"past": 2, "live": 1, "upcoming": 1, "pending": 1}
    )
    biggest = max((s.audience for s in data.livestreams if s.audience), key=lambda a: a.views)
    assert biggest.views >= 2000 and biggest.orders >= 300  # like the Quảng Trị live


def test_seeded_sessions_cover_past_live_upcoming_and_pending(seeded):
    with seeded.app_context():
        now = utcnow()
        phases = _phases(now)
        assert phases[(LivestreamStatus.APPROVED, "live")] == 1
        assert phases[(LivestreamStatus.APPROVED, "upcoming")] >= 1
        assert phases[(LivestreamStatus.APPROVED, "ended")] >= 2
        assert phases[(LivestreamStatus.PENDING, "upcoming")] == 1
        assert db.session.scalar(select(func.count(Studio.id))) >= 1
        assert db.session.scalar(select(func.count(PlatformReport.livestream_id))) >= 1


def test_past_sessions_counters_and_orders_agree(seeded):
    with seeded.app_context():
        for totals in db.session.scalars(select(LivestreamTotals)):
            s = db.session.get(Livestream, totals.livestream_id)
            minutes = db.session.execute(
                select(
                    func.sum(LivestreamMinute.views),
                    func.max(LivestreamMinute.viewers),
                    func.sum(LivestreamMinute.heartbeats),
                ).where(LivestreamMinute.livestream_id == s.id)
            ).one()
            viewers = db.session.execute(
                select(func.count(), func.sum(LivestreamViewer.heartbeats)).where(
                    LivestreamViewer.livestream_id == s.id
                )
            ).one()
            assert minutes == (totals.views, totals.peak_concurrent, totals.heartbeats)
            assert viewers == (totals.unique_viewers, totals.heartbeats)
            assert totals.views >= totals.unique_viewers > totals.peak_concurrent > 0
            placed = db.session.scalars(select(Order.created_at).where(Order.livestream_id == s.id))
            assert all(s.starts_at <= t < s.ends_at + ATTRIBUTION_AFTER for t in placed)
            lines = db.session.execute(
                select(Order.created_at, OrderLine.live_price_livestream_id)
                .join(OrderLine.order)
                .where(Order.livestream_id == s.id)
            ).all()
            # The live price only on lines bought during the session.
            assert all(t < s.ends_at for t, live in lines if live is not None)
            assert all(live is None for t, live in lines if t >= s.ends_at)

        big = max(
            queries.figures_for(
                db.session.scalars(select(LivestreamTotals.livestream_id))
            ).values(),
            key=lambda f: f.views,
        )
        assert big.views >= 2000 and big.orders >= 300 and big.revenue > 0
        assert big.orders_placed > big.orders  # some were cancelled or expired


def test_the_owner_sees_the_big_session_in_the_stats(seeded):
    with seeded.app_context():
        livestream = db.session.scalar(
            select(Livestream).join(LivestreamTotals).order_by(LivestreamTotals.views.desc())
        )
        owner_email = livestream.stall.owner.email
    client = seeded.test_client()
    login(client, owner_email, seeded.config["DEMO_PASSWORD"])
    page = client.get(f"/stall/livestreams/{livestream.id}/stats").get_data(as_text=True)
    assert "2.540" in page and 'class="stats-chart"' in page
    assert client.get("/stall/livestreams/stats").status_code == 200


def test_a_second_seed_changes_nothing_and_a_later_one_moves_the_live_session(seeded, runner):
    with seeded.app_context():
        before = db.session.execute(
            select(Livestream.id, Livestream.starts_at).order_by(Livestream.id)
        ).all()
        orders = db.session.scalar(select(func.count(Order.id)))
    result = runner.invoke(args=["seed-demo", "--no-photos"])
    assert "0 livestreams created" in result.output
    with seeded.app_context():
        assert (
            db.session.execute(
                select(Livestream.id, Livestream.starts_at).order_by(Livestream.id)
            ).all()
            == before
        )
        assert db.session.scalar(select(func.count(Order.id))) == orders

        # Somebody opens the demo three days later: `make run` seeds --if-empty.
        later = utcnow() + timedelta(days=3)
        assert keep_demo_livestreams_current(later) >= 2
        db.session.commit()
        phases = _phases(later)
        assert phases[(LivestreamStatus.APPROVED, "live")] == 1
        assert phases[(LivestreamStatus.APPROVED, "upcoming")] >= 1
        assert phases[(LivestreamStatus.PENDING, "upcoming")] == 1
        moved = db.session.scalar(select(func.max(Livestream.sequence)))
        assert moved >= 1  # calendars learn about the move


def test_make_run_keeps_a_session_live(seeded, runner):
    with seeded.app_context():
        live = db.session.scalar(
            select(Livestream).where(Livestream.ends_at > utcnow()).order_by(Livestream.starts_at)
        )
        live.starts_at -= timedelta(days=2)  # as if the demo was opened two days later
        live.ends_at -= timedelta(days=2)
        db.session.commit()
        assert _phases(utcnow())[(LivestreamStatus.APPROVED, "live")] == 0
    result = runner.invoke(args=["seed-demo", "--if-empty", "--no-photos"])
    assert "not seeded" in result.output
    with seeded.app_context():
        assert _phases(utcnow())[(LivestreamStatus.APPROVED, "live")] == 1


def test_a_slot_booked_by_hand_leaves_the_demo_session_where_it_is(seeded):
    """The seed that keeps the demo current never breaks the no-double-booking rule: when the
    live session's next slot was booked for its stall since, that session stays put."""
    later = utcnow() + timedelta(days=3)
    with seeded.app_context():
        live = db.session.scalar(
            select(Livestream).where(Livestream.ends_at > utcnow()).order_by(Livestream.starts_at)
        )
        stall_id, before = live.stall_id, (live.starts_at, live.ends_at)
        db.session.add(
            Livestream(
                stall_id=stall_id,
                title="Đặt tay",
                platform="tiktok",
                stream_url="https://www.tiktok.com/@a/live",
                starts_at=later - timedelta(hours=6),
                ends_at=later + timedelta(hours=6),
                status=LivestreamStatus.APPROVED,
            )
        )
        db.session.commit()
        keep_demo_livestreams_current(later)
        db.session.commit()
        db.session.refresh(live)
        assert (live.starts_at, live.ends_at) == before
