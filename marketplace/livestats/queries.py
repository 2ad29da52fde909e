"""Named reads for livestream statistics. Each page costs a fixed number of statements whatever
the number of sessions (the figures of many sessions come from grouped queries, never one query
per session).

Definitions (shown on the pages, `templates/livestats/_definitions.html`):
- views, unique viewers, peak concurrent and heartbeats are what the measuring part wrote into
  `LivestreamTotals` (and `LivestreamMinute` for the timeline);
- average watch time = heartbeats × 30 s ÷ unique viewers (every unique viewer, including those
  who never sent a heartbeat);
- an order "counts" (orders, items, revenue, conversion) when it is attributed to the session
  (`Order.livestream_id`) and paid: status paid, packed, shipped or delivered. Orders waiting for
  payment, cancelled, expired or refunded in full do not; revenue is each counted order's total
  minus what was refunded of it (partial refunds), in đồng;
- conversion = counted orders ÷ unique viewers; revenue per 1,000 views = revenue × 1000 ÷ views,
  rounded to the nearest đồng;
- the timeline has 5-minute buckets from the start to the end of the session (Vietnam time on the
  axis): viewers is the highest per-minute concurrent count in the bucket, orders the counted
  orders placed in it; counted orders placed after the end (inside the attribution window) are
  given separately.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from fractions import Fraction

from sqlalchemy import Select, and_, case, func, select
from sqlalchemy.orm import contains_eager

from marketplace.config import display_zone
from marketplace.extensions import db
from marketplace.livestreams.models import (
    Livestream,
    LivestreamMinute,
    LivestreamTotals,
    PlatformReport,
)
from marketplace.orders.models import Order, OrderLine, OrderStatus
from marketplace.reference.models import Province
from marketplace.stalls.models import Stall

# The orders that count: paid, whatever happened to them since, short of a full refund.
PAID_STATUSES = (OrderStatus.PAID, OrderStatus.PACKED, OrderStatus.SHIPPED, OrderStatus.DELIVERED)
SECONDS_PER_HEARTBEAT = 30
BUCKET_MINUTES = 5


@dataclass(frozen=True)
class Figures:
    """What the app measured for one session (or summed over several)."""

    views: int = 0
    unique_viewers: int = 0
    peak_concurrent: int = 0
    heartbeats: int = 0
    orders_placed: int = 0  # every attributed order, paid or not
    orders: int = 0  # attributed and paid (PAID_STATUSES)
    items: int = 0  # units in the counted orders
    revenue: int = 0  # đồng: counted orders' totals minus partial refunds

    @property
    def watch_seconds(self) -> int:
        return self.heartbeats * SECONDS_PER_HEARTBEAT

    @property
    def average_watch_seconds(self) -> int | None:
        if not self.unique_viewers:
            return None
        return _rounded(Fraction(self.watch_seconds, self.unique_viewers))

    @property
    def conversion(self) -> Fraction | None:
        """Counted orders ÷ unique viewers; None when nobody was counted."""
        return Fraction(self.orders, self.unique_viewers) if self.unique_viewers else None

    @property
    def revenue_per_1000_views(self) -> int | None:
        return _rounded(Fraction(self.revenue * 1000, self.views)) if self.views else None

    def __add__(self, other: Figures) -> Figures:
        """Sums, except the peak: the highest of the sessions' peaks (they are not additive)."""
        return Figures(
            views=self.views + other.views,
            unique_viewers=self.unique_viewers + other.unique_viewers,
            peak_concurrent=max(self.peak_concurrent, other.peak_concurrent),
            heartbeats=self.heartbeats + other.heartbeats,
            orders_placed=self.orders_placed + other.orders_placed,
            orders=self.orders + other.orders,
            items=self.items + other.items,
            revenue=self.revenue + other.revenue,
        )


def _rounded(value: Fraction) -> int:
    """Half up (never banker's rounding: 2.5 views → 3 is what people expect)."""
    return int(value + Fraction(1, 2))


def percent(value: Fraction | None) -> str | None:
    """A ratio as a percentage with one decimal ("12.5"), or None."""
    if value is None:
        return None
    tenths = _rounded(value * 1000)
    return f"{tenths // 10}.{tenths % 10}"


@dataclass
class SessionRow:
    livestream: Livestream
    figures: Figures
    report: PlatformReport | None = None


def figures_for(ids: Iterable[int]) -> dict[int, Figures]:
    """The figures of these sessions: three grouped statements whatever their number."""
    ids = sorted(set(ids))
    figures = {i: Figures() for i in ids}
    if not ids:
        return figures
    for row in db.session.execute(
        select(LivestreamTotals).where(LivestreamTotals.livestream_id.in_(ids))
    ).scalars():
        figures[row.livestream_id] = replace(
            figures[row.livestream_id],
            views=row.views,
            unique_viewers=row.unique_viewers,
            peak_concurrent=row.peak_concurrent,
            heartbeats=row.heartbeats,
        )
    paid = Order.status.in_(PAID_STATUSES)
    for livestream_id, placed, counted, revenue in db.session.execute(
        select(
            Order.livestream_id,
            func.count(Order.id),
            func.count(case((paid, Order.id))),
            func.coalesce(func.sum(case((paid, Order.total - Order.refunded_amount))), 0),
        )
        .where(Order.livestream_id.in_(ids))
        .group_by(Order.livestream_id)
    ):
        figures[livestream_id] = replace(
            figures[livestream_id], orders_placed=placed, orders=counted, revenue=int(revenue)
        )
    for livestream_id, items in db.session.execute(
        select(Order.livestream_id, func.sum(OrderLine.quantity))
        .join(OrderLine.order)
        .where(Order.livestream_id.in_(ids), paid)
        .group_by(Order.livestream_id)
    ):
        figures[livestream_id] = replace(figures[livestream_id], items=int(items))
    return figures


def _rows(stmt: Select) -> list[SessionRow]:
    sessions = db.session.scalars(
        stmt.join(Livestream.stall)
        .join(Stall.province)
        .options(contains_eager(Livestream.stall).contains_eager(Stall.province))
        .order_by(Livestream.starts_at.desc(), Livestream.id.desc())
    ).all()
    ids = [s.id for s in sessions]
    figures = figures_for(ids)
    reports = reports_for(ids)
    return [SessionRow(s, figures[s.id], reports.get(s.id)) for s in sessions]


def reports_for(ids: list[int]) -> dict[int, PlatformReport]:
    if not ids:
        return {}
    return {
        r.livestream_id: r
        for r in db.session.scalars(
            select(PlatformReport).where(PlatformReport.livestream_id.in_(ids))
        )
    }


def owner_sessions(owner_id: int) -> list[SessionRow]:
    """Every session of the owner's stalls, newest first, with its figures."""
    return _rows(select(Livestream).where(Stall.owner_id == owner_id))


@dataclass(frozen=True)
class OverviewFilter:
    province_id: int | None = None
    date_from: date | None = None  # Vietnam calendar days, inclusive
    date_to: date | None = None


def _vietnam_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), display_zone()).astimezone(UTC)


def overview_sessions(filters: OverviewFilter) -> list[SessionRow]:
    """All sessions (the admins' view), by the stall's province and the start's Vietnam date."""
    stmt = select(Livestream)
    if filters.province_id is not None:
        stmt = stmt.where(Stall.province_id == filters.province_id)
    if filters.date_from is not None:
        stmt = stmt.where(Livestream.starts_at >= _vietnam_midnight(filters.date_from))
    if filters.date_to is not None:
        end = _vietnam_midnight(filters.date_to + timedelta(days=1))
        stmt = stmt.where(Livestream.starts_at < end)
    return _rows(stmt)


def total(rows: Iterable[SessionRow]) -> Figures:
    return sum((r.figures for r in rows), Figures())


def province_totals(rows: Iterable[SessionRow]) -> list[tuple[Province, int, Figures]]:
    """(province, sessions, summed figures), in the reference data's order."""
    grouped: dict[int, tuple[Province, int, Figures]] = {}
    for row in rows:
        province = row.livestream.stall.province
        _, count, figures = grouped.get(province.id, (province, 0, Figures()))
        grouped[province.id] = (province, count + 1, figures + row.figures)
    return sorted(grouped.values(), key=lambda entry: entry[0].sort_key)


@dataclass(frozen=True)
class Bucket:
    starts_at: datetime  # UTC
    viewers: int  # the highest per-minute concurrent count in the bucket
    orders: int  # counted orders placed in the bucket


@dataclass
class Timeline:
    buckets: list[Bucket] = field(default_factory=list)
    orders_after_end: int = 0  # counted orders placed after the end (attribution window)

    @property
    def peak_viewers(self) -> int:
        return max((b.viewers for b in self.buckets), default=0)

    @property
    def peak_orders(self) -> int:
        return max((b.orders for b in self.buckets), default=0)


def timeline(livestream: Livestream) -> Timeline:
    """Viewers and orders per 5 minutes from the start to the end (two statements)."""
    start, end = livestream.starts_at, livestream.ends_at
    step = timedelta(minutes=BUCKET_MINUTES)
    count = max(1, -(-(end - start) // step))  # ceiling: a last, shorter bucket counts too
    viewers = [0] * count
    orders = [0] * count
    for minute, concurrent in db.session.execute(
        select(LivestreamMinute.minute, LivestreamMinute.viewers).where(
            LivestreamMinute.livestream_id == livestream.id,
            LivestreamMinute.minute >= start - timedelta(minutes=1),
            LivestreamMinute.minute < end,
        )
    ):
        index = max(0, (minute - start) // step)
        viewers[index] = max(viewers[index], concurrent)
    after = 0
    for (placed_at,) in db.session.execute(
        select(Order.created_at).where(
            and_(Order.livestream_id == livestream.id, Order.status.in_(PAID_STATUSES))
        )
    ):
        if placed_at >= end:
            after += 1
        elif placed_at >= start:
            orders[(placed_at - start) // step] += 1
    buckets = [Bucket(start + step * i, viewers[i], orders[i]) for i in range(count)]
    return Timeline(buckets, after)
