"""The ledger: what the platform owes each stall for card payments (sales minus refunds)."""

from __future__ import annotations

from sqlalchemy import BigInteger, cast, func, select

from marketplace.extensions import db
from marketplace.orders.models import LedgerEntry, Order
from marketplace.stalls.models import Stall


def record_sale(order: Order) -> None:
    """A card payment the platform collected for the stall."""
    db.session.add(
        LedgerEntry(stall_id=order.stall_id, order_id=order.id, kind="sale", amount=order.total)
    )


def record_refund(order: Order, amount: int) -> None:
    """A card refund taken back from what the stall is owed."""
    db.session.add(
        LedgerEntry(stall_id=order.stall_id, order_id=order.id, kind="refund", amount=-amount)
    )


def stall_balance(stall_id: int) -> int:
    """What the platform owes a stall for card payments: its sales minus its refunds."""
    # PostgreSQL sums a BIGINT as NUMERIC; money stays an int here.
    total = db.session.scalar(
        select(cast(func.coalesce(func.sum(LedgerEntry.amount), 0), BigInteger)).where(
            LedgerEntry.stall_id == stall_id
        )
    )
    return int(total)


def balances() -> list[tuple[Stall, int]]:
    rows = db.session.execute(
        select(Stall, func.sum(LedgerEntry.amount))
        .join(LedgerEntry, LedgerEntry.stall_id == Stall.id)
        .group_by(Stall.id)
        .order_by(Stall.name)
    )
    return [(stall, int(total)) for stall, total in rows]
