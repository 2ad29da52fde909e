"""The database counter backend: upserts in the request's transaction, correct under concurrency.

Whether a hit is a new view, or a visitor's first heartbeat of a minute, is decided by a
compare-and-set on the visitor's ``LivestreamViewer`` row (``UPDATE ... WHERE last_view_at <=
cutoff``): of two requests at once, one matches the row and the other matches nothing. New rows
are ``INSERT ... ON CONFLICT DO NOTHING``. Minute and totals rows are upserts that add
(``views = views + 1``), so no count is read and written back. Statements take the rows in one
order (viewer, minute, totals) so concurrent transactions wait instead of deadlocking.

``write_minute`` is also how the Redis backend's flush lands a whole minute in the same tables.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta

from sqlalchemy import bindparam, func, select, text, update
from sqlalchemy.dialects import postgresql, sqlite

from marketplace.db import UTCDateTime
from marketplace.extensions import db
from marketplace.livestreams.counters import (
    HEARTBEAT_MIN_INTERVAL,
    VIEW_WINDOW,
    Beat,
    FlushResult,
    minute_of,
)
from marketplace.livestreams.models import LivestreamMinute, LivestreamTotals, LivestreamViewer

CHUNK = 500  # rows per multi-row statement when a flush lands a busy minute

# A heartbeat on PostgreSQL in ONE statement (one round trip; in autocommit when the request has
# nothing else in its transaction, so no BEGIN and no COMMIT either). `old` locks the visitor's
# row and reads its latest committed version (FOR UPDATE waits for a concurrent heartbeat of the
# same visitor, then sees what it wrote); `claimed` is the compare-and-set: counted when the
# last counted heartbeat is 20 s old or more, a new minute for the visitor when it was before
# this minute; `inserted` is a visitor's first heartbeat (ON CONFLICT DO NOTHING: of two at once
# one is counted). Then the minute and the totals are upserts that add, in the same row order as
# everywhere else (viewer, minute, totals). The answer: counted, and concurrent = max(this minute
# after the write, the previous minute).
_PG_HEARTBEAT = text(
    """
WITH old AS (
  SELECT last_heartbeat_at AS last FROM livestream_viewers
  WHERE livestream_id = :id AND visitor_id = :visitor
  FOR UPDATE
), claimed AS (
  UPDATE livestream_viewers AS v
  SET last_heartbeat_at = :now, heartbeats = v.heartbeats + 1
  FROM old
  WHERE v.livestream_id = :id AND v.visitor_id = :visitor
    AND (old.last IS NULL OR old.last <= :cutoff)
  RETURNING (old.last IS NULL OR old.last < :minute) AS new_minute
), inserted AS (
  INSERT INTO livestream_viewers
    (livestream_id, visitor_id, first_seen_at, last_heartbeat_at, heartbeats)
  SELECT :id, :visitor, :now, :now, 1 WHERE NOT EXISTS (SELECT 1 FROM old)
  ON CONFLICT DO NOTHING
  RETURNING true AS new_minute
), beat AS (
  SELECT new_minute FROM claimed UNION ALL SELECT new_minute FROM inserted
), this_minute AS (
  INSERT INTO livestream_minutes AS m (livestream_id, minute, views, viewers, heartbeats)
  SELECT :id, :minute, 0, CASE WHEN new_minute THEN 1 ELSE 0 END, 1 FROM beat
  ON CONFLICT (livestream_id, minute) DO UPDATE
  SET viewers = m.viewers + excluded.viewers, heartbeats = m.heartbeats + 1
  RETURNING m.viewers
), totals AS (
  INSERT INTO livestream_totals AS t
    (livestream_id, views, unique_viewers, heartbeats, peak_concurrent, updated_at)
  SELECT :id, 0, 0, 1, viewers, :now FROM this_minute
  ON CONFLICT (livestream_id) DO UPDATE
  SET heartbeats = t.heartbeats + 1,
      peak_concurrent = GREATEST(t.peak_concurrent, excluded.peak_concurrent),
      updated_at = excluded.updated_at
)
SELECT EXISTS (SELECT 1 FROM beat) AS counted, GREATEST(
  COALESCE(
    (SELECT viewers FROM this_minute),
    (SELECT viewers FROM livestream_minutes WHERE livestream_id = :id AND minute = :minute),
    0),
  COALESCE(
    (SELECT viewers FROM livestream_minutes WHERE livestream_id = :id AND minute = :previous),
    0)
) AS concurrent
"""
).bindparams(
    *(bindparam(name, type_=UTCDateTime()) for name in ("now", "cutoff", "minute", "previous"))
)


# A view on PostgreSQL in ONE statement, the same way: `old` locks and reads the visitor's row,
# `claimed` counts a first view after heartbeats only (a unique viewer) or one 30 minutes after
# the last, `inserted` a new visitor (a unique viewer); then the minute and, after it (totals
# reads it: the row order of the heartbeat), the totals.
_PG_VIEW = text(
    """
WITH old AS (
  SELECT last_view_at AS last FROM livestream_viewers
  WHERE livestream_id = :id AND visitor_id = :visitor
  FOR UPDATE
), claimed AS (
  UPDATE livestream_viewers AS v
  SET last_view_at = :now
  FROM old
  WHERE v.livestream_id = :id AND v.visitor_id = :visitor
    AND (old.last IS NULL OR old.last <= :cutoff)
  RETURNING old.last IS NULL AS first
), inserted AS (
  INSERT INTO livestream_viewers
    (livestream_id, visitor_id, first_seen_at, last_view_at, heartbeats)
  SELECT :id, :visitor, :now, :now, 0 WHERE NOT EXISTS (SELECT 1 FROM old)
  ON CONFLICT DO NOTHING
  RETURNING true AS first
), viewed AS (
  SELECT first FROM claimed UNION ALL SELECT first FROM inserted
), this_minute AS (
  INSERT INTO livestream_minutes AS m (livestream_id, minute, views, viewers, heartbeats)
  SELECT :id, :minute, 1, 0, 0 FROM viewed
  ON CONFLICT (livestream_id, minute) DO UPDATE SET views = m.views + 1
  RETURNING m.views
), totals AS (
  INSERT INTO livestream_totals AS t
    (livestream_id, views, unique_viewers, heartbeats, peak_concurrent, updated_at)
  SELECT :id, 1, CASE WHEN first THEN 1 ELSE 0 END, 0, 0, :now FROM viewed, this_minute
  ON CONFLICT (livestream_id) DO UPDATE
  SET views = t.views + 1, unique_viewers = t.unique_viewers + excluded.unique_viewers,
      updated_at = excluded.updated_at
)
SELECT EXISTS (SELECT 1 FROM viewed)
"""
).bindparams(*(bindparam(name, type_=UTCDateTime()) for name in ("now", "cutoff", "minute")))


def _insert(model):
    dialect = db.session.get_bind().dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(model)


def _greatest(a, b):
    """The larger of two values: GREATEST on PostgreSQL, the two-argument MAX on SQLite."""
    dialect = db.session.get_bind().dialect.name
    return func.greatest(a, b) if dialect == "postgresql" else func.max(a, b)


def _viewer(livestream_id: int, visitor_id: str):
    return update(LivestreamViewer).where(
        LivestreamViewer.livestream_id == livestream_id,
        LivestreamViewer.visitor_id == visitor_id,
    )


def _won(statement) -> bool:
    return db.session.execute(statement.execution_options(synchronize_session=False)).rowcount == 1


def _add_to_minute(livestream_id: int, minute: datetime, **add: int) -> int:
    """Add to a minute's bucket; its ``viewers`` after the addition."""
    values = {"views": 0, "viewers": 0, "heartbeats": 0, **add}
    stmt = _insert(LivestreamMinute).values(livestream_id=livestream_id, minute=minute, **values)
    stmt = stmt.on_conflict_do_update(
        index_elements=["livestream_id", "minute"],
        set_={name: getattr(LivestreamMinute, name) + stmt.excluded[name] for name in add},
    ).returning(LivestreamMinute.viewers)
    return db.session.execute(stmt).scalar_one()


def _add_to_totals(livestream_id: int, now: datetime, peak: int = 0, **add: int) -> None:
    values = {"views": 0, "unique_viewers": 0, "heartbeats": 0, **add}
    stmt = _insert(LivestreamTotals).values(
        livestream_id=livestream_id, peak_concurrent=peak, updated_at=now, **values
    )
    set_ = {name: getattr(LivestreamTotals, name) + stmt.excluded[name] for name in add}
    if peak:
        set_["peak_concurrent"] = _greatest(LivestreamTotals.peak_concurrent, peak)
    set_["updated_at"] = now
    db.session.execute(stmt.on_conflict_do_update(index_elements=["livestream_id"], set_=set_))


def _new_viewer(livestream_id: int, visitor_id: str, now: datetime, **values) -> bool:
    stmt = _insert(LivestreamViewer).values(
        livestream_id=livestream_id, visitor_id=visitor_id, first_seen_at=now, **values
    )
    # RETURNING, not rowcount: what an INSERT ... ON CONFLICT DO NOTHING reports as its rowcount
    # differs between drivers; a returned row is unambiguous.
    inserted = stmt.on_conflict_do_nothing().returning(LivestreamViewer.visitor_id)
    return db.session.execute(inserted).first() is not None


class DatabaseCounters:
    name = "database"

    def __init__(self) -> None:
        # The previous minute's viewers per session: final once the minute is over, so each
        # worker reads it once a minute instead of on every heartbeat.
        self._previous: dict[int, tuple[datetime, int]] = {}

    def record_view(self, livestream_id: int, visitor_id: str, now: datetime) -> bool:
        if db.session.get_bind().dialect.name == "postgresql":
            params = {"id": livestream_id, "visitor": visitor_id, "now": now}
            params.update(cutoff=now - VIEW_WINDOW, minute=minute_of(now))
            return bool(db.session.execute(_PG_VIEW, params).scalar_one())
        first = _new_viewer(livestream_id, visitor_id, now, last_view_at=now)
        if not first:  # the row exists: a first view after heartbeats only, or 30 minutes on
            row = _viewer(livestream_id, visitor_id)
            last = LivestreamViewer.last_view_at
            first = _won(row.where(last.is_(None)).values(last_view_at=now))
            again = not first and _won(
                row.where(last <= now - VIEW_WINDOW).values(last_view_at=now)
            )
            if not (first or again):
                return False
        _add_to_minute(livestream_id, minute_of(now), views=1)
        _add_to_totals(livestream_id, now, views=1, unique_viewers=int(first))
        return True

    def record_heartbeat(self, livestream_id: int, visitor_id: str, now: datetime) -> Beat:
        if db.session.get_bind().dialect.name == "postgresql":
            return _pg_heartbeat(livestream_id, visitor_id, now)
        minute = minute_of(now)
        counted, new_minute = self._claim_heartbeat(livestream_id, visitor_id, now, minute)
        if not counted:
            return Beat(False, self.concurrent_now(livestream_id, now))
        viewers = _add_to_minute(livestream_id, minute, viewers=int(new_minute), heartbeats=1)
        _add_to_totals(livestream_id, now, peak=viewers, heartbeats=1)
        return Beat(True, max(viewers, self._previous_minute(livestream_id, minute)))

    def _previous_minute(self, livestream_id: int, minute: datetime) -> int:
        previous = minute - timedelta(minutes=1)
        cached = self._previous.get(livestream_id)
        if cached and cached[0] == previous:
            return cached[1]
        viewers = db.session.scalar(
            select(LivestreamMinute.viewers).where(
                LivestreamMinute.livestream_id == livestream_id,
                LivestreamMinute.minute == previous,
            )
        )
        if len(self._previous) > 10_000:
            self._previous.clear()
        self._previous[livestream_id] = (previous, viewers or 0)
        return viewers or 0

    @staticmethod
    def _claim_heartbeat(
        livestream_id: int, visitor_id: str, now: datetime, minute: datetime
    ) -> tuple[bool, bool]:
        """(counted, first of this visitor's minute), by compare-and-set on the viewer row."""
        last = LivestreamViewer.last_heartbeat_at
        cutoff = now - HEARTBEAT_MIN_INTERVAL
        row = _viewer(livestream_id, visitor_id)
        values = {"last_heartbeat_at": now, "heartbeats": LivestreamViewer.heartbeats + 1}
        if _won(row.where(last <= cutoff, last >= minute).values(**values)):
            return True, False
        new_minute = last.is_(None) | ((last <= cutoff) & (last < minute))
        if _won(row.where(new_minute).values(**values)):
            return True, True
        if _new_viewer(livestream_id, visitor_id, now, last_heartbeat_at=now, heartbeats=1):
            return True, True
        return False, False

    def concurrent_now(self, livestream_id: int, now: datetime) -> int:
        minute = minute_of(now)
        counts = db.session.scalars(
            select(LivestreamMinute.viewers).where(
                LivestreamMinute.livestream_id == livestream_id,
                LivestreamMinute.minute.in_([minute, minute - timedelta(minutes=1)]),
            )
        ).all()
        return max(counts, default=0)

    def flush(self, now: datetime, *, everything: bool = False) -> FlushResult:
        return FlushResult(0, 0)  # written as it happens


def _pg_heartbeat(livestream_id: int, visitor_id: str, now: datetime) -> Beat:
    """``_PG_HEARTBEAT``, in autocommit when the request's transaction has not begun (the
    schedule came from the worker's cache): the statement is its own transaction, so the
    request boundary's commit has nothing left to send."""
    if db.session().in_transaction():
        connection = db.session.connection()
    else:
        connection = db.session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
    minute = minute_of(now)
    counted, concurrent = connection.execute(
        _PG_HEARTBEAT,
        {
            "id": livestream_id,
            "visitor": visitor_id,
            "now": now,
            "cutoff": now - HEARTBEAT_MIN_INTERVAL,
            "minute": minute,
            "previous": minute - timedelta(minutes=1),
        },
    ).one()
    return Beat(bool(counted), int(concurrent))


def write_minute(
    livestream_id: int,
    minute: datetime,
    views: Mapping[str, int],
    beats: Mapping[str, int],
    now: datetime,
) -> bool:
    """Land one whole (session, minute) bucket from a buffer; False if it was landed before.

    The minute row is the marker: ``INSERT ... ON CONFLICT DO NOTHING`` in the same transaction
    as the other upserts, so of two flushes landing the same bucket one writes it and the other
    (waiting on the row, then matching it) skips it.
    """
    stmt = _insert(LivestreamMinute).values(
        livestream_id=livestream_id,
        minute=minute,
        views=sum(views.values()),
        viewers=len(beats),
        heartbeats=sum(beats.values()),
    )
    marker = stmt.on_conflict_do_nothing().returning(LivestreamMinute.minute)
    if db.session.execute(marker).first() is None:
        return False
    visitors = sorted(set(views) | set(beats))
    already_viewers: set[str] = set()
    for start in range(0, len(visitors), CHUNK):
        chunk = visitors[start : start + CHUNK]
        already_viewers |= set(
            db.session.scalars(
                select(LivestreamViewer.visitor_id).where(
                    LivestreamViewer.livestream_id == livestream_id,
                    LivestreamViewer.visitor_id.in_(chunk),
                    LivestreamViewer.last_view_at.is_not(None),
                )
            )
        )
        _upsert_viewers(livestream_id, minute, chunk, views, beats)
    _add_to_totals(
        livestream_id,
        now,
        peak=len(beats),
        views=sum(views.values()),
        unique_viewers=len(set(views) - already_viewers),
        heartbeats=sum(beats.values()),
    )
    return True


def _upsert_viewers(livestream_id, minute, visitors, views, beats) -> None:
    rows = [
        {
            "livestream_id": livestream_id,
            "visitor_id": visitor,
            "first_seen_at": minute,
            "last_view_at": minute if visitor in views else None,
            "last_heartbeat_at": minute if visitor in beats else None,
            "heartbeats": beats.get(visitor, 0),
        }
        for visitor in visitors
    ]
    stmt = _insert(LivestreamViewer).values(rows)
    excluded = stmt.excluded
    db.session.execute(
        stmt.on_conflict_do_update(
            index_elements=["livestream_id", "visitor_id"],
            set_={
                "last_view_at": func.coalesce(excluded.last_view_at, LivestreamViewer.last_view_at),
                "last_heartbeat_at": func.coalesce(
                    excluded.last_heartbeat_at, LivestreamViewer.last_heartbeat_at
                ),
                "heartbeats": LivestreamViewer.heartbeats + excluded.heartbeats,
            },
        )
    )
