"""Which livestream an order is attributed to: last click within a window.

The session page, and any page opened with ``?live=<id>`` (a share link), remember
``(livestream_id, opened_at)`` in the signed Flask session; the last one opened wins. At checkout
every order of the checkout is attributed to that session when it is APPROVED and the order is
placed between its start and ``LIVESTREAM_ATTRIBUTION_HOURS`` after its end. An order placed
before the session starts is not attributed (the buyer came before anything was sold live).

The views read and write the session; this module only encodes, decodes and decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from marketplace.extensions import db
from marketplace.livestreams.models import Livestream, LivestreamStatus

SESSION_KEY = "live_visit"
_MAX_ID = 2**31 - 1


@dataclass(frozen=True)
class LiveVisit:
    livestream_id: int
    opened_at: datetime


def encode_visit(livestream_id: int, opened_at: datetime) -> list[int]:
    """What the session keeps: ``[id, unix seconds]`` (small, and JSON-safe)."""
    return [livestream_id, int(opened_at.timestamp())]


def decode_visit(raw: object) -> LiveVisit | None:
    """The visit kept in the session, or None for anything that isn't one."""
    if not isinstance(raw, list) or len(raw) != 2:
        return None
    livestream_id, seconds = raw
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in raw):
        return None
    if not 0 < livestream_id <= _MAX_ID or not 0 <= seconds < 2**40:
        return None
    return LiveVisit(livestream_id, datetime.fromtimestamp(seconds, UTC))


def parse_livestream_id(raw: str | None) -> int | None:
    """A ``?live=`` value that can be a session id (ASCII digits, in range), else None."""
    if not raw or len(raw) > 10 or not (raw.isascii() and raw.isdigit()):
        return None
    value = int(raw)
    return value if 0 < value <= _MAX_ID else None


def attributed_livestream_id(visit: LiveVisit | None, now: datetime, hours: int) -> int | None:
    """The session an order placed at ``now`` is attributed to, or None."""
    if visit is None:
        return None
    window = db.session.execute(
        select(Livestream.starts_at, Livestream.ends_at).where(
            Livestream.id == visit.livestream_id, Livestream.status == LivestreamStatus.APPROVED
        )
    ).first()
    if window is None:
        return None
    starts_at, ends_at = window
    if starts_at <= now <= ends_at + timedelta(hours=hours):
        return visit.livestream_id
    return None
