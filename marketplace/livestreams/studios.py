"""Studios: the shared places and channels admins define, with opening hours in Vietnam time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from marketplace.errors import DomainError
from marketplace.extensions import db
from marketplace.livestreams.models import Studio
from marketplace.livestreams.text import clean_text
from marketplace.reference.models import Commune

WEEKDAYS = "1234567"  # ISO: Monday = 1 ... Sunday = 7


@dataclass(frozen=True)
class StudioDetails:
    name: str
    description: str
    province_id: int
    commune_id: int
    address: str
    opens_at: time
    closes_at: time
    open_weekdays: list[str]


def _values(details: StudioDetails) -> dict:
    name = clean_text(details.name)
    if not name:
        raise DomainError(_l("This field is required."), field="name")
    if details.opens_at >= details.closes_at:
        raise DomainError(
            _l("Closing time must be after opening time (same day)."), field="closes_at"
        )
    days = "".join(d for d in WEEKDAYS if d in set(details.open_weekdays or ()))
    if not days:
        raise DomainError(_l("Choose at least one open day."), field="open_weekdays")
    commune = db.session.get(Commune, details.commune_id)
    if commune is None or commune.province_id != details.province_id:
        raise DomainError(_l("Choose a commune from the list."), field="commune_id")
    return {
        "name": name,
        "description": clean_text(details.description),
        "province_id": details.province_id,
        "commune_id": details.commune_id,
        "address": clean_text(details.address),
        "opens_at": details.opens_at,
        "closes_at": details.closes_at,
        "open_weekdays": days,
    }


def create_studio(details: StudioDetails) -> Studio:
    studio = Studio(**_values(details))
    db.session.add(studio)
    db.session.flush()
    return studio


def update_studio(studio: Studio, details: StudioDetails) -> Studio:
    """New hours apply to new bookings and edits; sessions already booked keep their slot."""
    for name, value in _values(details).items():
        setattr(studio, name, value)
    db.session.flush()
    return studio


def set_active(studio: Studio, active: bool) -> Studio:
    """A deactivated studio is no longer offered; sessions that booked it keep it."""
    studio.active = active
    db.session.flush()
    return studio


def all_studios() -> list[Studio]:
    return list(
        db.session.scalars(
            select(Studio)
            .options(joinedload(Studio.province), joinedload(Studio.commune))
            .order_by(Studio.active.desc(), Studio.name)
        )
    )
