"""Vietnam wall-clock times and the stored UTC times of sessions.

Owners type dates and times as they read them on their phone (Asia/Ho_Chi_Minh, the
``DISPLAY_TIMEZONE``); studios open at Vietnam hours; the database keeps UTC. Vietnam has one
time zone and no daylight saving, so every local time maps to exactly one instant.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from marketplace.config import display_zone as market_zone


def local_to_utc(day: date, at: time) -> datetime:
    """The UTC instant of ``day`` ``at`` o'clock, Vietnam time."""
    return datetime.combine(day, at, tzinfo=market_zone()).astimezone(UTC)


def to_local(value: datetime) -> datetime:
    return value.astimezone(market_zone())


def local_day_bounds(day: date) -> tuple[datetime, datetime]:
    """The UTC instants where the Vietnam calendar day ``day`` starts and ends."""
    start = local_to_utc(day, time(0, 0))
    return start, start + timedelta(days=1)
