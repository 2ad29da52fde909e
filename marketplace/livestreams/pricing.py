"""Live prices: a featured product's price during an approved session.

A live price applies from ``starts_at`` (inclusive) to ``ends_at`` (exclusive) of an APPROVED
session, and only while it is below the product's normal price (the owner may have lowered the
normal price since booking). Two sessions featuring the same product at once: the lowest price
wins. The cart shows it; checkout (`orders/checkout.py`) decides it again on the server at the
moment the order is placed, records the session on the order line, and enforces the per-buyer
limit there (counting needs orders, which sit above this package). Both say what is over the
limit with ``over_limit``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from marketplace.catalog.models import Product
from marketplace.extensions import db
from marketplace.livestreams.models import Livestream, LivestreamProduct, LivestreamStatus


@dataclass(frozen=True)
class LiveOffer:
    """A product's live price in one session, at a given moment."""

    livestream_id: int
    product_id: int
    price: int
    per_buyer_limit: int | None
    ends_at: datetime


def live_offers(product_ids: Iterable[int], at: datetime) -> dict[int, LiveOffer]:
    """``{product_id: offer}`` for the products of ``product_ids`` on a live price at ``at``.

    One statement whatever the number of products.
    """
    ids = sorted(set(product_ids))
    if not ids:
        return {}
    rows = db.session.execute(
        select(
            LivestreamProduct.livestream_id,
            LivestreamProduct.product_id,
            LivestreamProduct.live_price,
            LivestreamProduct.per_buyer_limit,
            Livestream.ends_at,
        )
        .join(Livestream, Livestream.id == LivestreamProduct.livestream_id)
        .join(Product, Product.id == LivestreamProduct.product_id)
        .where(
            LivestreamProduct.product_id.in_(ids),
            LivestreamProduct.live_price.is_not(None),
            LivestreamProduct.live_price < Product.price,
            Livestream.status == LivestreamStatus.APPROVED,
            Livestream.starts_at <= at,
            Livestream.ends_at > at,
        )
    )
    offers: dict[int, LiveOffer] = {}
    for livestream_id, product_id, price, limit, ends_at in rows:
        offer = LiveOffer(livestream_id, product_id, price, limit, ends_at)
        best = offers.get(product_id)
        if best is None or (price, livestream_id) < (best.price, best.livestream_id):
            offers[product_id] = offer
    return offers


def live_offer(product_id: int, at: datetime) -> LiveOffer | None:
    """The live price of one product at ``at``, or None."""
    return live_offers([product_id], at).get(product_id)


def over_limit(offer: LiveOffer | None, quantity: int, already: int, name: str):
    """Why ``quantity`` more units at ``offer``'s live price are too many for a buyer who
    already ordered ``already`` of them in that session; None when they are allowed."""
    limit = offer.per_buyer_limit if offer else None
    if not limit or already + quantity <= limit:
        return None
    if already >= limit:
        return _l(
            "You have already ordered %(bought)s × %(name)s at the live price, the most"
            " one buyer can have in this livestream. Remove it from your cart to order"
            " the rest; after the livestream it sells at the normal price again.",
            bought=already,
            name=name,
        )
    return _l(
        "At the live price one buyer can have at most %(limit)s × %(name)s in this"
        " livestream (you already ordered %(bought)s). Lower the quantity to"
        " %(left)s or fewer.",
        limit=limit,
        name=name,
        bought=already,
        left=limit - already,
    )
