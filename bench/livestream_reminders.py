"""How fast `flask livestreams send-reminders` gets through a popular session, and that two
overlapping runs still send each reminder exactly once.

Usage:
    .venv/bin/python bench/livestream_reminders.py [--subscribers 2000] [--runs 2]
        [--database-url postgresql+psycopg://...]   (default: a throwaway SQLite file)
The database is migrated, then filled with one stall, one session starting in ten minutes and
N confirmed subscribers; ``--runs`` runs of ``send_due`` start together in threads. Mail goes
to an in-memory counter (the SMTP server's own speed is not measured). Prints the wall time,
mails per second and whether every subscriber got exactly one reminder. A database URL given
is wiped first: never point it at data you keep.
"""

from __future__ import annotations

import argparse
import secrets
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the app, run from anywhere


class CountingMailer:
    def __init__(self) -> None:
        self.sent: Counter[str] = Counter()
        self._lock = threading.Lock()

    def send(self, mail) -> None:
        with self._lock:
            self.sent[mail.to] += 1


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
        upgrade()
    return app


def _fill(app, subscribers: int) -> int:
    from marketplace.accounts.services import register_user
    from marketplace.extensions import db
    from marketplace.livestreams.models import Livestream, LivestreamSubscription
    from marketplace.reference.models import Bank, Commune
    from marketplace.stalls import services as stalls
    from marketplace.stalls.models import Stall

    with app.app_context():
        owner = register_user(
            full_name="Chủ gian", email="owner@example.vn", password=secrets.token_urlsafe(16)
        )
        commune = db.session.scalars(sa.select(Commune)).first()
        details = stalls.StallDetails(
            name="Cà phê Khe Sanh",
            story="",
            province_id=commune.province_id,
            commune_id=commune.id,
            pickup_address="Khe Sanh",
            contact_phone="0912 345 001",
            zalo_phone=None,
            bank_id=db.session.scalars(sa.select(Bank)).first().id,
            bank_account_number="113001001932",
            bank_account_name="NGUYEN VAN A",
        )
        stall = stalls.apply_for_stall(owner, details)
        db.session.execute(sa.update(Stall).where(Stall.id == stall.id).values(status="approved"))
        start = datetime.now(UTC) + timedelta(minutes=10)
        livestream = Livestream(
            stall_id=stall.id,
            title="Cà phê Khe Sanh mùa mới",
            platform="facebook",
            stream_url="https://www.facebook.com/chophien/live",
            starts_at=start,
            ends_at=start + timedelta(hours=1),
            status="approved",
        )
        db.session.add(livestream)
        db.session.flush()
        now = datetime.now(UTC)
        db.session.add_all(
            LivestreamSubscription(
                livestream_id=livestream.id,
                email=f"nguoi{n}@example.vn",
                locale="vi",
                token=secrets.token_urlsafe(32),
                confirmed_at=now,
            )
            for n in range(subscribers)
        )
        db.session.commit()
        return livestream.id


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--subscribers", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="reminders-bench-")
    url = args.database_url or f"sqlite:///{folder}/bench.sqlite3"
    app = _app(url)
    _fill(app, args.subscribers)
    mailer = CountingMailer()
    app.extensions["mailer"] = mailer

    from marketplace.livestreams.reminders import send_due

    barrier = threading.Barrier(args.runs)

    def run() -> None:
        with app.app_context():
            barrier.wait()
            send_due()

    threads = [threading.Thread(target=run) for _ in range(args.runs)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    total = sum(mailer.sent.values())
    once = len(mailer.sent) == args.subscribers and set(mailer.sent.values()) == {1}
    print(f"database: {url.split('://')[0]}  subscribers: {args.subscribers}  runs: {args.runs}")
    print(f"mails sent: {total}  every subscriber exactly once: {once}")
    print(f"wall time: {elapsed:.2f} s  ({total / elapsed:.0f} mails/s)")


if __name__ == "__main__":
    main()
