"""The admin console's pictures, drawn on the server as inline SVG (no script, no CDN):

- the province tile map: one tile per province of the reference data, placed on a hand-made
  grid roughly where the province is (north at the top, the long S shape), filled by its
  ``AreaStatus`` and carrying the status's symbol and a pattern, so the colour is never the only
  sign; every tile is a link and has a ``<title>`` (full name and status label);
- the 12-week trend charts (``trends.weekly_trends`` gives the figures): one bar chart per series,
  the highest week labelled, a ``<title>`` per bar with the exact value.

Both are sized by a ``viewBox`` and read at 360 px wide. Every text that comes from data is
escaped here; the rest is numbers formatted here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from flask_babel import format_decimal
from flask_babel import gettext as _
from markupsafe import Markup, escape
from sqlalchemy import and_, func, select

from marketplace.admin.status import AreaStatus
from marketplace.config import display_zone
from marketplace.extensions import db
from marketplace.i18n import format_vnd
from marketplace.livestats.chart import nice_ceiling
from marketplace.reference.models import Province
from marketplace.stalls.models import Stall, StallStatus

# --- The province tile map -----------------------------------------------------------------

# (row, column) of each province's tile, by ``Province.code``: north at the top; the northern
# mountains and the Red River delta fill the first rows, the central coast steps east down the
# middle, the south-east and the Mekong delta spread west at the bottom. A test checks that it
# covers exactly the provinces of the reference data, one per cell.
LAYOUT: dict[str, tuple[int, int]] = {
    "lai-chau": (0, 1), "lao-cai": (0, 2), "tuyen-quang": (0, 3), "cao-bang": (0, 4),
    "dien-bien": (1, 0), "son-la": (1, 1), "phu-tho": (1, 2), "thai-nguyen": (1, 3),
    "lang-son": (1, 4),
    "ha-noi": (2, 2), "bac-ninh": (2, 3), "quang-ninh": (2, 4),
    "ninh-binh": (3, 2), "hung-yen": (3, 3), "hai-phong": (3, 4),
    "thanh-hoa": (4, 2),
    "nghe-an": (5, 2),
    "ha-tinh": (6, 3),
    "quang-tri": (7, 3),
    "hue": (8, 3),
    "da-nang": (9, 4),
    "quang-ngai": (10, 4),
    "gia-lai": (11, 4),
    "dak-lak": (12, 4),
    "lam-dong": (13, 3), "khanh-hoa": (13, 4),
    "tay-ninh": (14, 2), "dong-nai": (14, 3),
    "an-giang": (15, 1), "dong-thap": (15, 2), "ho-chi-minh": (15, 3),
    "can-tho": (16, 1), "vinh-long": (16, 2),
    "ca-mau": (17, 1),
}  # fmt: skip

COLUMNS = 1 + max(column for _row, column in LAYOUT.values())
ROWS = 1 + max(row for row, _column in LAYOUT.values())
CELL_W, CELL_H, GAP = 70, 40, 4  # viewBox units: 5 columns make 350, drawn at ~1 px at 360 px
LEGEND_ROW = 22

# Mid tones that keep dark text readable (contrast above 4.5:1 with #111 on each).
FILLS = {
    AreaStatus.GREEN: "#66bb6a",
    AreaStatus.YELLOW: "#ffd54f",
    AreaStatus.RED: "#ef5350",
    AreaStatus.NO_DATA: "#e0e0e0",
}
# A second sign besides the symbol: dots, stripes, cross-hatch; "no data" stays plain.
PATTERNS = {
    AreaStatus.GREEN: '<circle cx="3" cy="3" r="1.2" fill="#1b5e20" fill-opacity=".45"/>',
    AreaStatus.YELLOW: '<path d="M0 6L6 0" stroke="#795500" stroke-opacity=".4"/>',
    AreaStatus.RED: '<path d="M0 0L6 6M6 0L0 6" stroke="#7f0000" stroke-opacity=".35"/>',
}
TEXT_COLOUR = "#111"


@dataclass(frozen=True)
class ProvinceTile:
    """What a tile shows of a province (kept apart from the model so the drawing is pure)."""

    code: str
    name: str


def short_name(name: str) -> str:
    """The name inside a tile: "TP. Hồ Chí Minh" → "Hồ Chí Minh" (the title keeps the full one)."""
    for prefix in ("TP. ", "Thành phố "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def province_tiles_svg(statuses: Mapping[str, AreaStatus], links: Mapping[str, str]) -> Markup:
    """The tile map of the 34 provinces (one statement: their names), coloured by ``statuses``
    (a province missing there is "no data") and linked to ``links[code]``."""
    provinces = [
        ProvinceTile(code, name)
        for code, name in db.session.execute(select(Province.code, Province.name))
    ]
    return tiles_svg(provinces, statuses, links)


def tiles_svg(
    provinces: Sequence[ProvinceTile],
    statuses: Mapping[str, AreaStatus],
    links: Mapping[str, str],
) -> Markup:
    width = COLUMNS * CELL_W
    map_height = ROWS * CELL_H
    height = map_height + GAP + len(AreaStatus) * LEGEND_ROW
    label = escape(_("Provinces by selling status"))
    parts = [
        # A group, not an image: role="img" would hide the 34 links from screen readers.
        f'<svg class="province-tiles" viewBox="0 0 {width} {height}" role="group" '
        f'aria-label="{label}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{label}</title>",
        _pattern_defs(),
    ]
    placed = [p for p in provinces if p.code in LAYOUT]
    for province in sorted(placed, key=lambda p: LAYOUT[p.code]):
        status = statuses.get(province.code, AreaStatus.NO_DATA)
        parts.append(_tile(province, status, links.get(province.code)))
    parts.append(_legend(map_height + GAP))
    parts.append("</svg>")
    # Every text inside is escaped (names come from data); the rest is numbers written here.
    return Markup("".join(parts))  # noqa: S704


def _pattern_defs() -> str:
    patterns = "".join(
        f'<pattern id="tiles-{status.value}" width="6" height="6" '
        f'patternUnits="userSpaceOnUse">{shape}</pattern>'
        for status, shape in PATTERNS.items()
    )
    return f"<defs>{patterns}</defs>"


def _swatch(
    status: AreaStatus, x: float, y: float, w: float, h: float, patterned: float | None = None
) -> str:
    """The status's colour, and its pattern over the top ``patterned`` units (all by default):
    a tile keeps its name on the plain colour, where it reads best."""
    parts = [
        f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="4" fill="{FILLS[status]}"'
        + (' stroke="#757575" stroke-dasharray="3 2"' if status is AreaStatus.NO_DATA else "")
        + "/>"
    ]
    if status in PATTERNS:
        parts.append(
            f'<rect x="{x}" y="{y}" width="{w}" height="{patterned or h}" rx="4" '
            f'fill="url(#tiles-{status.value})"/>'
        )
    return "".join(parts)


def _tile(province: ProvinceTile, status: AreaStatus, href: str | None) -> str:
    row, column = LAYOUT[province.code]
    x, y = column * CELL_W + GAP / 2, row * CELL_H + GAP / 2
    w, h = CELL_W - GAP, CELL_H - GAP
    name = short_name(province.name)
    # Long names are squeezed to the tile's width rather than cut.
    fit = f' textLength="{w - 4}" lengthAdjust="spacingAndGlyphs"' if len(name) > 9 else ""
    title = escape(f"{province.name}: {status.label}")
    body = (
        f"<title>{title}</title>"
        + _swatch(status, x, y, w, h, patterned=h / 2 - 1)
        + f'<text x="{x + 4}" y="{y + 13}" font-size="11" fill="{TEXT_COLOUR}" '
        f'aria-hidden="true">{status.symbol}</text>'
        f'<text x="{x + w / 2}" y="{y + h - 6}" font-size="11.5" text-anchor="middle" '
        f'fill="{TEXT_COLOUR}"{fit}>{escape(name)}</text>'
    )
    cls = f"tile {status.value}"
    if href is None:
        return f'<g class="{cls}">{body}</g>'
    return f'<a class="{cls}" href="{escape(href)}">{body}</a>'


def _legend(top: float) -> str:
    """One status a line (the Vietnamese labels are long): its swatch, symbol and label."""
    parts = []
    for i, status in enumerate(AreaStatus):
        y = top + i * LEGEND_ROW
        parts.append(
            f'<g class="legend {status.value}">'
            + _swatch(status, 1, y + 2, 26, 16)
            + f'<text x="7" y="{y + 14}" font-size="11" fill="{TEXT_COLOUR}">{status.symbol}</text>'
            f'<text x="32" y="{y + 15}" font-size="12" fill="currentColor">'
            f"{escape(status.label)}</text></g>"
        )
    return "".join(parts)


def placeholder_province_statuses() -> dict[str, AreaStatus]:
    """Until the rules exist: grey for a province without an approved stall, else yellow (one
    statement). The activity part's ``province_statuses(now, days)`` takes its place."""
    approved = and_(Stall.province_id == Province.id, Stall.status == StallStatus.APPROVED)
    return {
        code: AreaStatus.YELLOW if stalls else AreaStatus.NO_DATA
        for code, stalls in db.session.execute(
            select(Province.code, func.count(Stall.id))
            .outerjoin(Stall, approved)
            .group_by(Province.code)
        )
    }


# --- Trend charts ---------------------------------------------------------------------------

Unit = Literal["number", "vnd"]

CHART_W, CHART_H = 360, 170
C_LEFT, C_RIGHT, C_TOP, C_BOTTOM = 8, 8, 22, 22
PLOT_W, PLOT_H = CHART_W - C_LEFT - C_RIGHT, CHART_H - C_TOP - C_BOTTOM


@dataclass(frozen=True)
class TrendPoint:
    starts_at: datetime  # the week's Monday 00:00 in Vietnam, as aware UTC
    value: int

    @property
    def local_start(self) -> date:
        return self.starts_at.astimezone(display_zone()).date()


def format_value(value: int, unit: Unit) -> str:
    """Money as ``125.000 ₫`` (always the Vietnamese way); counts in the page's locale."""
    return format_vnd(value) if unit == "vnd" else format_decimal(value)


def _day_month(point: TrendPoint) -> str:
    return point.local_start.strftime("%d/%m")


def trend_chart_svg(title: str, points: Sequence[TrendPoint], unit: Unit) -> Markup:
    """A bar per week (oldest on the left), the highest labelled with its value, every bar with
    a ``<title>`` giving its week and exact value; the x axis shows every other week's Monday."""
    n = max(len(points), 1)
    highest = max((p.value for p in points), default=0)
    top = nice_ceiling(highest)
    slot = PLOT_W / n
    base = C_TOP + PLOT_H
    parts = [
        f'<svg class="trend-chart" viewBox="0 0 {CHART_W} {CHART_H}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
        f"<desc>{escape(_describe(points, unit))}</desc>",
        f'<line class="axis" x1="{C_LEFT}" y1="{base}" x2="{C_LEFT + PLOT_W}" y2="{base}"/>',
    ]
    peak_index = next((i for i, p in enumerate(points) if p.value == highest and highest), None)
    for i, point in enumerate(points):
        bar_h = PLOT_H * point.value / top
        x = C_LEFT + slot * i + slot * 0.15
        week = escape(_("Week of %(day)s", day=point.local_start.strftime("%d/%m/%Y")))
        cls = "bar peak" if i == peak_index else "bar"
        parts.append(
            f'<rect class="{cls}" x="{x:.1f}" y="{base - bar_h:.1f}" width="{slot * 0.7:.1f}" '
            f'height="{bar_h:.1f}"><title>{week}: {escape(format_value(point.value, unit))}'
            "</title></rect>"
        )
    if peak_index is not None:
        parts.append(_peak_label(points[peak_index], peak_index, n, top, unit))
    for i in range(len(points) - 1, -1, -2):  # every other week, ending on the latest
        parts.append(
            f'<text class="week" x="{C_LEFT + slot * (i + 0.5):.1f}" y="{CHART_H - 6}" '
            f'text-anchor="middle">{_day_month(points[i])}</text>'
        )
    parts.append("</svg>")
    # Every text inside is escaped above; numbers and dates are formatted here.
    return Markup("".join(parts))  # noqa: S704


def _peak_label(point: TrendPoint, index: int, n: int, top: int, unit: Unit) -> str:
    """The highest value written above its bar, kept inside the picture at either edge."""
    slot = PLOT_W / n
    centre = C_LEFT + slot * (index + 0.5)
    anchor = "start" if index < n / 4 else "end" if index >= n * 3 / 4 else "middle"
    x = {"start": C_LEFT + slot * index, "end": C_LEFT + slot * (index + 1)}.get(anchor, centre)
    y = C_TOP + PLOT_H - PLOT_H * point.value / top - 5
    return (
        f'<text class="peak" x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}">'
        f"{escape(format_value(point.value, unit))}</text>"
    )


def _describe(points: Sequence[TrendPoint], unit: Unit) -> str:
    if not points:
        return ""
    best = max(points, key=lambda p: p.value)
    return _(
        "%(weeks)s weeks from %(start)s; the highest was %(value)s, in the week of %(peak)s; "
        "the latest week (so far) %(latest)s.",
        weeks=len(points),
        start=points[0].local_start.strftime("%d/%m/%Y"),
        value=format_value(best.value, unit),
        peak=best.local_start.strftime("%d/%m/%Y"),
        latest=format_value(points[-1].value, unit),
    )
