"""Booking live sessions: the owner's book, edit and cancel, and the admins' decisions.

Rules kept here: 15 minutes to 6 hours, starting in the future; the link on the chosen
platform (``platforms.py``); a studio's opening hours; featured products of the stall itself,
each live price below the product's price; and no double booking.

No double booking: a stall never has two overlapping sessions that hold their slot
(``HOLDS_SLOT``), nor does a studio. ``conflicting_session`` looks before writing (on SQLite
inside the request's ``BEGIN IMMEDIATE`` transaction, so no other writer can slip in between);
on PostgreSQL two concurrent requests can both look and find nothing, so the write runs in a
SAVEPOINT and the exclusion constraints' refusal is turned into the same form error, naming the
session that won. Slots are half-open (``[start, end)``): back-to-back sessions are fine.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import false, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload, selectinload

from marketplace.accounts.models import User
from marketplace.audit.services import record_decision
from marketplace.catalog.models import Product, ProductStatus
from marketplace.db import compare_and_set, utcnow
from marketplace.errors import Conflict, DomainError
from marketplace.extensions import db
from marketplace.i18n import format_local_datetime, format_vnd
from marketplace.livestreams.models import (
    HOLDS_SLOT,
    Livestream,
    LivestreamProduct,
    LivestreamStatus,
    Platform,
    Studio,
)
from marketplace.livestreams.platforms import check_stream_url
from marketplace.livestreams.text import clean_text
from marketplace.livestreams.times import to_local
from marketplace.mail import render_mail, send_after_commit
from marketplace.stalls.models import Stall, StallStatus

log = logging.getLogger(__name__)
S = LivestreamStatus
MIN_DURATION = timedelta(minutes=15)
MAX_DURATION = timedelta(hours=6)
MAX_FEATURED = 20
SLOT_CONSTRAINTS = ("ex_livestreams_stall_slot", "ex_livestreams_studio_slot")


@dataclass(frozen=True)
class FeaturedProduct:
    product_id: int
    live_price: int | None = None
    per_buyer_limit: int | None = None


@dataclass(frozen=True)
class SessionDetails:
    title: str
    description: str
    platform: Platform
    stream_url: str
    starts_at: datetime  # aware UTC
    ends_at: datetime
    studio_id: int | None = None
    featured: tuple[FeaturedProduct, ...] = field(default_factory=tuple)


# --- The checks ------------------------------------------------------------------------------


def _when(value: datetime) -> str:
    return format_local_datetime(value)


def check_times(starts_at: datetime, ends_at: datetime, now: datetime, *, moved: bool) -> None:
    if ends_at <= starts_at:
        raise DomainError(_l("The end must be after the start."), field="ends_time")
    if moved and starts_at <= now:
        raise DomainError(_l("The start must be in the future."), field="starts_on")
    length = ends_at - starts_at
    if length < MIN_DURATION:
        raise DomainError(_l("A session lasts at least 15 minutes."), field="ends_time")
    if length > MAX_DURATION:
        raise DomainError(_l("A session lasts at most 6 hours."), field="ends_time")


def check_studio_hours(studio: Studio, starts_at: datetime, ends_at: datetime) -> None:
    """The whole session inside the studio's hours on one of its open days (Vietnam time)."""
    start, end = to_local(starts_at), to_local(ends_at)
    hours = _(
        "%(studio)s is open from %(opens)s to %(closes)s.",
        studio=studio.name,
        opens=studio.opens_at.strftime("%H:%M"),
        closes=studio.closes_at.strftime("%H:%M"),
    )
    if str(start.isoweekday()) not in studio.open_weekdays:
        raise DomainError(
            _("%(studio)s is closed on that day.", studio=studio.name), field="studio_id"
        )
    if (
        start.date() != end.date()
        or start.time() < studio.opens_at
        or end.time() > studio.closes_at
    ):
        raise DomainError(
            _("The session does not fit the studio's hours. %(hours)s", hours=hours),
            field="studio_id",
        )


def _studio_for(studio_id: int | None, current: int | None) -> Studio | None:
    if studio_id is None:
        return None
    studio = db.session.get(Studio, studio_id)
    if studio is None or (not studio.active and studio_id != current):
        raise DomainError(_l("Choose a studio from the list."), field="studio_id")
    return studio


def _featured_rows(
    stall: Stall, featured: tuple[FeaturedProduct, ...], already: set[int]
) -> list[tuple[Product, FeaturedProduct]]:
    """The chosen products with their live terms, checked: the stall's own, on sale (or
    featured before), live price below the price, limit at least 1."""
    ids = [f.product_id for f in featured]
    if len(set(ids)) != len(ids):
        raise DomainError(_l("Each product can be featured once."), field="products")
    if len(ids) > MAX_FEATURED:
        raise DomainError(_("Feature at most %(n)s products.", n=MAX_FEATURED), field="products")
    products = {
        p.id: p
        for p in db.session.scalars(
            select(Product).where(Product.id.in_(ids), Product.stall_id == stall.id)
        )
    }
    rows = []
    for chosen in featured:
        product = products.get(chosen.product_id)
        if product is None or (
            product.status != ProductStatus.ACTIVE and product.id not in already
        ):
            raise DomainError(_l("Choose products on sale in your own stall."), field="products")
        if chosen.live_price is not None and not 0 < chosen.live_price < product.price:
            raise DomainError(
                _(
                    "The live price must be below the price (%(price)s).",
                    price=format_vnd(product.price),
                ),
                field=f"live_price_{product.id}",
            )
        if chosen.per_buyer_limit is not None and chosen.per_buyer_limit < 1:
            raise DomainError(
                _l("A limit is a whole number of at least 1."),
                field=f"per_buyer_limit_{product.id}",
            )
        rows.append((product, chosen))
    return rows


# --- No double booking -------------------------------------------------------------------


def conflicting_session(
    stall_id: int,
    studio_id: int | None,
    starts_at: datetime,
    ends_at: datetime,
    exclude_id: int | None = None,
) -> Livestream | None:
    """A session holding the stall's or the studio's slot somewhere in ``[starts_at, ends_at)``
    (the stall's own first)."""
    stmt = (
        select(Livestream)
        .where(
            Livestream.status.in_(HOLDS_SLOT),
            Livestream.starts_at < ends_at,
            Livestream.ends_at > starts_at,
            or_(
                Livestream.stall_id == stall_id,
                Livestream.studio_id == studio_id if studio_id is not None else false(),
            ),
        )
        .options(joinedload(Livestream.studio))
        .order_by(Livestream.starts_at)
    )
    if exclude_id is not None:
        stmt = stmt.where(Livestream.id != exclude_id)
    found = list(db.session.scalars(stmt))
    own = [s for s in found if s.stall_id == stall_id]
    return (own or found or [None])[0]


def slot_error(conflict: Livestream | None, stall_id: int) -> DomainError:
    """The form error for a taken slot. Another stall's session (a studio clash) is not named:
    only that the studio is booked, and when."""
    if conflict is None:
        return DomainError(_l("That time was just booked. Choose another time."))
    start, end = _when(conflict.starts_at), _when(conflict.ends_at)
    if conflict.stall_id == stall_id:
        return DomainError(
            _(
                "Your stall already has a session then: “%(title)s”, from %(start)s to %(end)s.",
                title=conflict.title,
                start=start,
                end=end,
            )
        )
    return DomainError(
        _(
            "%(studio)s is already booked from %(start)s to %(end)s.",
            studio=conflict.studio.name if conflict.studio else _("The studio"),
            start=start,
            end=end,
        ),
        field="studio_id",
    )


def _is_slot_violation(exc: IntegrityError) -> bool:
    text = str(exc.orig)
    return any(name in text for name in SLOT_CONSTRAINTS)


def _write_holding_slot(write, stall_id, studio_id, starts_at, ends_at, exclude_id=None) -> None:
    """Check the slot, then run ``write`` and flush in a SAVEPOINT: on PostgreSQL a concurrent
    booking that won the slot makes the exclusion constraint refuse ours, and the request goes
    on to show the form with the winner named."""
    conflict = conflicting_session(stall_id, studio_id, starts_at, ends_at, exclude_id)
    if conflict is not None:
        raise slot_error(conflict, stall_id)
    try:
        with db.session.begin_nested():
            write()
            db.session.flush()
    except IntegrityError as exc:
        if not _is_slot_violation(exc):
            raise
        log.info("slot taken meanwhile: stall=%s studio=%s", stall_id, studio_id)
        winner = conflicting_session(stall_id, studio_id, starts_at, ends_at, exclude_id)
        raise slot_error(winner, stall_id) from None


# --- Owner: book, edit, cancel -----------------------------------------------------------------


def _clean(details: SessionDetails) -> SessionDetails:
    title = clean_text(details.title)
    if not title:
        raise DomainError(_l("This field is required."), field="title")
    url = check_stream_url(details.stream_url, details.platform)
    return SessionDetails(
        title=title,
        description=clean_text(details.description),
        platform=details.platform,
        stream_url=url,
        starts_at=details.starts_at,
        ends_at=details.ends_at,
        studio_id=details.studio_id,
        featured=tuple(details.featured),
    )


def _check(stall, details, *, moved: bool, now, current_studio=None, already=frozenset()):
    check_times(details.starts_at, details.ends_at, now, moved=moved)
    studio = _studio_for(details.studio_id, current_studio)
    if studio is not None:
        check_studio_hours(studio, details.starts_at, details.ends_at)
    return _featured_rows(stall, details.featured, set(already))


def book_session(
    stall: Stall, details: SessionDetails, *, by: User, now: datetime | None = None
) -> Livestream:
    """A new session of an approved stall, ``pending`` until an admin decides."""
    now = now or utcnow()
    if stall.status != StallStatus.APPROVED:
        raise DomainError(_l("Your stall must be approved before you book a live session."))
    details = _clean(details)
    rows = _check(stall, details, moved=True, now=now)
    livestream = Livestream(
        stall_id=stall.id,
        studio_id=details.studio_id,
        title=details.title,
        description=details.description,
        platform=details.platform,
        stream_url=details.stream_url,
        starts_at=details.starts_at,
        ends_at=details.ends_at,
        status=S.PENDING,
        created_by_id=by.id,
    )
    livestream.products = [
        LivestreamProduct(
            product_id=p.id,
            live_price=f.live_price,
            per_buyer_limit=f.per_buyer_limit,
            position=i,
        )
        for i, (p, f) in enumerate(rows)
    ]
    _write_holding_slot(
        lambda: db.session.add(livestream),
        stall.id,
        details.studio_id,
        details.starts_at,
        details.ends_at,
    )
    return livestream


# What a stale owner action or decision is told: the session's status now.
STATUS_NOW = {
    S.PENDING: _l("The session is waiting for approval."),
    S.APPROVED: _l("The session is already approved."),
    S.REJECTED: _l("The session was rejected."),
    S.CANCELLED: _l("The session was cancelled."),
}
CHANGED_MEANWHILE = _l("This session changed meanwhile. Reload the page and check.")


def can_edit(livestream: Livestream, now: datetime | None = None) -> bool:
    now = now or utcnow()
    return livestream.status != S.CANCELLED and now < livestream.ends_at


def can_cancel(livestream: Livestream, now: datetime | None = None) -> bool:
    now = now or utcnow()
    return livestream.status in HOLDS_SLOT and now < livestream.ends_at


@dataclass(frozen=True)
class EditOutcome:
    resubmitted: bool  # back to pending: the admins decide again
    calendar_changed: bool  # sequence bumped: subscribers' calendars learn of it


def _moved(livestream: Livestream, details: SessionDetails) -> bool:
    """A change the admins approved the session for: time, platform, link or studio."""
    return (
        livestream.starts_at != details.starts_at
        or livestream.ends_at != details.ends_at
        or livestream.platform != details.platform
        or livestream.stream_url != details.stream_url
        or livestream.studio_id != details.studio_id
    )


def _keep_seconds(livestream: Livestream, details: SessionDetails) -> SessionDetails:
    """The form shows hours and minutes: a time sent back unchanged to the minute is the stored
    one (a session written with seconds is not "moved" by a title edit)."""

    def same(a: datetime, b: datetime) -> bool:
        return a.replace(second=0, microsecond=0) == b.replace(second=0, microsecond=0)

    starts = livestream.starts_at if same(livestream.starts_at, details.starts_at) else None
    ends = livestream.ends_at if same(livestream.ends_at, details.ends_at) else None
    return replace(
        details,
        starts_at=starts or details.starts_at,
        ends_at=ends or details.ends_at,
    )


def update_session(
    livestream: Livestream, details: SessionDetails, *, by: User, now: datetime | None = None
) -> EditOutcome:
    """Save the owner's changes. Moving an approved session (time, platform, link, studio)
    sends it back to ``pending``; editing a rejected one re-submits it. Every change a
    subscriber's calendar must learn (those, and the title) bumps ``sequence``."""
    now = now or utcnow()
    if not can_edit(livestream, now):
        if livestream.status == S.CANCELLED:
            raise Conflict(STATUS_NOW[S.CANCELLED])
        raise Conflict(_l("This session has ended: it can no longer be changed."))
    details = _keep_seconds(livestream, _clean(details))
    moved = _moved(livestream, details)
    already = {lp.product_id for lp in livestream.products}
    time_changed = (livestream.starts_at, livestream.ends_at) != (
        details.starts_at,
        details.ends_at,
    )
    rows = _check(
        livestream.stall,
        details,
        moved=time_changed,
        now=now,
        current_studio=livestream.studio_id,
        already=already,
    )
    old_status = livestream.status
    new_status = S.PENDING if (moved or old_status == S.REJECTED) else old_status
    calendar_changed = moved or livestream.title != details.title
    values = {
        "status": new_status,
        "title": details.title,
        "description": details.description,
        "platform": details.platform,
        "stream_url": details.stream_url,
        "starts_at": details.starts_at,
        "ends_at": details.ends_at,
        "studio_id": details.studio_id,
        "sequence": livestream.sequence + (1 if calendar_changed else 0),
        "updated_at": now,
    }
    if new_status != old_status:
        values.update(status_reason=None, decided_at=None, decided_by_id=None)

    def write() -> None:
        # One compare-and-set: an admin deciding meanwhile makes this edit stale, and the new
        # times are written in the same statement the exclusion constraint checks.
        if not compare_and_set(Livestream, livestream.id, [old_status], **values):
            raise Conflict(CHANGED_MEANWHILE)
        db.session.expire(livestream)
        _replace_products(livestream, rows)

    _write_holding_slot(
        write,
        livestream.stall_id,
        details.studio_id,
        details.starts_at,
        details.ends_at,
        exclude_id=livestream.id,
    )
    db.session.refresh(livestream)
    return EditOutcome(resubmitted=new_status != old_status, calendar_changed=calendar_changed)


def _replace_products(livestream: Livestream, rows) -> None:
    existing = {lp.product_id: lp for lp in livestream.products}
    chosen = []
    for position, (product, terms) in enumerate(rows):
        lp = existing.pop(product.id, None) or LivestreamProduct(product_id=product.id)
        lp.live_price = terms.live_price
        lp.per_buyer_limit = terms.per_buyer_limit
        lp.position = position
        chosen.append(lp)
    livestream.products = chosen


def cancel_session(
    livestream: Livestream, *, by: User, reason: str | None, now: datetime | None = None
) -> Livestream:
    """The owner calls the session off: its slot is freed and ``sequence`` bumped (the
    reminders tell subscribers from that)."""
    now = now or utcnow()
    if livestream.status not in HOLDS_SLOT:
        raise Conflict(STATUS_NOW[livestream.status])
    if now >= livestream.ends_at:
        raise Conflict(_l("This session has ended: it can no longer be cancelled."))
    reason = clean_text(reason) or None
    if not compare_and_set(
        Livestream,
        livestream.id,
        HOLDS_SLOT,
        status=S.CANCELLED,
        cancelled_at=now,
        status_reason=reason,
        sequence=Livestream.sequence + 1,
        updated_at=now,
    ):
        raise Conflict(CHANGED_MEANWHILE)
    db.session.refresh(livestream)
    record_decision(
        actor_id=by.id,
        action="livestream.cancel",
        object_type="livestream",
        object_id=livestream.id,
        reason=reason,
    )
    return livestream


# --- Admins: approve, reject ----------------------------------------------------------------


@dataclass(frozen=True)
class Decision:
    name: str
    action: str  # the audit code
    from_states: frozenset[LivestreamStatus]
    to_state: LivestreamStatus
    reason_required: bool


DECISIONS: dict[str, Decision] = {
    d.name: d
    for d in (
        Decision("approve", action="livestream.approve", from_states=frozenset({S.PENDING}),
                 to_state=S.APPROVED, reason_required=False),
        Decision("reject", action="livestream.reject", from_states=frozenset({S.PENDING}),
                 to_state=S.REJECTED, reason_required=True),
    )
}  # fmt: skip


def decide(
    livestream: Livestream,
    name: str,
    admin: User,
    reason: str | None,
    now: datetime | None = None,
) -> Livestream:
    """Approve or reject a pending session: compare-and-set, audit, tell the owner."""
    now = now or utcnow()
    decision = DECISIONS.get(name)
    if decision is None:
        raise DomainError(_l("Unknown action."))
    if livestream.status not in decision.from_states:
        raise Conflict(STATUS_NOW[livestream.status])
    if now >= livestream.ends_at:
        raise Conflict(_l("This session has already ended."))
    reason = clean_text(reason) or None
    if decision.reason_required and not reason:
        raise DomainError(_l("Give a reason: the owner will read it."), field="reason")
    if not compare_and_set(
        Livestream,
        livestream.id,
        decision.from_states,
        status=decision.to_state,
        status_reason=reason,
        decided_at=now,
        decided_by_id=admin.id,
    ):
        raise Conflict(
            _l("This session's status changed meanwhile (another admin?). Reload and check.")
        )
    db.session.refresh(livestream)
    record_decision(
        actor_id=admin.id,
        action=decision.action,
        object_type="livestream",
        object_id=livestream.id,
        reason=reason,
    )
    owner = livestream.stall.owner
    send_after_commit(
        render_mail(
            "livestream_status",
            to=owner.email,
            locale=owner.preferred_language,
            livestream=livestream,
            owner=owner,
            action=decision.name,
            reason=reason,
        )
    )
    return livestream


# --- Reads ---------------------------------------------------------------------------------


def sessions_of_stall(stall_id: int) -> list[Livestream]:
    return list(
        db.session.scalars(
            select(Livestream)
            .where(Livestream.stall_id == stall_id)
            .options(joinedload(Livestream.studio))
            .order_by(Livestream.starts_at.desc())
        )
    )


# Options to load a session with what the edit form needs.
EDIT_OPTIONS = (
    joinedload(Livestream.stall),
    joinedload(Livestream.studio),
    selectinload(Livestream.products),
)


def bookable_products(stall_id: int, featured: set[int] | None = None) -> list[Product]:
    """The stall's products on sale (and any already featured), for the checkbox list."""
    condition = Product.status == ProductStatus.ACTIVE
    if featured:
        condition = or_(condition, Product.id.in_(featured))
    return list(
        db.session.scalars(
            select(Product).where(Product.stall_id == stall_id, condition).order_by(Product.name)
        )
    )


def active_studios() -> list[Studio]:
    return list(
        db.session.scalars(
            select(Studio)
            .where(Studio.active)
            .options(joinedload(Studio.province))
            .order_by(Studio.name)
        )
    )


def edit_choices(livestream: Livestream) -> tuple[list[Product], list[Studio]]:
    """What the edit form offers: the stall's bookable products (those featured included) and
    the active studios, plus the session's own studio if it was deactivated since."""
    featured = {lp.product_id for lp in livestream.products}
    studios = active_studios()
    if livestream.studio is not None and livestream.studio not in studios:
        studios.append(livestream.studio)
    return bookable_products(livestream.stall_id, featured), studios
