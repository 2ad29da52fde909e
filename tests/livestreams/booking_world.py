"""Plain helpers for the booking tests: studios, sessions and the booking form's data."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from marketplace.extensions import db
from tests.helpers import reference_ids

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
TIKTOK_URL = "https://www.tiktok.com/@manbacha/live"


def future_day(days: int = 3) -> date:
    """A Vietnam calendar day ``days`` from now."""
    return (datetime.now(VIETNAM) + timedelta(days=days)).date()


def utc(day: date, hh_mm: str) -> datetime:
    """The UTC instant of ``day`` at ``hh_mm`` Vietnam time."""
    return datetime.combine(day, time.fromisoformat(hh_mm), tzinfo=VIETNAM).astimezone(UTC)


def session_data(day: date, start: str = "19:00", end: str = "20:00", **overrides) -> dict:
    data = {
        "title": "Livestream mận Bắc Hà",
        "description": "Mận tươi hái sáng nay.",
        "platform": "tiktok",
        "stream_url": TIKTOK_URL,
        "starts_on": day.isoformat(),
        "starts_time": start,
        "ends_time": end,
        "ends_on": "",
        "studio_id": "",
    }
    data.update({k: str(v) for k, v in overrides.items()})
    return data


def make_studio(
    app, name="Nhà văn hoá số xã Bắc Hà", opens="07:00", closes="22:00", days="1234567"
):
    from marketplace.livestreams.models import Studio

    with app.app_context():
        ids = reference_ids()
        studio = Studio(
            name=name,
            province_id=ids["province_id"],
            commune_id=ids["commune_id"],
            opens_at=time.fromisoformat(opens),
            closes_at=time.fromisoformat(closes),
            open_weekdays=days,
        )
        db.session.add(studio)
        db.session.commit()
        return studio.id


def insert_session(app, stall, day, start="19:00", end="20:00", **fields):
    """A session written straight to the table (no rules), for setting the scene."""
    from marketplace.livestreams.models import Livestream

    values = {
        "stall_id": stall.id,
        "title": "Phiên có sẵn",
        "platform": "tiktok",
        "stream_url": TIKTOK_URL,
        "starts_at": utc(day, start),
        "ends_at": utc(day, end) if end > start else utc(day + timedelta(days=1), end),
        "status": "pending",
    }
    values.update(fields)
    with app.app_context():
        livestream = Livestream(**values)
        db.session.add(livestream)
        db.session.commit()
        return livestream.id


def session_row(app, livestream_id):
    from marketplace.livestreams.models import Livestream

    with app.app_context():
        row = db.session.get(Livestream, livestream_id)
        db.session.expunge(row)
        return row


def sessions_of(app, stall_id) -> list:
    from marketplace.livestreams.models import Livestream

    with app.app_context():
        rows = list(
            db.session.scalars(
                sa.select(Livestream).where(Livestream.stall_id == stall_id).order_by(Livestream.id)
            )
        )
        for row in rows:
            db.session.expunge(row)
        return rows


_ERRORS = re.compile(r'<div class="error-summary".*?</div>', re.S)


def error_summary(html: str) -> str:
    """The form's error summary as plain text (empty when there is none)."""
    match = _ERRORS.search(html)
    return re.sub(r"<[^>]+>", " ", match.group(0)) if match else ""
