"""The timeline drawn as an inline SVG on the server: no script, no CDN, readable at 360 px.

Two series on one time axis (Vietnam time): viewers as a line (left scale) and orders as bars
(right scale). The SVG carries a `<title>` and a `<desc>` that says what it shows in words; the
same numbers are in the table under it and in its CSV.
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from markupsafe import Markup, escape

from marketplace.config import display_zone
from marketplace.livestats.queries import BUCKET_MINUTES, Timeline

WIDTH, HEIGHT = 360, 220
LEFT, RIGHT, TOP, BOTTOM = 36, 30, 26, 34  # room for the scales, the legend and the times
PLOT_W, PLOT_H = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM


def nice_ceiling(value: int) -> int:
    """The scale's top: 1, 2 or 5 times a power of ten, at least ``value`` (and at least 1)."""
    top = 1
    while True:
        for factor in (1, 2, 5):
            if top * factor >= value:
                return top * factor
        top *= 10


def local_time(value: datetime) -> str:
    zone = display_zone()
    return value.astimezone(zone).strftime("%H:%M")


def timeline_svg(timeline: Timeline, *, chart_id: str = "timeline") -> Markup:
    buckets = timeline.buckets
    n = len(buckets)
    viewers_top = nice_ceiling(timeline.peak_viewers)
    orders_top = nice_ceiling(timeline.peak_orders)
    slot = PLOT_W / n

    def x(i: float) -> float:
        return LEFT + slot * i

    def y(value: int, top: int) -> float:
        return TOP + PLOT_H - PLOT_H * value / top

    title = escape(_("Viewers and orders per 5 minutes"))
    orders_legend = escape(_("orders (right scale)"))
    viewers_legend = escape(_("viewers (left)"))
    axis_label = escape(_("Vietnam time (UTC+7)"))
    parts = [
        f'<svg class="stats-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{title}</title>',
        f'<desc id="{chart_id}-desc">{escape(_describe(timeline))}</desc>',
        # Axes and the two scales' tops.
        f'<line class="axis" x1="{LEFT}" y1="{TOP + PLOT_H}" x2="{LEFT + PLOT_W}" '
        f'y2="{TOP + PLOT_H}"/>',
        f'<text class="scale viewers" x="{LEFT - 4}" y="{TOP + 4}" text-anchor="end">'
        f"{viewers_top}</text>",
        f'<text class="scale orders" x="{LEFT + PLOT_W + 4}" y="{TOP + 4}">{orders_top}</text>',
        f'<text class="scale" x="{LEFT - 4}" y="{TOP + PLOT_H}" text-anchor="end">0</text>',
        # Legend.
        f'<rect class="orders" x="{LEFT}" y="6" width="10" height="10"/>',
        f'<text x="{LEFT + 14}" y="15">{orders_legend}</text>',
        f'<line class="viewers" x1="{LEFT + 170}" y1="11" x2="{LEFT + 184}" y2="11"/>',
        f'<text x="{LEFT + 188}" y="15">{viewers_legend}</text>',
    ]
    for i, bucket in enumerate(buckets):
        if bucket.orders:
            top = y(bucket.orders, orders_top)
            parts.append(
                f'<rect class="orders" x="{x(i) + slot * 0.15:.1f}" y="{top:.1f}" '
                f'width="{slot * 0.7:.1f}" height="{TOP + PLOT_H - top:.1f}"/>'
            )
    points = " ".join(
        f"{x(i + 0.5):.1f},{y(b.viewers, viewers_top):.1f}" for i, b in enumerate(buckets)
    )
    parts.append(f'<polyline class="viewers" points="{points}"/>')
    every = max(1, -(-n // 5))  # at most about five time labels at 360 px
    for i in range(0, n, every):
        parts.append(
            f'<text class="time" x="{x(i):.1f}" y="{HEIGHT - 14}" text-anchor="middle">'
            f"{local_time(buckets[i].starts_at)}</text>"
        )
    parts.append(
        f'<text class="time" x="{LEFT + PLOT_W / 2:.0f}" y="{HEIGHT - 2}" text-anchor="middle">'
        f"{axis_label}</text>"
    )
    parts.append("</svg>")
    # Every text inside is escaped above; numbers and times are formatted here.
    return Markup("".join(parts))  # noqa: S704


def _describe(timeline: Timeline) -> str:
    if not timeline.buckets:
        return ""
    busiest = max(timeline.buckets, key=lambda b: b.viewers)
    return _(
        "%(buckets)s periods of %(minutes)s minutes from %(start)s; the most viewers at once was "
        "%(peak)s, at %(peak_time)s; %(orders)s paid orders were placed during the session.",
        buckets=len(timeline.buckets),
        minutes=BUCKET_MINUTES,
        start=local_time(timeline.buckets[0].starts_at),
        peak=busiest.viewers,
        peak_time=local_time(busiest.starts_at),
        orders=sum(b.orders for b in timeline.buckets),
    )
