"""CSV exports: UTF-8 with a BOM (so spreadsheet programs read the Vietnamese right), commas,
a header row, integers written as integers, times in Vietnam time with their offset
(``2026-11-23T20:00:00+07:00``). Cells that a spreadsheet would run as a formula are quoted
with a leading apostrophe."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import datetime

from flask_babel import gettext as _

from marketplace.config import display_zone
from marketplace.livestats.platform import FIGURE_LABELS, FIGURE_NAMES
from marketplace.livestats.queries import BUCKET_MINUTES, SessionRow, Timeline, percent

BOM = "\ufeff"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return "" if value is None else value


def _local_iso(value: datetime) -> str:
    zone = display_zone()
    return value.astimezone(zone).isoformat(timespec="seconds")


def _write(header: list[str], rows: Iterable[list[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return BOM + out.getvalue()


def sessions_csv(rows: Iterable[SessionRow]) -> str:
    header = [
        _("Session id"),
        _("Title"),
        _("Stall"),
        _("Province"),
        _("Platform"),
        _("Status"),
        _("Starts (Vietnam time)"),
        _("Ends (Vietnam time)"),
        _("Views"),
        _("Unique viewers"),
        _("Peak concurrent viewers"),
        _("Watch time (seconds)"),
        _("Average watch time (seconds)"),
        _("Orders placed"),
        _("Paid orders"),
        _("Items"),
        _("Revenue (đồng)"),
        _("Conversion (%)"),
        _("Revenue per 1,000 views (đồng)"),
    ] + [
        _("%(figure)s, reported by the owner", figure=FIGURE_LABELS[name]) for name in FIGURE_NAMES
    ]
    return _write(header, (_session_line(row) for row in rows))


def _session_line(row: SessionRow) -> list[object]:
    s, f = row.livestream, row.figures
    reported = [getattr(row.report, name) if row.report else None for name in FIGURE_NAMES]
    return [
        s.id,
        s.title,
        s.stall.name,
        s.stall.province.name,
        s.platform.label,
        s.status.label,
        _local_iso(s.starts_at),
        _local_iso(s.ends_at),
        f.views,
        f.unique_viewers,
        f.peak_concurrent,
        f.watch_seconds,
        f.average_watch_seconds,
        f.orders_placed,
        f.orders,
        f.items,
        f.revenue,
        percent(f.conversion),
        f.revenue_per_1000_views,
        *reported,
    ]


def timeline_csv(timeline: Timeline) -> str:
    header = [
        _("Starts (Vietnam time)"),
        _("Minutes"),
        _("Viewers (highest per minute)"),
        _("Paid orders placed"),
    ]
    lines = [
        [_local_iso(b.starts_at), BUCKET_MINUTES, b.viewers, b.orders] for b in timeline.buckets
    ]
    return _write(header, lines)
