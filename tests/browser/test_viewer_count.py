"""The session page in chromium: the first-visit image counts the opening, the heartbeat script
beats while the page is visible and shows how many are watching; nothing is sent while hidden."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from marketplace.db import utcnow
from marketplace.extensions import db
from marketplace.livestreams.models import Livestream, LivestreamTotals
from tests.livestreams.measuring import PHONE, stand_in_session_page


def _live_page(make_app, make_stall, live_server) -> tuple:
    app = make_app()
    stand_in_session_page(app)
    stall = make_stall()
    with app.app_context():
        livestream = Livestream(
            stall_id=stall.id,
            title="Sầu riêng Ea Knốp",
            platform="tiktok",
            stream_url="https://www.tiktok.com/@eaknop/live",
            starts_at=utcnow() - timedelta(minutes=5),
            ends_at=utcnow() + timedelta(hours=1),
            status="approved",
        )
        db.session.add(livestream)
        db.session.commit()
        livestream_id = livestream.id
    return app, f"{live_server(app)}/livestreams/{livestream_id}"


def test_a_phone_is_counted_and_sees_the_viewer_count(make_app, make_stall, live_server, browser):
    app, url = _live_page(make_app, make_stall, live_server)
    # HeadlessChrome is on the bot list: this test is a phone.
    context = browser.new_context(
        user_agent=PHONE, viewport={"width": 360, "height": 760}, locale="vi-VN"
    )
    page = context.new_page()
    beats = []
    page.on("request", lambda r: beats.append(r.url) if r.url.endswith("/heartbeat") else None)
    page.goto(url)
    count = page.locator("[data-concurrent]")
    count.wait_for(state="visible")
    assert count.text_content() == "1"
    assert page.locator(".live-viewers").is_visible()
    context.close()
    with app.app_context():
        totals = db.session.scalar(sa.select(LivestreamTotals))
        assert (totals.views, totals.unique_viewers, totals.heartbeats) == (1, 1, 1)
    assert len(beats) == 1


def test_a_hidden_page_sends_no_heartbeat(make_app, make_stall, live_server, browser):
    app, url = _live_page(make_app, make_stall, live_server)
    context = browser.new_context(user_agent=PHONE, viewport={"width": 360, "height": 760})
    context.add_init_script(
        "Object.defineProperty(document, 'visibilityState', {get: () => 'hidden'});"
    )
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    assert not page.locator(".live-viewers").is_visible()
    context.close()
    with app.app_context():
        totals = db.session.scalar(sa.select(LivestreamTotals))
        assert (totals.views, totals.heartbeats) == (1, 0)  # opened (the image), not watched
