"""iCalendar (RFC 5545) feeds of livestream sessions, written with the `icalendar` library.

- ``/livestreams.ics``: every public session (see ``feed_livestreams``);
- ``/stalls/<slug>/livestreams.ics``: the same for one stall;
- ``/livestreams/<id>/calendar.ics``: one session, for "Thêm vào lịch".

A session keeps one UID (``livestream-<id>@<host of PUBLIC_BASE_URL>``) for its whole life and
its ``SEQUENCE`` is ``Livestream.sequence`` (bumped by the booking part on every change a
calendar must pick up), so a subscribed calendar updates the event in place. A cancelled
session stays in the feeds, with ``STATUS:CANCELLED``, until its planned end, so calendars
learn of the cancellation instead of just losing the event. Times are UTC (``...Z``).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l
from icalendar import Calendar, Event
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import joinedload

from marketplace.config import setting
from marketplace.db import utcnow
from marketplace.errors import NotFound
from marketplace.extensions import db
from marketplace.livestreams.models import Livestream, LivestreamStatus, Platform
from marketplace.livestreams.reminders import session_page_url
from marketplace.stalls.models import Stall, StallStatus

PRODID = "-//Chợ Phiên//Livestreams//VI"
# Ended sessions stay this long, so what someone just watched does not vanish from calendars.
KEEP_ENDED = timedelta(days=7)
# A feed is a page a phone downloads: keep it bounded.
MAX_EVENTS = 500
CONTENT_TYPE = "text/calendar; charset=utf-8"


def _in_feed(now: datetime):
    """Approved sessions not ended more than a week ago; cancelled ones until their end."""
    return and_(
        Stall.status == StallStatus.APPROVED,
        or_(
            and_(
                Livestream.status == LivestreamStatus.APPROVED,
                Livestream.ends_at > now - KEEP_ENDED,
            ),
            and_(Livestream.status == LivestreamStatus.CANCELLED, Livestream.ends_at > now),
        ),
    )


def feed_livestreams(now: datetime | None = None, stall_id: int | None = None) -> list[Livestream]:
    query = (
        select(Livestream)
        .join(Livestream.stall)
        .where(_in_feed(now or utcnow()))
        .options(joinedload(Livestream.stall))
        .order_by(Livestream.starts_at, Livestream.id)
        .limit(MAX_EVENTS)
    )
    if stall_id is not None:
        query = query.where(Livestream.stall_id == stall_id)
    return list(db.session.scalars(query))


def public_stall_by_slug(slug: str) -> Stall:
    stall = db.session.scalar(
        select(Stall).where(Stall.slug == slug, Stall.status == StallStatus.APPROVED)
    )
    if stall is None:
        raise NotFound(_l("This calendar does not exist."))
    return stall


def calendar_livestream(livestream_id: int, now: datetime | None = None) -> Livestream:
    """One session as the feeds show it, or NotFound."""
    livestream = db.session.scalar(
        select(Livestream)
        .join(Livestream.stall)
        .where(Livestream.id == livestream_id, _in_feed(now or utcnow()))
        .options(joinedload(Livestream.stall))
    )
    if livestream is None:
        raise NotFound(_l("This calendar does not exist."))
    return livestream


def uid(livestream_id: int) -> str:
    host = urlsplit(setting("PUBLIC_BASE_URL")).hostname or "localhost"
    return f"livestream-{livestream_id}@{host}"


def _event(livestream: Livestream) -> Event:
    event = Event()
    page = session_page_url(livestream.id)
    event.add("uid", uid(livestream.id))
    # The last revision of the event: stable between downloads, so unchanged feeds are equal.
    event.add("dtstamp", livestream.updated_at)
    event.add("last-modified", livestream.updated_at)
    event.add("dtstart", livestream.starts_at)
    event.add("dtend", livestream.ends_at)
    event.add("summary", f"{livestream.title} · {livestream.stall.name}")
    platform = Platform(livestream.platform)
    lines = [livestream.description.strip(), f"{platform.label}: {livestream.stream_url}", page]
    event.add("description", "\n\n".join(line for line in lines if line))
    event.add("location", livestream.stream_url)
    event.add("url", page)
    cancelled = livestream.status == LivestreamStatus.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("sequence", livestream.sequence)
    event.add("transp", "TRANSPARENT")  # watching a live does not make anyone busy
    return event


def to_ical(livestreams: list[Livestream], *, name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    for livestream in livestreams:
        calendar.add_component(_event(livestream))
    return calendar.to_ical()
