"""The mail an order's buyer and stall owner get when it is placed, paid, shipped or cancelled."""

from __future__ import annotations

from marketplace.accounts.models import User
from marketplace.extensions import db
from marketplace.mail import render_mail, send_after_commit
from marketplace.orders.models import Order


def notify(order: Order, event: str) -> None:
    """Mail the buyer (and, for placed, paid and cancelled, the stall owner) after the commit."""
    checkout = order.checkout
    buyer = checkout.buyer_id and db.session.get(User, checkout.buyer_id)
    email = checkout.buyer_email or (buyer.email if buyer else None)
    if email:
        send_after_commit(
            render_mail(
                f"order_{event}",
                to=email,
                locale=buyer.preferred_language if buyer else None,
                order=order,
                checkout=checkout,
                audience="buyer",
            )
        )
    if event in {"placed", "paid", "cancelled"}:
        owner = order.stall.owner
        send_after_commit(
            render_mail(
                f"order_{event}",
                to=owner.email,
                locale=owner.preferred_language,
                order=order,
                checkout=checkout,
                audience="owner",
            )
        )
