"""What the app measures about a session, aggregated as it is written (never one row per hit).

One interface, two backends chosen by configuration (``build_counters``):

- ``database`` (the embedded default): upserts on ``LivestreamViewer`` (one row per session and
  visitor: the 30-minute rule, the heartbeat rate limit, the visitor's last minute),
  ``LivestreamMinute`` and ``LivestreamTotals``, in the request's transaction;
- ``redis`` (when ``REDIS_URL`` is set, or ``LIVESTREAM_COUNTER_BACKEND=redis``): per-minute hashes
  in Redis, moved into the same tables by ``flask livestreams flush-counters`` (cron, every minute).

The definitions (the stats page repeats them):

- a **view** is a counted opening of the session page by a visitor that keeps cookies; the same
  visitor again within ``VIEW_WINDOW`` of their last counted view is not a new view;
- **unique viewers** are the distinct visitors with at least one counted view;
- a **heartbeat** is counted while the session is live (approved, between start and end), at
  most one per visitor every ``HEARTBEAT_MIN_INTERVAL``; extra ones are accepted and ignored;
- **concurrent viewers** of a minute are the distinct visitors with a counted heartbeat in it;
  **peak concurrent** is the highest minute; **watch time** is heartbeats × ``HEARTBEAT_SECONDS``;
- **concurrent now** (what the session page shows) is the larger of the previous full minute and
  the current minute so far, so the figure does not drop to zero at every minute's start.

Callers pass ``now`` (aware UTC) so that one clock decides everything about a hit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol

from marketplace.config import adapter

VIEW_WINDOW = timedelta(minutes=30)
HEARTBEAT_SECONDS = 30  # the script's period: watch time = heartbeats × this
HEARTBEAT_MIN_INTERVAL = timedelta(seconds=20)  # per visitor, between counted heartbeats
BACKENDS = ("database", "redis")
# A buffered minute is flushed once it ended this long ago: a request that read the clock just
# before the minute ended has written by then.
FLUSH_GRACE = timedelta(seconds=5)


class CountersUnavailable(RuntimeError):
    """The counter store can't be reached (Redis down): the hit is not counted."""


@dataclass(frozen=True)
class Beat:
    """The answer to a heartbeat: was it counted, and how many are watching now."""

    counted: bool
    concurrent: int


@dataclass(frozen=True)
class FlushResult:
    minutes: int  # (session, minute) buckets written to the database by this run
    skipped: int  # buckets another run had already written (idempotence at work)


class Counters(Protocol):
    name: str

    def record_view(self, livestream_id: int, visitor_id: str, now: datetime) -> bool:
        """Count an opening of the session page; True when it was a new view."""

    def record_heartbeat(self, livestream_id: int, visitor_id: str, now: datetime) -> Beat:
        """Count a heartbeat of a live session (the caller checked it is live)."""

    def concurrent_now(self, livestream_id: int, now: datetime) -> int:
        """How many are watching: max(previous full minute, current minute so far)."""

    def flush(self, now: datetime, *, everything: bool = False) -> FlushResult:
        """Move what is buffered into the database (nothing to do for the database backend)."""


def minute_of(moment: datetime) -> datetime:
    """The UTC minute a moment falls in (the buckets' key)."""
    return moment.astimezone(UTC).replace(second=0, microsecond=0)


def chosen_backend(config) -> str:
    backend = (config.get("LIVESTREAM_COUNTER_BACKEND") or "").strip().lower()
    if not backend:
        return "redis" if config.get("REDIS_URL") else "database"
    if backend not in BACKENDS:
        raise ValueError(f"LIVESTREAM_COUNTER_BACKEND must be one of {BACKENDS}, got {backend!r}")
    if backend == "redis" and not config.get("REDIS_URL"):
        raise ValueError("LIVESTREAM_COUNTER_BACKEND=redis needs REDIS_URL")
    return backend


def build_counters(config) -> Counters:
    if chosen_backend(config) == "redis":
        from marketplace.livestreams.counters.redis_backend import RedisCounters

        return RedisCounters(config["REDIS_URL"])
    from marketplace.livestreams.counters.database import DatabaseCounters

    return DatabaseCounters()


def counters() -> Counters:
    """The app's counters (built once per app by ``visitors.register_visitor_counting``)."""
    return adapter("livestream_counters")
