"""The platform's own figures for a session (views, peak viewers, likes, comments, shares, orders
the platform reported), as the owner enters or imports them. They are kept in `PlatformReport`
and shown beside what the app measured, never added to it.

Only after the session has ended, and only for approved sessions (a rejected or cancelled one
never ran). The CSV import is all or nothing: one bad line and nothing is saved, and every error
names its line.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, fields
from datetime import datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from marketplace.db import utcnow
from marketplace.errors import DomainError
from marketplace.extensions import db
from marketplace.forms import parse_whole_number
from marketplace.livestreams.models import Livestream, LivestreamStatus, PlatformReport
from marketplace.stalls.models import Stall

CSV_MAX_BYTES = 64 * 1024
CSV_MAX_ROWS = 500
MAX_DIGITS = 9  # a figure fits an INTEGER column (up to 999.999.999)
FIGURE_NAMES = ("views", "peak_viewers", "likes", "comments", "shares", "orders")
CSV_HEADER = ("livestream_id", *FIGURE_NAMES)
FIGURE_LABELS = {
    "views": _l("Views"),
    "peak_viewers": _l("Peak viewers"),
    "likes": _l("Likes"),
    "comments": _l("Comments"),
    "shares": _l("Shares"),
    "orders": _l("Orders the platform reported"),
}


@dataclass(frozen=True)
class PlatformFigures:
    """Each figure optional (None: the owner did not give it), a whole number ≥ 0."""

    views: int | None = None
    peak_viewers: int | None = None
    likes: int | None = None
    comments: int | None = None
    shares: int | None = None
    orders: int | None = None


class PlatformImportError(DomainError):
    """A CSV import refused; ``problems`` lists every error, each naming its line."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems), field="file")
        self.problems = problems


def report_refusal(livestream: Livestream, now: datetime) -> str | None:
    """Why figures can't be reported for this session yet (None: they can)."""
    if livestream.status != LivestreamStatus.APPROVED:
        return _("Platform figures can only be reported for an approved session.")
    if livestream.phase(now) != "ended":
        return _("Platform figures can be reported once the session has ended.")
    return None


def record_platform_figures(
    livestream: Livestream, figures: PlatformFigures, *, by_id: int | None, now: datetime
) -> PlatformReport:
    refusal = report_refusal(livestream, now)
    if refusal:
        raise DomainError(refusal)
    report = db.session.get(PlatformReport, livestream.id)
    if report is None:
        report = PlatformReport(livestream_id=livestream.id)
        db.session.add(report)
    for f in fields(PlatformFigures):
        setattr(report, f.name, getattr(figures, f.name))
    report.reported_by_id = by_id
    report.reported_at = now
    db.session.flush()
    return report


def import_platform_csv(data: bytes, *, owner_id: int, by_id: int | None) -> int:
    """Import figures for the owner's sessions from CSV; returns how many sessions were saved."""
    now = utcnow()
    rows = _read_rows(data)
    ids = {parse_whole_number(row.get("livestream_id"), MAX_DIGITS) for _, row in rows}
    mine = {
        s.id: s
        for s in db.session.scalars(
            select(Livestream)
            .join(Livestream.stall)
            .where(Livestream.id.in_([i for i in ids if i is not None]), Stall.owner_id == owner_id)
        )
    }
    problems: list[str] = []
    parsed: dict[int, PlatformFigures] = {}
    for line, row in rows:
        found = _check_row(line, row, mine, parsed, now)
        if isinstance(found, str):
            problems.append(found)
        else:
            parsed[found[0]] = found[1]
    if problems:
        raise PlatformImportError(problems[:20])
    for livestream_id, figures in parsed.items():
        record_platform_figures(mine[livestream_id], figures, by_id=by_id, now=now)
    return len(parsed)


def _read_rows(data: bytes) -> list[tuple[int, dict[str, str]]]:
    if len(data) > CSV_MAX_BYTES:
        raise PlatformImportError(
            [_("The file is larger than %(size)s KB.", size=CSV_MAX_BYTES // 1024)]
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PlatformImportError([_("The file is not UTF-8 text.")]) from None
    if "\0" in text:
        raise PlatformImportError([_("The file is not UTF-8 text.")])
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [name.strip().lower() for name in next(reader, [])]
        if tuple(header) != CSV_HEADER:
            raise PlatformImportError(
                [_("Line 1 must be the header: %(header)s", header=",".join(CSV_HEADER))]
            )
        rows = [
            (reader.line_num, dict(zip(CSV_HEADER, cells, strict=False)), len(cells))
            for cells in reader
            if any(c.strip() for c in cells)
        ]
    except csv.Error:
        raise PlatformImportError([_("The file is not valid CSV.")]) from None
    if not rows:
        raise PlatformImportError([_("The file has no lines after the header.")])
    if len(rows) > CSV_MAX_ROWS:
        raise PlatformImportError([_("At most %(n)s lines at a time.", n=CSV_MAX_ROWS)])
    wrong = [line for line, _row, n in rows if n != len(CSV_HEADER)]
    if wrong:
        raise PlatformImportError(
            [
                _("Line %(line)s: expected %(n)s columns.", line=line, n=len(CSV_HEADER))
                for line in wrong
            ][:20]
        )
    return [(line, row) for line, row, _n in rows]


def _check_row(
    line: int,
    row: dict[str, str],
    mine: dict[int, Livestream],
    parsed: dict[int, PlatformFigures],
    now: datetime,
) -> tuple[int, PlatformFigures] | str:
    livestream_id = parse_whole_number(row["livestream_id"], MAX_DIGITS)
    if livestream_id is None or livestream_id not in mine:
        return _(
            "Line %(line)s: %(id)s is not one of your sessions.",
            line=line,
            id=row["livestream_id"].strip()[:20],
        )
    if livestream_id in parsed:
        return _("Line %(line)s: session %(id)s is listed twice.", line=line, id=livestream_id)
    refusal = report_refusal(mine[livestream_id], now)
    if refusal:
        return _("Line %(line)s: %(problem)s", line=line, problem=refusal)
    values: dict[str, int | None] = {}
    for name in FIGURE_NAMES:
        raw = row[name].strip()
        number = parse_whole_number(raw, MAX_DIGITS) if raw else None
        if raw and number is None:
            return _(
                "Line %(line)s: %(column)s must be a whole number of 0 or more.",
                line=line,
                column=name,
            )
        values[name] = number
    return livestream_id, PlatformFigures(**values)
