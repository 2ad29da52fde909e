"""The last weeks' paid orders, revenue and livestream views, for the console's trend charts.

Weeks run from Monday 00:00 to the next Monday 00:00 in Vietnam time (the display zone); the
stored times are UTC, so the boundaries are computed here and compared in UTC. The latest week
is the current one, so far. Two statements whatever the number of weeks or rows: each row is
given its week's number by one ``CASE`` over the boundaries, then grouped.

Definitions (the livestream statistics' ones, ``livestats.queries``):
- a paid order is one whose status is paid, packed, shipped or delivered (``PAID_STATUSES``),
  counted in the week it was placed (``Order.created_at``);
- revenue is those orders' totals minus what was refunded of them, in đồng;
- views are the counted openings of session pages (``LivestreamMinute.views``), in the week of
  the minute they were counted in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, case, func, select

from marketplace.admin.pictures import TrendPoint, Unit, format_value, trend_chart_svg
from marketplace.config import display_zone
from marketplace.extensions import db
from marketplace.livestats.queries import PAID_STATUSES
from marketplace.livestreams.models import LivestreamMinute
from marketplace.orders.models import Order

WEEKS = 12


@dataclass(frozen=True)
class WeeklyTrends:
    starts: tuple[datetime, ...]  # each week's Monday 00:00 in Vietnam, as aware UTC
    orders: tuple[int, ...]
    revenue: tuple[int, ...]  # đồng
    views: tuple[int, ...]

    def points(self, series: str) -> list[TrendPoint]:
        return [TrendPoint(s, v) for s, v in zip(self.starts, getattr(self, series), strict=True)]


def week_starts(now: datetime, weeks: int = WEEKS) -> list[datetime]:
    """The Mondays 00:00 (Vietnam) of the last ``weeks`` weeks, the current one last, in UTC;
    plus the next Monday, which closes the current week."""
    zone = display_zone()
    today = now.astimezone(zone).date()
    monday = today - timedelta(days=today.weekday())
    return [
        datetime.combine(monday - timedelta(weeks=weeks - 1 - i), time(), zone).astimezone(UTC)
        for i in range(weeks + 1)
    ]


def _week_of(column, bounds: list[datetime]) -> ColumnElement[int]:
    return case(*((column < end, i) for i, end in enumerate(bounds[1:])))


def weekly_trends(now: datetime, weeks: int = WEEKS) -> WeeklyTrends:
    bounds = week_starts(now, weeks)
    orders, revenue, views = [0] * weeks, [0] * weeks, [0] * weeks
    # Grouped over a subquery: PostgreSQL can't match a CASE with bound parameters written
    # twice (select list and GROUP BY) as the same expression.
    placed = (
        select(
            _week_of(Order.created_at, bounds).label("week"),
            (Order.total - Order.refunded_amount).label("revenue"),
        )
        .where(
            Order.status.in_(PAID_STATUSES),
            Order.created_at >= bounds[0],
            Order.created_at < bounds[-1],
        )
        .subquery()
    )
    for week, count, total in db.session.execute(
        select(placed.c.week, func.count(), func.coalesce(func.sum(placed.c.revenue), 0))
        .group_by(placed.c.week)
    ):  # fmt: skip
        orders[week], revenue[week] = count, int(total)
    opened = (
        select(
            _week_of(LivestreamMinute.minute, bounds).label("week"),
            LivestreamMinute.views.label("views"),
        )
        .where(LivestreamMinute.minute >= bounds[0], LivestreamMinute.minute < bounds[-1])
        .subquery()
    )
    for week, total in db.session.execute(
        select(opened.c.week, func.coalesce(func.sum(opened.c.views), 0)).group_by(opened.c.week)
    ):
        views[week] = int(total)
    return WeeklyTrends(tuple(bounds[:-1]), tuple(orders), tuple(revenue), tuple(views))


@dataclass(frozen=True)
class TrendChart:
    """One series ready for the page: its title, the SVG and the points for the table."""

    title: str
    unit: Unit
    points: list[TrendPoint]
    svg: object  # Markup

    def shown(self, point: TrendPoint) -> str:
        return format_value(point.value, self.unit)


SERIES: tuple[tuple[str, object, Unit], ...] = (
    ("orders", _l("Paid orders per week"), "number"),
    ("revenue", _l("Revenue per week"), "vnd"),
    ("views", _l("Livestream views per week"), "number"),
)


def trend_charts(trends: WeeklyTrends) -> list[TrendChart]:
    charts = []
    for series, title, unit in SERIES:
        points, text = trends.points(series), str(title)
        charts.append(TrendChart(text, unit, points, trend_chart_svg(text, points, unit)))
    return charts
