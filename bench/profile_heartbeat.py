"""Where one heartbeat's time goes, in process: round trips to the database, the time in each
before/after_request hook, and a cProfile of the whole request.

Usage (the database is EMPTIED and migrated, like ``livestream_heartbeat.py``):
    .venv/bin/python bench/profile_heartbeat.py --database-url postgresql+psycopg://...
        [--requests 2000] [--backend database|redis --redis-url redis://...] [--cprofile]

It drives the real app through Flask's test client (no HTTP server, no load generator), with a
new visitor per request (the worst case: every heartbeat is a visitor's first of the minute).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def timed_hooks(app, spent: dict[str, float]) -> None:
    """Wrap every before/after_request function so its time is added to ``spent``."""

    def label(function) -> str:
        inner = getattr(function, "func", function)  # functools.partial (Flask-Limiter)
        return f"{inner.__module__}.{inner.__qualname__}"

    def wrap(name, function):
        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[name] += time.perf_counter() - started

        return timed

    for table, kind in ((app.before_request_funcs, "before"), (app.after_request_funcs, "after")):
        for key, functions in table.items():
            table[key] = [wrap(f"{kind} {label(f)}", f) for f in functions]
    app.teardown_appcontext_funcs[:] = [
        wrap(f"teardown {label(f)}", f) for f in app.teardown_appcontext_funcs
    ]


def count_round_trips(engine, counts: dict[str, float]) -> None:
    from sqlalchemy import event

    @event.listens_for(engine, "before_cursor_execute")
    def before(conn, cursor, statement, parameters, context, executemany):
        conn.info["started"] = time.perf_counter()

    @event.listens_for(engine, "after_cursor_execute")
    def after(conn, cursor, statement, parameters, context, executemany):
        counts["statements"] += 1
        counts["statement_seconds"] += time.perf_counter() - conn.info.pop("started")
        counts["statement:" + statement.split()[0].upper()] += 1

    @event.listens_for(engine, "begin")
    def begin(conn):
        counts["begin"] += 1

    @event.listens_for(engine, "commit")
    def commit(conn):
        counts["commit"] += 1

    @event.listens_for(engine, "checkout")
    def checkout(dbapi_connection, record, proxy):
        counts["pool checkouts"] += 1

    dialect = engine.dialect
    original_ping = dialect.do_ping

    def do_ping(dbapi_connection):
        started = time.perf_counter()
        try:
            return original_ping(dbapi_connection)
        finally:
            counts["pings"] += 1
            counts["ping_seconds"] += time.perf_counter() - started

    dialect.do_ping = do_ping


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL"))
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--backend", choices=("database", "redis"), default="database")
    parser.add_argument("--redis-url", default="")
    parser.add_argument("--cprofile", action="store_true")
    args = parser.parse_args()
    if not args.database_url:
        parser.error("--database-url (or BENCH_DATABASE_URL)")
    from livestream_heartbeat import PHONE, SECRET, prepare_database

    from marketplace import create_app
    from marketplace.extensions import db

    stream, _ = prepare_database(args.database_url)
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": args.database_url,
            "SECRET_KEY": SECRET,
            "LOG_LEVEL": "WARNING",
            "REDIS_URL": args.redis_url if args.backend == "redis" else "",
            "LIVESTREAM_COUNTER_BACKEND": args.backend,
        }
    )
    spent: dict[str, float] = defaultdict(float)
    counts: dict[str, float] = defaultdict(float)
    timed_hooks(app, spent)
    with app.app_context():
        count_round_trips(db.engine, counts)
    client = app.test_client()
    path = f"/livestreams/{stream}/heartbeat"
    headers = {"User-Agent": PHONE, "Content-Type": "application/json"}

    def beat(n: int) -> None:
        client.set_cookie("vid", f"{n:032x}", domain="localhost")
        response = client.post(path, data=b"{}", headers=headers)
        if response.status_code != 200:
            raise SystemExit(f"heartbeat answered {response.status_code}: {response.data!r}")

    for n in range(200):  # warm up: imports, the schedule cache, the pool
        beat(10**9 + n)
    spent.clear()
    counts.clear()
    profiler = cProfile.Profile() if args.cprofile else None
    started = time.perf_counter()
    if profiler:
        profiler.enable()
    for n in range(args.requests):
        beat(n)
    if profiler:
        profiler.disable()
    elapsed = time.perf_counter() - started
    n = args.requests
    print(f"{args.backend}: {n} heartbeats in {elapsed:.2f} s: {elapsed / n * 1000:.3f} ms each")
    print("per heartbeat:")
    for key in sorted(k for k in counts if not k.endswith("seconds")):
        print(f"  {key:40} {counts[key] / n:6.2f}")
    print(f"  {'time in statements (ms)':40} {counts['statement_seconds'] / n * 1000:6.3f}")
    print(f"  {'time in pings (ms)':40} {counts['ping_seconds'] / n * 1000:6.3f}")
    print("time per heartbeat in each hook (ms):")
    for name, seconds in sorted(spent.items(), key=lambda item: -item[1]):
        print(f"  {seconds / n * 1000:7.3f}  {name}")
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)


if __name__ == "__main__":
    main()
