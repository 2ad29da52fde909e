"""What shoppers see of livestreams: the public list, the home page block, the session page.

Only APPROVED sessions are public; whether one is upcoming, live or ended comes from the clock
(``Livestream.phase``). Each read is a fixed number of statements whatever the number of rows.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Select, select
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from marketplace.catalog.models import Product, ProductStatus
from marketplace.extensions import db
from marketplace.livestreams.models import (
    Livestream,
    LivestreamProduct,
    LivestreamStatus,
    Platform,
)
from marketplace.livestreams.pricing import LiveOffer, live_offers
from marketplace.reference.models import Province
from marketplace.stalls.models import Stall, StallStatus

_PROVINCE_CODE = re.compile(r"^[a-z0-9-]{1,40}$")  # a slug such as "lao-cai"
RECENT_DAYS = 7
MAX_LIVE = 30
MAX_UPCOMING = 60
MAX_RECENT = 20


@dataclass(frozen=True)
class Filters:
    """The list's filters, already checked: a province code that exists, a known platform."""

    province: str | None = None
    platform: Platform | None = None


@dataclass
class Listing:
    live: list[Livestream] = field(default_factory=list)
    upcoming_by_day: list[tuple[date, list[Livestream]]] = field(default_factory=list)
    recent: list[Livestream] = field(default_factory=list)


def clean_filters(province: str | None, platform: str | None) -> Filters:
    """Garbage filters are ignored (the list shows everything), never an error."""
    known_platform = platform if platform in {p.value for p in Platform} else None
    code = province if province and _PROVINCE_CODE.match(province) else None
    if code is not None and not db.session.scalar(select(Province.id).where(Province.code == code)):
        code = None
    return Filters(code, Platform(known_platform) if known_platform else None)


def _public(filters: Filters = Filters()) -> Select:
    stmt = (
        select(Livestream)
        .join(Livestream.stall)
        .where(Livestream.status == LivestreamStatus.APPROVED)
        .options(
            contains_eager(Livestream.stall).joinedload(Stall.province),
            contains_eager(Livestream.stall).joinedload(Stall.logo),
        )
    )
    if filters.province:
        stmt = stmt.join(Stall.province).where(Province.code == filters.province)
    if filters.platform:
        stmt = stmt.where(Livestream.platform == filters.platform)
    return stmt


def public_listing(now: datetime, filters: Filters, zone: str) -> Listing:
    """Live now (earliest end first), upcoming grouped by Vietnam day, recently ended."""
    live = db.session.scalars(
        _public(filters)
        .where(Livestream.starts_at <= now, Livestream.ends_at > now)
        .order_by(Livestream.ends_at, Livestream.id)
        .limit(MAX_LIVE)
    ).all()
    upcoming = db.session.scalars(
        _public(filters)
        .where(Livestream.starts_at > now)
        .order_by(Livestream.starts_at, Livestream.id)
        .limit(MAX_UPCOMING)
    ).all()
    recent = db.session.scalars(
        _public(filters)
        .where(Livestream.ends_at <= now, Livestream.ends_at > now - timedelta(days=RECENT_DAYS))
        .order_by(Livestream.ends_at.desc(), Livestream.id.desc())
        .limit(MAX_RECENT)
    ).all()
    return Listing(list(live), by_local_day(upcoming, zone), list(recent))


def by_local_day(sessions, zone: str) -> list[tuple[date, list[Livestream]]]:
    """Sessions grouped by the day they start on in ``zone`` (Vietnam time), in order."""
    days: dict[date, list[Livestream]] = defaultdict(list)
    tz = ZoneInfo(zone)
    for livestream in sessions:
        days[livestream.starts_at.astimezone(tz).date()].append(livestream)
    return sorted(days.items())


def home_livestreams(now: datetime, limit: int = 4) -> list[Livestream]:
    """The home page block: sessions live now first, then the next upcoming ones."""
    return list(
        db.session.scalars(
            _public()
            .where(Livestream.ends_at > now)
            .order_by(Livestream.starts_at, Livestream.id)
            .limit(limit)
        )
    )


def session_for_page(livestream_id: int) -> Livestream | None:
    """A session with what its page shows loaded (any status: the view decides who sees it)."""
    return db.session.scalar(
        select(Livestream)
        .where(Livestream.id == livestream_id)
        .options(
            joinedload(Livestream.stall).joinedload(Stall.province),
            joinedload(Livestream.stall).joinedload(Stall.logo),
            selectinload(Livestream.products)
            .joinedload(LivestreamProduct.product)
            .selectinload(Product.photos),
        )
    )


@dataclass
class SessionPage:
    """A session as its page shows it at ``now``: phase, the products one can buy, and the
    live price each would be charged now (the lowest of the sessions live at this moment)."""

    livestream: Livestream
    phase: str
    featured: list[LivestreamProduct]
    offers: dict[int, LiveOffer]


def session_page(livestream: Livestream, now: datetime) -> SessionPage:
    featured = []
    if livestream.stall.status == StallStatus.APPROVED:
        featured = [f for f in livestream.products if f.product.status == ProductStatus.ACTIVE]
    offers = live_offers([f.product_id for f in featured], now)
    return SessionPage(livestream, livestream.phase(now), featured, offers)


def provinces() -> list[Province]:
    """The filter's provinces, in Vietnamese order."""
    return list(db.session.scalars(select(Province).order_by(Province.sort_key)))


def may_see(livestream: Livestream, user) -> bool:
    """Approved and cancelled sessions are public (a cancelled one says so); a pending or
    rejected one only to its owner and to admins, as a preview."""
    if livestream.status in (LivestreamStatus.APPROVED, LivestreamStatus.CANCELLED):
        return True
    return is_preview(livestream, user)


def is_preview(livestream: Livestream, user) -> bool:
    return bool(
        user is not None
        and user.is_authenticated
        and (user.is_admin or livestream.stall.owner_id == user.id)
    )
