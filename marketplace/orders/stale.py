"""What to tell the stall owner whose order action is stale: what the order is now."""

from __future__ import annotations

from flask import url_for
from flask_babel import lazy_gettext as _l

from marketplace.errors import Conflict
from marketplace.orders.models import Order, OrderStatus

S = OrderStatus

# What changed, in the order's current state (the action that was tried is no longer possible).
_NOW = {
    S.PENDING_PAYMENT: _l("Order %(code)s is still waiting for payment."),
    S.PAID: _l("Order %(code)s is already paid."),
    S.PACKED: _l("Order %(code)s is already packed."),
    S.SHIPPED: _l("Order %(code)s has been shipped."),
    S.DELIVERED: _l("Order %(code)s has been delivered."),
    S.CANCELLED: _l("Order %(code)s has been cancelled."),
    S.REFUNDED: _l("Order %(code)s has been refunded."),
    S.EXPIRED: _l("Order %(code)s has expired: it was not paid in time."),
}
# The usual stale clicks get a sentence of their own.
_SPECIFIC = {
    (S.SHIPPED, "pack"): _l("Order %(code)s has been shipped, it cannot be packed again."),
    (S.DELIVERED, "pack"): _l("Order %(code)s has been delivered, it cannot be packed again."),
    (S.DELIVERED, "ship"): _l("Order %(code)s has been delivered, it cannot be shipped again."),
}


def stale_order_action(order: Order, action: str) -> Conflict:
    """A Conflict that sends the owner back to the order's page, saying what it is now."""
    specific = _SPECIFIC.get((order.status, action))
    message = str(specific or _NOW[order.status]) % {"code": order.code}
    if specific is None:
        message += " " + str(_l("This action is no longer possible."))
    return Conflict(message).at(url_for("orders.owner_order", order_id=order.id))
