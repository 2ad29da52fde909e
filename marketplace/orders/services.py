"""The orders domain, for callers outside the package: a re-export of its modules.

Placing a checkout is in ``checkout``, the state machine and every status change in
``lifecycle``, card sales and refunds in ``ledger``, reads in ``queries``, order mail in
``notify``. New code imports from those modules.
"""

from __future__ import annotations

from marketplace.orders.checkout import (
    BuyerDetails,
    OutOfStock,
    TooManyUnpaid,
    changed_since_shown,
    check_holdings,
    checkout_by_token,
    new_order_code,
    parse_snapshot,
    place_checkout,
    shown_snapshot,
)
from marketplace.orders.ledger import balances, stall_balance
from marketplace.orders.lifecycle import (
    TRANSITIONS,
    Transition,
    advance,
    allowed_actions,
    cancel,
    confirm_transfer,
    expire_due_orders,
    expire_if_due,
    mark_paid,
    mark_paid_back,
    refund,
)
from marketplace.orders.queries import open_owed_refunds, orders_waiting

__all__ = [
    "TRANSITIONS",
    "BuyerDetails",
    "OutOfStock",
    "TooManyUnpaid",
    "Transition",
    "advance",
    "allowed_actions",
    "balances",
    "cancel",
    "changed_since_shown",
    "check_holdings",
    "checkout_by_token",
    "confirm_transfer",
    "expire_due_orders",
    "expire_if_due",
    "mark_paid",
    "mark_paid_back",
    "new_order_code",
    "open_owed_refunds",
    "orders_waiting",
    "parse_snapshot",
    "place_checkout",
    "refund",
    "shown_snapshot",
    "stall_balance",
]
