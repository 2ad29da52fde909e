"""The admin console's pictures at real size: the 12-week trends (``admin.trends.weekly_trends``)
and the province tile map, timed on a database holding a year of orders and livestream minutes.

Usage (the database is EMPTIED and migrated; give it one you can lose):
    .venv/bin/python bench/admin_pictures.py --database-url postgresql+psycopg://...
        [--orders 50000] [--sessions 500] [--minutes 120] [--repeat 20]

The rows are written in bulk straight into the tables (one stall, one checkout, orders spread
evenly over 365 days with a realistic mix of statuses, sessions of ``--minutes`` each with a
row per minute): the pictures read only those columns. Prints the statements each call runs and
the median and worst wall-clock time of ``--repeat`` calls, after one warm-up call.
"""

from __future__ import annotations

import argparse
import random
import secrets
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

STATUSES = ["paid"] * 2 + ["delivered"] * 5 + ["shipped", "packed", "cancelled", "expired"]


def _app(database_url: str):
    from flask_migrate import upgrade

    from marketplace import create_app

    app = create_app(
        {
            "SECRET_KEY": secrets.token_hex(32),
            "SQLALCHEMY_DATABASE_URI": database_url,
            "LOG_LEVEL": "WARNING",
        }
    )
    if database_url.startswith("postgresql"):
        engine = sa.create_engine(database_url)
        with engine.begin() as conn:
            conn.execute(sa.text("DROP SCHEMA public CASCADE"))
            conn.execute(sa.text("CREATE SCHEMA public"))
        engine.dispose()
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"))
    return app


def _stall():
    from marketplace.accounts.services import register_user
    from marketplace.extensions import db
    from marketplace.reference.models import Bank, Commune
    from marketplace.stalls import services as stalls
    from marketplace.stalls.models import Stall

    owner = register_user(
        full_name="Chủ gian", email="owner@example.vn", password=secrets.token_urlsafe(16)
    )
    commune = db.session.scalars(sa.select(Commune).order_by(Commune.id)).first()
    details = stalls.StallDetails(
        name="Cà phê Khe Sanh",
        story="",
        province_id=commune.province_id,
        commune_id=commune.id,
        pickup_address="Thôn 1",
        contact_phone="0912 345 001",
        zalo_phone=None,
        bank_id=db.session.scalars(sa.select(Bank.id)).first(),
        bank_account_number="113001001932",
        bank_account_name="CHU GIAN",
    )
    stall = stalls.apply_for_stall(owner, details)
    db.session.execute(sa.update(Stall).where(Stall.id == stall.id).values(status="approved"))
    return stall, commune


def _fill(app, orders: int, sessions: int, minutes: int, now: datetime) -> None:
    from marketplace.extensions import db
    from marketplace.livestreams.models import Livestream, LivestreamMinute
    from marketplace.orders.models import Checkout, Order

    rng = random.Random(10)  # noqa: S311  (made-up figures, the same every run)
    year = timedelta(days=365)
    with app.app_context():
        stall, commune = _stall()
        checkout = Checkout(
            token=secrets.token_urlsafe(24), buyer_name="Người mua", buyer_phone="0987654321",
            province_id=commune.province_id, commune_id=commune.id, street="Thôn 2",
        )  # fmt: skip
        db.session.add(checkout)
        db.session.flush()
        rows = []
        for i in range(orders):
            placed = now - year * (i + rng.random()) / orders
            rows.append(
                {
                    "code": f"B{i:011d}", "checkout_id": checkout.id, "stall_id": stall.id,
                    "status": rng.choice(STATUSES), "payment_method": "vietqr",
                    "total": rng.randrange(20, 800) * 1000, "refunded_amount": 0,
                    "expires_at": placed + timedelta(minutes=30), "created_at": placed,
                    "payout_bank_id": stall.bank_id, "payout_account_number": "113001001932",
                    "payout_account_name": "CHU GIAN",
                }
            )  # fmt: skip
            if len(rows) == 5000:
                db.session.execute(sa.insert(Order), rows)
                rows = []
        if rows:
            db.session.execute(sa.insert(Order), rows)
        gap = year / sessions
        for i in range(sessions):
            starts = (now - gap * (i + 1)).replace(second=0, microsecond=0)
            session = Livestream(
                stall_id=stall.id, title=f"Phiên {i}", platform="tiktok",
                stream_url="https://www.tiktok.com/@khesanh/live", starts_at=starts,
                ends_at=starts + timedelta(minutes=minutes), status="approved",
            )  # fmt: skip
            db.session.add(session)
            db.session.flush()
            db.session.execute(
                sa.insert(LivestreamMinute),
                [_minute(rng, session.id, starts + timedelta(minutes=m)) for m in range(minutes)],
            )
        db.session.commit()
        if db.engine.dialect.name == "postgresql":
            with db.engine.connect() as conn:
                conn.execution_options(isolation_level="AUTOCOMMIT").execute(sa.text("ANALYZE"))


def _minute(rng: random.Random, livestream_id: int, minute: datetime) -> dict:
    return {
        "livestream_id": livestream_id,
        "minute": minute,
        "views": rng.randrange(0, 30),
        "viewers": rng.randrange(0, 200),
        "heartbeats": rng.randrange(0, 400),
    }


def _measure(app, call, repeat: int) -> tuple[int, float, float]:
    from marketplace.extensions import db

    with app.test_request_context():
        call()  # warm-up: the first call pays for connecting and compiling
        statements = []

        def count(_conn, _cursor, statement, *_args):
            if not statement.startswith("BEGIN"):
                statements.append(statement)

        sa.event.listen(db.engine, "before_cursor_execute", count)
        try:
            call()
        finally:
            sa.event.remove(db.engine, "before_cursor_execute", count)
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            call()
            times.append((time.perf_counter() - started) * 1000)
            db.session.rollback()
    return len(statements), statistics.median(times), max(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--orders", type=int, default=50_000)
    parser.add_argument("--sessions", type=int, default=500)
    parser.add_argument("--minutes", type=int, default=120)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    from marketplace.admin import pictures, trends

    now = datetime.now(UTC)
    app = _app(args.database_url)
    started = time.perf_counter()
    _fill(app, args.orders, args.sessions, args.minutes, now)
    print(
        f"filled {args.orders} orders, {args.sessions} sessions × {args.minutes} minutes "
        f"in {time.perf_counter() - started:.1f} s"
    )

    def tiles():
        return pictures.province_tiles_svg(
            pictures.placeholder_province_statuses(), {c: "/" for c in pictures.LAYOUT}
        )

    for name, call in [
        ("weekly_trends (12 weeks)", lambda: trends.weekly_trends(now)),
        ("weekly_trends + 3 charts drawn", lambda: trends.trend_charts(trends.weekly_trends(now))),
        ("tile map with placeholder statuses", tiles),
    ]:
        count, median, worst = _measure(app, call, args.repeat)
        print(f"{name:38} {count} statements  median {median:7.1f} ms  worst {worst:7.1f} ms")


if __name__ == "__main__":
    main()
