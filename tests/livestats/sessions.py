"""Sessions, counters and attributed orders for the statistics tests, written straight into the
tables: the booking, measuring and checkout parts own the code that writes them for real."""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa

from marketplace.db import utcnow
from marketplace.extensions import db
from marketplace.livestreams.models import (
    Livestream,
    LivestreamMinute,
    LivestreamStatus,
    LivestreamTotals,
    Platform,
)
from marketplace.orders.models import Order
from tests.helpers import place_order


def make_livestream(
    app,
    stall,
    *,
    starts_at: datetime | None = None,
    minutes: int = 60,
    status: LivestreamStatus = LivestreamStatus.APPROVED,
    title: str = "Phiên live mận Tam Hoa",
) -> int:
    starts_at = starts_at or utcnow() - timedelta(days=1)
    with app.app_context():
        livestream = Livestream(
            stall_id=stall.id,
            title=title,
            platform=Platform.TIKTOK,
            stream_url="https://www.tiktok.com/@mantamhoa/live",
            starts_at=starts_at,
            ends_at=starts_at + timedelta(minutes=minutes),
            status=status,
        )
        db.session.add(livestream)
        db.session.commit()
        return livestream.id


def set_counters(app, livestream_id: int, *, minutes: dict[datetime, int] = (), **totals) -> None:
    """``totals``: views, unique_viewers, heartbeats, peak_concurrent; ``minutes``: viewers per
    UTC minute."""
    with app.app_context():
        db.session.add(LivestreamTotals(livestream_id=livestream_id, **totals))
        for minute, viewers in dict(minutes).items():
            db.session.add(
                LivestreamMinute(
                    livestream_id=livestream_id, minute=minute, viewers=viewers, heartbeats=viewers
                )
            )
        db.session.commit()


def attributed_order(
    app,
    client,
    product,
    livestream_id: int | None,
    *,
    status: str = "paid",
    quantity: int = 1,
    placed_at: datetime | None = None,
    refunded: int = 0,
) -> int:
    """An order placed through checkout, then attributed and moved to ``status``."""
    response = place_order(app, client, [(product, quantity)])
    assert response.status_code == 302, response.get_data(as_text=True)
    with app.app_context():
        order_id = db.session.scalar(sa.select(sa.func.max(Order.id)))
        values = {"livestream_id": livestream_id, "status": status, "refunded_amount": refunded}
        if placed_at is not None:
            values["created_at"] = placed_at
        db.session.execute(sa.update(Order).where(Order.id == order_id).values(**values))
        db.session.commit()
        return order_id
