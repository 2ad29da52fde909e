"""The heartbeat under load: gunicorn (2 workers) on PostgreSQL, the database and Redis counters
side by side with a bare Flask hello-world, then a viral live replayed against each backend.

Usage (the database is EMPTIED and migrated; give it one you can lose):
    .venv/bin/python bench/livestream_heartbeat.py --database-url postgresql+psycopg://...
        [--seconds 10] [--concurrency 16] [--viewers 10000] [--replay-seconds 180]
        [--opens-per-second 20] [--skip-replay] [--backends database,redis]

Needs gunicorn (requirements.txt) and Debian's redis-server. No wrk here, so the load comes from
this script: asyncio and raw HTTP/1.1 over loopback, one connection per request (gunicorn's sync
workers close each connection anyway), closed loop with N in flight for the throughput part.
The replay is open loop: each of the viewers sends a heartbeat every 30 s (10,000 → ≈333/s)
and new visitors open the session page at the given rate; latencies are measured from the
scheduled moment, so a server falling behind shows in p99. Then the counts the app recorded
(after `flask livestreams flush-counters --all` on Redis) are compared with the counts sent.

The load generator shares the machine's cores with the server (its own CPU use is printed, as a
share of one core): compare the rows with each other, not with another machine. The session
page is the app's `livestreams.show`, or a stand-in that only includes the measuring partial
when that page is not in this checkout.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PHONE = "Mozilla/5.0 (Linux; Android 12; SM-A135F) AppleWebKit/537.36 Chrome/120 Mobile Safari"
SECRET = secrets.token_hex(32)  # a throwaway app key for this run


# --- What gunicorn serves (imported by the workers) ---


def hello_app():
    """A bare Flask hello-world: the ceiling a Flask route can reach on this machine."""
    from flask import Flask

    app = Flask("hello")

    @app.get("/")
    def index():
        return "Hello, World!"

    return app


def bench_app():
    """The marketplace, plus a stand-in `livestreams.show` when this checkout has none."""
    sys.path.insert(0, str(ROOT))
    from flask import render_template_string

    from marketplace import create_app
    from marketplace.extensions import db
    from marketplace.livestreams.models import Livestream

    app = create_app()
    if "livestreams.show" not in app.view_functions:

        def show(livestream_id: int):
            livestream = db.get_or_404(Livestream, livestream_id)
            return render_template_string(
                "<!doctype html><title>{{ livestream.title }}</title>"
                '{% include "livestreams/_viewers.html" %}',
                livestream=livestream,
            )

        app.add_url_rule("/livestreams/<int:livestream_id>", "livestreams.show", show)
    return app


# --- Servers ---


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, what: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{what} exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"{what} did not start in 30 s")


@contextmanager
def running(command: list[str], port: int, what: str, env: dict | None = None):
    process = subprocess.Popen(  # noqa: S603 - our interpreter, gunicorn and redis-server
        command,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for_port(port, process, what)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def gunicorn(target: str, env: dict):
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "-w", "2", "-b", f"127.0.0.1:{port}"]
    command += ["--pythonpath", f"{ROOT},{ROOT / 'bench'}", f"livestream_heartbeat:{target}"]
    return running(command, port, f"gunicorn {target}", env)


def redis_server(workdir: str):
    binary = shutil.which("redis-server") or "/usr/bin/redis-server"
    port = free_port()
    command = [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
    command += ["--appendonly", "no", "--dir", workdir]
    return running(command, port, "redis-server")


# --- The database: migrated, with two stalls each live now ---


def prepare_database(url: str) -> tuple[int, int]:
    """Empty the database, migrate it, and make two sessions live for the next few hours (one
    for the throughput runs, one for the replay); their ids."""
    import sqlalchemy as sa
    from flask_migrate import upgrade

    from marketplace import create_app
    from marketplace.accounts import services as accounts
    from marketplace.extensions import db
    from marketplace.livestreams.models import Livestream
    from marketplace.reference.models import Bank, Commune
    from marketplace.stalls import services as stalls
    from marketplace.stalls.models import Stall

    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("DROP SCHEMA public CASCADE"))
        conn.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": SECRET, "LOG_LEVEL": "WARNING"})
    ids = []
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"))
        commune = db.session.scalar(sa.select(Commune).limit(1))
        bank = db.session.scalar(sa.select(Bank).limit(1))
        now = datetime.now(UTC)
        for n in (1, 2):
            owner = accounts.register_user(
                full_name=f"Chủ gian {n}",
                email=f"owner{n}@example.vn",
                password=secrets.token_hex(8),
            )
            details = stalls.StallDetails(
                name=f"Gian hàng {n}",
                story="Đo tải.",
                province_id=commune.province_id,
                commune_id=commune.id,
                pickup_address="Thôn 1",
                contact_phone="0912 345 001",
                zalo_phone=None,
                bank_id=bank.id,
                bank_account_number="113001001932",
                bank_account_name="NGUYEN VAN A",
            )
            stall = stalls.apply_for_stall(owner, details)
            db.session.execute(
                sa.update(Stall).where(Stall.id == stall.id).values(status="approved")
            )
            livestream = Livestream(
                stall_id=stall.id,
                title=f"Phiên live {n}",
                platform="tiktok",
                stream_url="https://www.tiktok.com/@bench/live",
                starts_at=now - timedelta(minutes=5),
                ends_at=now + timedelta(hours=5),
                status="approved",
            )
            db.session.add(livestream)
            db.session.flush()
            ids.append(livestream.id)
        db.session.commit()
        db.engine.dispose()
    return ids[0], ids[1]


def reset_counters(url: str) -> None:
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("TRUNCATE livestream_viewers, livestream_totals, livestream_minutes"))
    engine.dispose()


def recorded(url: str, livestream_id: int) -> dict:
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    with engine.connect() as conn:
        row = conn.execute(
            sa.text(
                "SELECT views, unique_viewers, heartbeats, peak_concurrent"
                " FROM livestream_totals WHERE livestream_id = :id"
            ),
            {"id": livestream_id},
        ).one_or_none()
    engine.dispose()
    keys = ("views", "unique_viewers", "heartbeats", "peak_concurrent")
    return dict(zip(keys, row or (0, 0, 0, 0), strict=True))


# --- The load ---


def request_bytes(method: str, path: str, visitor: str | None = None) -> bytes:
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", f"User-Agent: {PHONE}"]
    lines += ["Accept: */*", "Connection: close"]
    if visitor:
        lines.append(f"Cookie: vid={visitor}")
    body = b""
    if method == "POST":
        body = b"{}"
        lines += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


async def send(port: int, raw: bytes) -> int:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(raw)
        await writer.drain()
        head = await reader.readuntil(b"\r\n\r\n")
        status = int(head[9:12])
        length = 0
        for line in head.split(b"\r\n"):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":", 1)[1])
        if length:
            await reader.readexactly(length)
        return status
    finally:
        writer.close()


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def closed_loop(port: int, make_request, seconds: float, concurrency: int) -> dict:
    latencies: list[float] = []
    errors = 0
    counter = iter(range(10**9))
    stop = time.perf_counter() + seconds

    async def worker():
        nonlocal errors
        while time.perf_counter() < stop:
            raw = make_request(next(counter))
            started = time.perf_counter()
            try:
                status = await send(port, raw)
            except OSError:
                status = 0
            latencies.append(time.perf_counter() - started)
            errors += status != 200

    started = time.perf_counter()
    cpu = time.process_time()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    elapsed = time.perf_counter() - started
    return {
        "client_cpu": (time.process_time() - cpu) / elapsed,  # of one core, by this generator
        "rps": len(latencies) / elapsed,
        "p50": percentile(latencies, 0.50) * 1000,
        "p99": percentile(latencies, 0.99) * 1000,
        "errors": errors,
        "requests": len(latencies),
    }


def throughput(port: int, make_request, args) -> dict:
    asyncio.run(closed_loop(port, make_request, 2, args.concurrency))  # warm up
    return asyncio.run(closed_loop(port, make_request, args.seconds, args.concurrency))


async def replay(port: int, livestream_id: int, args) -> dict:
    """Open loop: the schedule decides when each request goes, whatever the server does."""
    period = 30.0
    schedule: list[tuple[float, bytes, str]] = []
    beat_path = f"/livestreams/{livestream_id}/heartbeat"
    for viewer in range(args.viewers):
        offset = period * viewer / args.viewers
        for k in range(int((args.replay_seconds - offset) // period) + 1):
            at = offset + k * period
            if at < args.replay_seconds:
                schedule.append((at, request_bytes("POST", beat_path, f"{viewer:032x}"), "beat"))
    opens = int(args.replay_seconds * args.opens_per_second)
    for n in range(opens):  # each open is a new visitor (ids after the heartbeat viewers')
        visitor = f"{args.viewers + n:032x}"
        at = n / args.opens_per_second
        schedule.append(
            (at, request_bytes("GET", f"/livestreams/{livestream_id}", visitor), "open")
        )
    schedule.sort(key=lambda item: item[0])
    latencies: dict[str, list[float]] = {"beat": [], "open": []}
    errors = {"beat": 0, "open": 0}
    in_flight = asyncio.Semaphore(256)
    start = time.perf_counter() + 0.5

    async def one(at: float, raw: bytes, kind: str):
        async with in_flight:
            try:
                status = await send(port, raw)
            except OSError:
                status = 0
            latencies[kind].append(time.perf_counter() - (start + at))
            errors[kind] += status != 200

    tasks = []
    cpu = time.process_time()
    for at, raw, kind in schedule:
        delay = start + at - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(at, raw, kind)))
    await asyncio.gather(*tasks)
    return {
        "client_cpu": (time.process_time() - cpu) / (time.perf_counter() - start),
        "sent_beats": sum(1 for item in schedule if item[2] == "beat"),
        "sent_opens": opens,
        "beat_p50": percentile(latencies["beat"], 0.5) * 1000,
        "beat_p99": percentile(latencies["beat"], 0.99) * 1000,
        "open_p99": percentile(latencies["open"], 0.99) * 1000,
        "errors": errors,
    }


# --- The run ---


def row(name: str, result: dict) -> str:
    return (
        f"{name:34} {result['rps']:9.0f} {result['p50']:8.1f} {result['p99']:8.1f}"
        f" {result['requests']:9} {result['errors']:7} {result['client_cpu']:10.0%}"
    )


def measure_backend(backend: str, env: dict, ids: tuple[int, int], args, hello_rps: float):
    print(f"\n== {backend} counters")
    stream, viral = ids
    target = 0.50 if backend == "redis" else 0.25
    results = {}
    with gunicorn("bench_app()", env) as port:
        beat = throughput(
            port,
            lambda n: request_bytes("POST", f"/livestreams/{stream}/heartbeat", f"{n:032x}"),
            args,
        )
        page = throughput(
            port,
            lambda n: request_bytes("GET", f"/livestreams/{stream}", f"{10**8 + n:032x}"),
            args,
        )
        print(row(f"heartbeat ({backend})", beat))
        print(row(f"session page ({backend})", page))
        ratio = beat["rps"] / hello_rps
        verdict = "PASS" if ratio >= target else "FAIL"
        print(f"heartbeat / hello-world: {ratio:.0%} (target ≥ {target:.0%}): {verdict}")
        results.update(beat=beat, page=page, ratio=ratio)
        if not args.skip_replay:
            reset_counters(args.database_url)
            print(
                f"replaying a viral live: {args.viewers:,} viewers × a heartbeat every 30 s, "
                f"{args.opens_per_second}/s page opens, {args.replay_seconds:.0f} s ..."
            )
            sent = asyncio.run(replay(port, viral, args))
    if not args.skip_replay:
        if backend == "redis":
            flush = ["flask", "--app", "wsgi", "livestreams", "flush-counters", "--all"]
            subprocess.run(  # noqa: S603 - our interpreter, the app's own CLI
                [sys.executable, "-m", *flush],
                cwd=ROOT,
                env={**os.environ, **env},
                check=True,
                stdout=subprocess.DEVNULL,
            )
        got = recorded(args.database_url, viral)
        exact = got["heartbeats"] == sent["sent_beats"] and got["views"] == sent["sent_opens"]
        exact = exact and got["unique_viewers"] == sent["sent_opens"]
        print(
            f"heartbeat p50 {sent['beat_p50']:.1f} ms, p99 {sent['beat_p99']:.1f} ms; "
            f"page p99 {sent['open_p99']:.1f} ms; non-200: {sent['errors']}; "
            f"the generator used {sent['client_cpu']:.0%} of a core"
        )
        print(
            f"sent: {sent['sent_beats']:,} heartbeats, {sent['sent_opens']:,} opens by as many "
            f"visitors; recorded: {got['heartbeats']:,} heartbeats, {got['views']:,} views, "
            f"{got['unique_viewers']:,} unique viewers, peak {got['peak_concurrent']:,} "
            f"concurrent: {'MATCH' if exact else 'MISMATCH'}"
        )
        results.update(replay=sent, recorded=got, exact=exact)
    print(f"load average after: {os.getloadavg()}")
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL"))
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--viewers", type=int, default=10_000)
    parser.add_argument("--replay-seconds", type=float, default=180)
    parser.add_argument("--opens-per-second", type=float, default=20)
    parser.add_argument("--skip-replay", action="store_true")
    parser.add_argument(
        "--backends", default="database,redis", help="which counter backends, comma-separated"
    )
    args = parser.parse_args()
    if not args.database_url or not args.database_url.startswith("postgresql"):
        parser.error("--database-url (or BENCH_DATABASE_URL): a PostgreSQL URL; it is emptied")
    sys.path.insert(0, str(ROOT))
    ids = prepare_database(args.database_url)
    print(f"load average before the run: {os.getloadavg()} on {os.cpu_count()} cores")
    print(
        f"{'':34} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'requests':>9} {'non-200':>7}"
        f" {'client CPU':>10}"
    )
    with gunicorn("hello_app()", {}) as port:
        hello = throughput(port, lambda n: request_bytes("GET", "/"), args)
    print(row("hello-world (bare Flask)", hello))
    base_env = {
        "DATABASE_URL": args.database_url,
        "SECRET_KEY": SECRET,
        "MARKETPLACE_ENV": "production",
        "LOG_LEVEL": "WARNING",
        "REDIS_URL": "",
    }
    backends = {b.strip() for b in args.backends.split(",")}
    if "database" in backends:
        measure_backend("database", base_env, ids, args, hello["rps"])
    if "redis" not in backends:
        return
    with tempfile.TemporaryDirectory() as workdir, redis_server(workdir) as redis_port:
        env = {**base_env, "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0"}
        reset_counters(args.database_url)
        measure_backend("redis", env, ids, args, hello["rps"])


if __name__ == "__main__":
    main()
