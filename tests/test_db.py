from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import StatementError

from marketplace.accounts.models import User
from marketplace.extensions import db


def test_times_are_stored_in_utc_and_come_back_aware(app_ctx, make_user):
    user = make_user()
    vietnam = timezone(timedelta(hours=7))
    db.session.get(User, user.id).last_login_at = datetime(2026, 11, 23, 0, 30, tzinfo=vietnam)
    db.session.commit()
    db.session.expire_all()
    stored = db.session.scalar(select(User.last_login_at))
    assert stored == datetime(2026, 11, 22, 17, 30, tzinfo=UTC)
    assert stored.utcoffset() == timedelta(0)


def test_naive_times_are_refused(app_ctx, make_user):
    user = make_user()
    db.session.get(User, user.id).last_login_at = datetime(2026, 11, 22, 17, 30)
    with pytest.raises(StatementError):
        db.session.commit()
    db.session.rollback()


def test_sqlite_pragmas(app_ctx, database):
    if database.kind != "sqlite":
        pytest.skip("SQLite only")
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 5000
