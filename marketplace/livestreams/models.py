"""Livestream sessions, the studios they may book, and what the app measures about them.

Times are UTC (``UTCDateTime``); a studio's opening hours are Vietnam wall-clock times (the
country has one time zone and no daylight saving). Whether a session is upcoming, live or ended
is derived from ``starts_at``/``ends_at`` and the clock, never stored.

No double booking: the migration adds two PostgreSQL exclusion constraints (``btree_gist``) on
``tstzrange(starts_at, ends_at, '[)')`` — per stall and per studio — for the statuses in
``HOLDS_SLOT``; on SQLite the booking service checks overlaps inside its immediate transaction.
"""

from __future__ import annotations

import enum
from datetime import datetime, time

from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    CheckConstraint,
    ColumnElement,
    ForeignKey,
    Integer,
    String,
    Text,
    Time,
    UniqueConstraint,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.accounts.models import User
from marketplace.catalog.models import Product
from marketplace.db import Money, status_column, utcnow
from marketplace.extensions import db
from marketplace.reference.models import Commune, Province
from marketplace.stalls.models import Stall


class Platform(enum.StrEnum):
    TIKTOK = "tiktok"
    FACEBOOK = "facebook"
    YOUTUBE = "youtube"
    ZALO = "zalo"
    SHOPEE = "shopee"
    OTHER = "other"

    @property
    def label(self) -> str:
        """What people read for this value (translated); every member has one."""
        return str(PLATFORM_LABELS[self])


PLATFORM_LABELS = {
    Platform.TIKTOK: _l("TikTok"),
    Platform.FACEBOOK: _l("Facebook"),
    Platform.YOUTUBE: _l("YouTube"),
    Platform.ZALO: _l("Zalo"),
    Platform.SHOPEE: _l("Shopee"),
    Platform.OTHER: _l("Other platform"),
}


class LivestreamStatus(enum.StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        """What people read for this value (translated); every member has one."""
        return str(LIVESTREAM_STATUS_LABELS[self])


LIVESTREAM_STATUS_LABELS = {
    LivestreamStatus.PENDING: _l("Waiting for approval"),
    LivestreamStatus.APPROVED: _l("Approved"),
    LivestreamStatus.REJECTED: _l("Rejected"),
    LivestreamStatus.CANCELLED: _l("Cancelled"),
}

# The statuses whose sessions keep their slot (of the stall and of the studio). The migration's
# exclusion constraints list the same values: change both together.
HOLDS_SLOT = (LivestreamStatus.PENDING, LivestreamStatus.APPROVED)


class Studio(db.Model):
    """A shared place or channel that sessions may book (a commune's digital cultural house,
    the provincial Youth Union channel), open on ``open_weekdays`` from ``opens_at`` to
    ``closes_at`` Vietnam time."""

    __tablename__ = "studios"
    __table_args__ = (CheckConstraint("opens_at < closes_at", name="hours_in_order"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    province_id: Mapped[int] = mapped_column(ForeignKey("provinces.id"), index=True)
    commune_id: Mapped[int | None] = mapped_column(ForeignKey("communes.id"))
    address: Mapped[str] = mapped_column(String(255), default="")
    opens_at: Mapped[time] = mapped_column(Time)
    closes_at: Mapped[time] = mapped_column(Time)
    # ISO weekday digits, Monday = 1 ... Sunday = 7: "1234567" is every day.
    open_weekdays: Mapped[str] = mapped_column(String(7), default="1234567")
    active: Mapped[bool] = mapped_column(default=True, server_default=true())
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    province: Mapped[Province] = relationship()
    commune: Mapped[Commune | None] = relationship()


class Livestream(db.Model):
    __tablename__ = "livestreams"
    __table_args__ = (CheckConstraint("ends_at > starts_at", name="ends_after_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    stall_id: Mapped[int] = mapped_column(ForeignKey("stalls.id"), index=True)
    studio_id: Mapped[int | None] = mapped_column(ForeignKey("studios.id"), index=True)
    title: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    platform: Mapped[Platform] = status_column(Platform, "livestream_platform")
    stream_url: Mapped[str] = mapped_column(String(500))
    starts_at: Mapped[datetime] = mapped_column(index=True)
    ends_at: Mapped[datetime] = mapped_column(index=True)
    status: Mapped[LivestreamStatus] = status_column(LivestreamStatus, "livestream_status")
    # The admin's reason for a rejection (shown to the owner), or the owner's for a cancellation.
    status_reason: Mapped[str | None] = mapped_column(Text)
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    cancelled_at: Mapped[datetime | None]
    # iCalendar SEQUENCE: bumped by every change a subscriber's calendar must pick up (time,
    # place, link, title, cancellation). Reminder notes compare against it too.
    sequence: Mapped[int] = mapped_column(default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    stall: Mapped[Stall] = relationship()
    studio: Mapped[Studio | None] = relationship()
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    products: Mapped[list[LivestreamProduct]] = relationship(
        back_populates="livestream",
        order_by="LivestreamProduct.position",
        cascade="all, delete-orphan",
    )

    @classmethod
    def owned_by(cls, user_id: int) -> ColumnElement[bool]:
        return cls.stall.has(Stall.owner_id == user_id)

    def phase(self, now: datetime) -> str:
        """``upcoming``, ``live`` or ``ended`` at ``now`` — from the clock, never stored."""
        if now < self.starts_at:
            return "upcoming"
        return "live" if now < self.ends_at else "ended"

    def __repr__(self) -> str:
        return f"<Livestream {self.id} stall={self.stall_id} {self.status}>"


class LivestreamProduct(db.Model):
    """A product featured in a session, optionally at a live price (below the normal price,
    applied only between start and end) with a per-buyer limit across that buyer's orders."""

    __tablename__ = "livestream_products"
    __table_args__ = (
        CheckConstraint("live_price IS NULL OR live_price > 0", name="live_price_positive"),
        CheckConstraint(
            "per_buyer_limit IS NULL OR per_buyer_limit > 0", name="per_buyer_limit_positive"
        ),
    )

    livestream_id: Mapped[int] = mapped_column(
        ForeignKey("livestreams.id", ondelete="CASCADE"), primary_key=True
    )
    product_id: Mapped[int] = mapped_column(
        ForeignKey("products.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    live_price: Mapped[Money | None]
    per_buyer_limit: Mapped[int | None]
    position: Mapped[int] = mapped_column(default=0)

    livestream: Mapped[Livestream] = relationship(back_populates="products")
    product: Mapped[Product] = relationship()


class LivestreamSubscription(db.Model):
    """Someone who asked to be reminded ("Nhắc tôi"): an account, or an email address that is
    confirmed by a link before anything else is sent to it. ``token`` is in the confirm and
    one-click unsubscribe links."""

    __tablename__ = "livestream_subscriptions"
    __table_args__ = (UniqueConstraint("livestream_id", "email"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    livestream_id: Mapped[int] = mapped_column(
        ForeignKey("livestreams.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    email: Mapped[str] = mapped_column(String(254))
    locale: Mapped[str] = mapped_column(String(8), default="vi")
    token: Mapped[str] = mapped_column(String(64), unique=True)
    confirmed_at: Mapped[datetime | None]
    unsubscribed_at: Mapped[datetime | None]
    # Claimed with a compare-and-set (``WHERE reminded_at IS NULL``) so that two overlapping
    # runs of `flask livestreams send-reminders` never send the same reminder twice.
    reminded_at: Mapped[datetime | None] = mapped_column(index=True)
    # The session's ``sequence`` this subscriber was last told about (a move or a cancellation
    # is told once per change, claimed the same way).
    notified_sequence: Mapped[int] = mapped_column(default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    livestream: Mapped[Livestream] = relationship()
    user: Mapped[User | None] = relationship()


# --- What the app measures. Aggregated as it is written: never one row per hit. ---


class LivestreamViewer(db.Model):
    """One row per (session, visitor): the 30-minute rule for views, unique viewers, the
    heartbeat rate limit and per-minute concurrency all read it. A visitor is an anonymous
    random id from a long-lived cookie; no IP address is stored."""

    __tablename__ = "livestream_viewers"

    livestream_id: Mapped[int] = mapped_column(
        ForeignKey("livestreams.id", ondelete="CASCADE"), primary_key=True
    )
    visitor_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    first_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_view_at: Mapped[datetime | None]
    last_heartbeat_at: Mapped[datetime | None]
    heartbeats: Mapped[int] = mapped_column(default=0, server_default="0")


class LivestreamTotals(db.Model):
    """Per-session totals, updated in place (upserts) by the database counter backend or by
    `flask livestreams flush-counters` from Redis."""

    __tablename__ = "livestream_totals"

    livestream_id: Mapped[int] = mapped_column(
        ForeignKey("livestreams.id", ondelete="CASCADE"), primary_key=True
    )
    views: Mapped[int] = mapped_column(default=0, server_default="0")
    unique_viewers: Mapped[int] = mapped_column(default=0, server_default="0")
    heartbeats: Mapped[int] = mapped_column(default=0, server_default="0")
    peak_concurrent: Mapped[int] = mapped_column(default=0, server_default="0")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class LivestreamMinute(db.Model):
    """Per-session, per-minute (UTC, truncated) buckets: views opened in the minute, distinct
    visitors with a heartbeat in it (concurrent viewers), and heartbeats."""

    __tablename__ = "livestream_minutes"

    livestream_id: Mapped[int] = mapped_column(
        ForeignKey("livestreams.id", ondelete="CASCADE"), primary_key=True
    )
    minute: Mapped[datetime] = mapped_column(primary_key=True)
    views: Mapped[int] = mapped_column(default=0, server_default="0")
    viewers: Mapped[int] = mapped_column(default=0, server_default="0")
    heartbeats: Mapped[int] = mapped_column(default=0, server_default="0")


class PlatformReport(db.Model):
    """The platform's own figures for a session, as the owner entered or imported them: shown
    beside what the app measured, never mixed with it."""

    __tablename__ = "livestream_platform_reports"
    __table_args__ = (
        CheckConstraint(
            "COALESCE(views, 0) >= 0 AND COALESCE(peak_viewers, 0) >= 0"
            " AND COALESCE(likes, 0) >= 0 AND COALESCE(comments, 0) >= 0"
            " AND COALESCE(shares, 0) >= 0 AND COALESCE(orders, 0) >= 0",
            name="not_negative",
        ),
    )

    livestream_id: Mapped[int] = mapped_column(
        ForeignKey("livestreams.id", ondelete="CASCADE"), primary_key=True
    )
    views: Mapped[int | None] = mapped_column(Integer)
    peak_viewers: Mapped[int | None] = mapped_column(Integer)
    likes: Mapped[int | None] = mapped_column(Integer)
    comments: Mapped[int | None] = mapped_column(Integer)
    shares: Mapped[int | None] = mapped_column(Integer)
    orders: Mapped[int | None] = mapped_column(Integer)
    reported_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    reported_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
