"""Sessions for the reminder and calendar tests, written straight to the database (booking and
approval are another part's; these tests need a session in a given state at a given time)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from marketplace.extensions import db
from marketplace.livestreams.models import Livestream, LivestreamSubscription


def now_utc() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def make_livestream(
    app,
    stall,
    *,
    starts_at: datetime | None = None,
    starts_in: timedelta = timedelta(hours=3),
    minutes: int = 60,
    status: str = "approved",
    **fields,
) -> int:
    starts_at = starts_at or now_utc() + starts_in
    values = {
        "title": "Mận Bắc Hà chín sớm",
        "description": "Hái tại vườn, giá live.",
        "platform": "facebook",
        "stream_url": "https://www.facebook.com/chophien/live",
    }
    values.update(fields)
    with app.app_context():
        livestream = Livestream(
            stall_id=stall.id,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(minutes=minutes),
            status=status,
            **values,
        )
        db.session.add(livestream)
        db.session.commit()
        return livestream.id


def change_livestream(app, livestream_id: int, *, bump: bool = True, **values) -> None:
    """What the booking part does on an edit or a cancellation: new values, sequence + 1."""
    with app.app_context():
        if bump:
            values["sequence"] = Livestream.sequence + 1
        db.session.execute(
            sa.update(Livestream).where(Livestream.id == livestream_id).values(**values)
        )
        db.session.commit()


def subscriptions(app, livestream_id: int) -> list[LivestreamSubscription]:
    with app.app_context():
        rows = db.session.scalars(
            sa.select(LivestreamSubscription)
            .where(LivestreamSubscription.livestream_id == livestream_id)
            .order_by(LivestreamSubscription.id)
        ).all()
        db.session.expunge_all()
        return list(rows)


def add_subscriber(app, livestream_id: int, email: str, *, locale: str = "vi", **fields) -> str:
    """A confirmed subscriber (as if the link was followed); returns its token."""
    import secrets

    with app.app_context():
        sequence = db.session.get(Livestream, livestream_id).sequence
        values = {"confirmed_at": now_utc(), "notified_sequence": sequence, **fields}
        subscription = LivestreamSubscription(
            livestream_id=livestream_id,
            email=email,
            locale=locale,
            token=secrets.token_urlsafe(32),
            **values,
        )
        db.session.add(subscription)
        db.session.commit()
        return subscription.token
