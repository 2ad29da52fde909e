"""What admins read: the approval queue and the agenda of all sessions by day (Vietnam time)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from marketplace.extensions import db
from marketplace.livestreams.models import HOLDS_SLOT, Livestream, LivestreamStatus, Studio
from marketplace.livestreams.times import local_day_bounds
from marketplace.stalls.models import Stall

_WITH_STALL_AND_STUDIO = (
    joinedload(Livestream.stall).joinedload(Stall.owner),
    joinedload(Livestream.stall).joinedload(Stall.province),
    joinedload(Livestream.studio),
)


def approval_queue() -> list[Livestream]:
    """Pending sessions, the longest waiting first."""
    return list(
        db.session.scalars(
            select(Livestream)
            .where(Livestream.status == LivestreamStatus.PENDING)
            .options(*_WITH_STALL_AND_STUDIO)
            .order_by(Livestream.created_at.asc(), Livestream.id.asc())
        )
    )


def _overlap(a: Livestream, b: Livestream) -> bool:
    return a.starts_at < b.ends_at and b.starts_at < a.ends_at


def _clashes(a: Livestream, b: Livestream) -> bool:
    same_place = a.stall_id == b.stall_id or (
        a.studio_id is not None and a.studio_id == b.studio_id
    )
    return a.id != b.id and same_place and _overlap(a, b)


def conflicts_among(sessions: list[Livestream]) -> dict[int, list[Livestream]]:
    """For each session holding its slot, the others that hold an overlapping slot of the same
    stall or studio. The booking rules keep this empty; the agenda shows it if it is not."""
    holders = [s for s in sessions if s.status in HOLDS_SLOT]
    return {s.id: clashing for s in holders if (clashing := [o for o in holders if _clashes(s, o)])}


@dataclass
class StudioDay:
    studio: Studio
    sessions: list[Livestream] = field(default_factory=list)

    @property
    def booked_minutes(self) -> int:
        return sum(int((s.ends_at - s.starts_at).total_seconds()) // 60 for s in self.sessions)


@dataclass
class Agenda:
    day: date
    sessions: list[Livestream]
    conflicts: dict[int, list[Livestream]]
    studios: list[StudioDay]


def agenda(day: date) -> Agenda:
    """Every session that overlaps the Vietnam calendar day ``day``, in start order."""
    start, end = local_day_bounds(day)
    sessions = list(
        db.session.scalars(
            select(Livestream)
            .where(Livestream.starts_at < end, Livestream.ends_at > start)
            .options(*_WITH_STALL_AND_STUDIO)
            .order_by(Livestream.starts_at, Livestream.id)
        )
    )
    studios: dict[int, StudioDay] = {}
    for s in sessions:
        if s.studio is not None and s.status in HOLDS_SLOT:
            studios.setdefault(s.studio.id, StudioDay(s.studio)).sessions.append(s)
    return Agenda(
        day=day,
        sessions=sessions,
        conflicts=conflicts_among(sessions),
        studios=sorted(studios.values(), key=lambda d: d.studio.name),
    )


def neighbours(livestream: Livestream) -> list[Livestream]:
    """Sessions of the same stall or studio that overlap this one (any status), for review."""
    studio_match = (
        Livestream.studio_id == livestream.studio_id
        if livestream.studio_id is not None
        else Livestream.stall_id == livestream.stall_id
    )
    return list(
        db.session.scalars(
            select(Livestream)
            .where(
                Livestream.id != livestream.id,
                Livestream.starts_at < livestream.ends_at,
                Livestream.ends_at > livestream.starts_at,
                (Livestream.stall_id == livestream.stall_id) | studio_match,
            )
            .options(*_WITH_STALL_AND_STUDIO)
            .order_by(Livestream.starts_at)
        )
    )
