"""Livestream sessions written straight to the database for the shoppers' tests (booking has
its own rules and tests; these pages only read what is there)."""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa

from marketplace.db import utcnow
from marketplace.extensions import db
from marketplace.livestreams.models import Livestream, LivestreamProduct, LivestreamStatus, Platform
from marketplace.orders.models import Order


def add_livestream(
    app,
    stall,
    *,
    starts_at: datetime | None = None,
    ends_at: datetime | None = None,
    status: str = "approved",
    featured=(),
    platform: str = "facebook",
    title: str = "Phiên live mận Bắc Hà",
    stream_url: str = "https://www.facebook.com/manbacha/live",
) -> int:
    """A session of ``stall``; ``featured`` is ``[(product, live_price, per_buyer_limit)]``.
    By default it started 10 minutes ago and lasts an hour."""
    starts_at = starts_at or utcnow() - timedelta(minutes=10)
    ends_at = ends_at or starts_at + timedelta(hours=1)
    with app.app_context():
        livestream = Livestream(
            stall_id=stall.id,
            title=title,
            description="Hái mận tại vườn, giá live chỉ trong phiên.",
            platform=Platform(platform),
            stream_url=stream_url,
            starts_at=starts_at,
            ends_at=ends_at,
            status=LivestreamStatus(status),
            decided_at=utcnow() if status != "pending" else None,
        )
        for position, (product, price, limit) in enumerate(featured):
            livestream.products.append(
                LivestreamProduct(
                    product_id=product.id,
                    live_price=price,
                    per_buyer_limit=limit,
                    position=position,
                )
            )
        db.session.add(livestream)
        db.session.commit()
        return livestream.id


def orders_of(app, *where) -> list[Order]:
    """Orders with their lines loaded, oldest first."""
    with app.app_context():
        orders = db.session.scalars(
            sa.select(Order)
            .where(*where)
            .options(sa.orm.selectinload(Order.lines))
            .order_by(Order.id)
        ).all()
        db.session.expunge_all()
        return list(orders)
