"""The Redis counter backend (the only module that imports ``redis``).

Each hit is one round trip: a Lua script decides and counts atomically in Redis.

Keys (prefix ``cp:ls:``), per session ``s`` and UTC minute ``m`` (epoch seconds):

- ``v:{m}:{s}`` hash visitor → views counted in the minute; ``h:{m}:{s}`` hash visitor →
  heartbeats counted in the minute (its length is the minute's concurrent viewers);
- ``pending`` sorted set of ``{m}:{s}`` (score ``m``): the buckets not yet in the database;
- ``lv:{s}:{visitor}`` the time of the visitor's last counted view (the 30-minute rule) and
  ``lh:{s}:{visitor}`` of their last counted heartbeat (the rate limit), with TTLs.

`flush` lands every bucket whose minute ended more than ``FLUSH_GRACE`` ago with
``database.write_minute`` (the minute row is the idempotence marker, written in the same
transaction), commits, then lets the bucket's keys expire and drops it from ``pending``.
Two runs at once land each bucket once. Redis restarting loses the buckets not yet flushed (with
cron every minute: the current minute and the one before, at most) and the dedupe keys (a visitor
reopening then counts one view too many); nothing already flushed is lost.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import redis
from sqlalchemy.exc import IntegrityError

from marketplace.extensions import db
from marketplace.livestreams.counters import (
    FLUSH_GRACE,
    HEARTBEAT_MIN_INTERVAL,
    VIEW_WINDOW,
    Beat,
    CountersUnavailable,
    FlushResult,
    minute_of,
)
from marketplace.livestreams.counters.database import write_minute

log = logging.getLogger(__name__)
PREFIX = "cp:ls:"
BUCKET_TTL = 24 * 3600  # unflushed buckets: a day of cron outage before Redis drops them
FLUSHED_TTL = 300  # flushed buckets stay a little for `concurrent_now` of the previous minute

# KEYS: last-view key, minute views hash, pending set. ARGV: visitor, now, window, member, score.
_VIEW = """
local last = redis.call('GET', KEYS[1])
if last and tonumber(ARGV[2]) - tonumber(last) < tonumber(ARGV[3]) then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'EX', math.ceil(tonumber(ARGV[3])) + 60)
redis.call('HINCRBY', KEYS[2], ARGV[1], 1)
redis.call('EXPIRE', KEYS[2], ARGV[6])
redis.call('ZADD', KEYS[3], 'NX', ARGV[5], ARGV[4])
return 1
"""
# KEYS: last-heartbeat key, this minute's hash, the previous minute's, pending set.
# ARGV: visitor, now, min interval, member, score, bucket ttl. Returns {counted, now, previous}.
_HEARTBEAT = """
local counted = 0
local last = redis.call('GET', KEYS[1])
if not last or tonumber(ARGV[2]) - tonumber(last) >= tonumber(ARGV[3]) then
  redis.call('SET', KEYS[1], ARGV[2], 'EX', math.ceil(tonumber(ARGV[3])) + 60)
  redis.call('HINCRBY', KEYS[2], ARGV[1], 1)
  redis.call('EXPIRE', KEYS[2], ARGV[6])
  redis.call('ZADD', KEYS[4], 'NX', ARGV[5], ARGV[4])
  counted = 1
end
return {counted, redis.call('HLEN', KEYS[2]), redis.call('HLEN', KEYS[3])}
"""


def _epoch(minute: datetime) -> int:
    return int(minute.timestamp())


class RedisCounters:
    name = "redis"

    def __init__(self, url: str):
        self.redis = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        self._view = self.redis.register_script(_VIEW)
        self._heartbeat = self.redis.register_script(_HEARTBEAT)

    def _call(self, script, keys, args):
        try:
            return script(keys=keys, args=args)
        except redis.RedisError as exc:
            raise CountersUnavailable(str(exc)) from exc

    def record_view(self, livestream_id: int, visitor_id: str, now: datetime) -> bool:
        m = _epoch(minute_of(now))
        keys = [
            f"{PREFIX}lv:{livestream_id}:{visitor_id}",
            f"{PREFIX}v:{m}:{livestream_id}",
            f"{PREFIX}pending",
        ]
        args = [
            visitor_id,
            now.timestamp(),
            VIEW_WINDOW.total_seconds(),
            f"{m}:{livestream_id}",
            m,
            BUCKET_TTL,
        ]
        return bool(self._call(self._view, keys, args))

    def _beat(self, livestream_id: int, visitor_id: str, now: datetime, interval: float):
        m = _epoch(minute_of(now))
        keys = [
            f"{PREFIX}lh:{livestream_id}:{visitor_id}",
            f"{PREFIX}h:{m}:{livestream_id}",
            f"{PREFIX}h:{m - 60}:{livestream_id}",
            f"{PREFIX}pending",
        ]
        args = [visitor_id, now.timestamp(), interval, f"{m}:{livestream_id}", m, BUCKET_TTL]
        return self._call(self._heartbeat, keys, args)

    def record_heartbeat(self, livestream_id: int, visitor_id: str, now: datetime) -> Beat:
        counted, current, previous = self._beat(
            livestream_id, visitor_id, now, HEARTBEAT_MIN_INTERVAL.total_seconds()
        )
        return Beat(bool(counted), max(int(current), int(previous)))

    def concurrent_now(self, livestream_id: int, now: datetime) -> int:
        m = _epoch(minute_of(now))
        try:
            with self.redis.pipeline(transaction=False) as pipe:
                pipe.hlen(f"{PREFIX}h:{m}:{livestream_id}")
                pipe.hlen(f"{PREFIX}h:{m - 60}:{livestream_id}")
                return max(int(n) for n in pipe.execute())
        except redis.RedisError as exc:
            raise CountersUnavailable(str(exc)) from exc

    def flush(self, now: datetime, *, everything: bool = False) -> FlushResult:
        """Land the finished buckets (every bucket with ``everything``: only when no hit can
        arrive any more, e.g. after a benchmark) in the database; commits."""
        newest = _epoch(minute_of(now - FLUSH_GRACE)) - 60
        members = self.redis.zrangebyscore(
            f"{PREFIX}pending", "-inf", "+inf" if everything else newest
        )
        buckets = sorted(
            (int(m), int(s)) for m, s in (member.decode().split(":") for member in members)
        )
        written = skipped = 0
        for m, livestream_id in buckets:
            views, beats = self._read_bucket(m, livestream_id)
            minute = datetime.fromtimestamp(m, UTC)
            try:
                landed = write_minute(livestream_id, minute, views, beats, now)
                db.session.commit()
            except IntegrityError:  # the session was deleted meanwhile: nothing to land it on
                db.session.rollback()
                log.warning("livestream %s is gone: its minute %s is dropped", livestream_id, m)
                landed = False
            written += landed
            skipped += not landed
            self._forget_bucket(m, livestream_id)
        return FlushResult(written, skipped)

    def _read_bucket(self, m: int, livestream_id: int) -> tuple[dict, dict]:
        with self.redis.pipeline(transaction=False) as pipe:
            pipe.hgetall(f"{PREFIX}v:{m}:{livestream_id}")
            pipe.hgetall(f"{PREFIX}h:{m}:{livestream_id}")
            raw_views, raw_beats = pipe.execute()
        views = {k.decode(): int(v) for k, v in raw_views.items()}
        beats = {k.decode(): int(v) for k, v in raw_beats.items()}
        return views, beats

    def _forget_bucket(self, m: int, livestream_id: int) -> None:
        with self.redis.pipeline(transaction=True) as pipe:
            pipe.zrem(f"{PREFIX}pending", f"{m}:{livestream_id}")
            pipe.expire(f"{PREFIX}v:{m}:{livestream_id}", FLUSHED_TTL)
            pipe.expire(f"{PREFIX}h:{m}:{livestream_id}", FLUSHED_TTL)
            pipe.execute()
