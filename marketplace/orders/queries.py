"""Named reads of orders: a buyer's history, a stall's orders, lookup by code and phone.

Each loads what its page shows in a fixed number of statements, whatever the number of rows.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from marketplace.accounts.phone import InvalidPhoneNumber, normalise_vn_mobile
from marketplace.extensions import db
from marketplace.orders.ledger import stall_balance
from marketplace.orders.models import Checkout, Order, OrderStatus, OwedRefund
from marketplace.stalls.models import Stall

S = OrderStatus


def buyer_history(buyer_id: int, limit: int = 100) -> list[Order]:
    """A buyer's orders, newest first, with their stall, checkout and lines."""
    return list(
        db.session.scalars(
            select(Order)
            .where(Order.buyer_id == buyer_id)
            .options(joinedload(Order.stall), joinedload(Order.checkout), selectinload(Order.lines))
            .order_by(Order.created_at.desc())
            .limit(limit)
        )
    )


def stall_orders(stall_id: int, status: str | None = None, limit: int = 200) -> list[Order]:
    """A stall's orders, newest first; ``status`` filters when it names an order status."""
    stmt = (
        select(Order)
        .where(Order.stall_id == stall_id)
        .options(joinedload(Order.checkout), selectinload(Order.lines))
        .order_by(Order.created_at.desc())
        .limit(limit)
    )
    if status in {s.value for s in OrderStatus}:
        stmt = stmt.where(Order.status == status)
    return list(db.session.scalars(stmt))


def normalise_code(raw: str) -> str:
    """An order code as typed or read aloud: ``cp 12-34`` is ``CP1234``."""
    return raw.strip().upper().replace(" ", "").replace("-", "")


def find_by_code_and_phone(code: str, phone: str) -> Order | None:
    """The one order with this code whose checkout was placed with this phone, if any."""
    try:
        normalised = normalise_vn_mobile(phone)
    except InvalidPhoneNumber:
        return None
    return db.session.scalar(
        select(Order)
        .join(Order.checkout)
        .where(Order.code == normalise_code(code), Checkout.buyer_phone == normalised)
    )


def order_by_code(code: str) -> Order | None:
    """An order with what its read-only page shows (lines, stall and its bank)."""
    return db.session.scalar(
        select(Order)
        .where(Order.code == code)
        .options(selectinload(Order.lines), joinedload(Order.stall).joinedload(Stall.bank))
    )


def open_owed_refunds(limit: int = 100) -> list[OwedRefund]:
    """Money stalls still owe buyers of cancelled bank-transfer orders, the oldest first."""
    return list(
        db.session.scalars(
            select(OwedRefund)
            .where(OwedRefund.paid_back_at.is_(None))
            .options(joinedload(OwedRefund.order).joinedload(Order.stall))
            .order_by(OwedRefund.created_at)
            .limit(limit)
        )
    )


def orders_waiting(stall_id: int) -> int:
    """Orders the stall has to act on: paid or packed, not yet shipped."""
    return db.session.scalar(
        select(func.count(Order.id)).where(
            Order.stall_id == stall_id, Order.status.in_([S.PAID, S.PACKED])
        )
    )


def paid_after_end(limit: int = 50) -> list[Order]:
    """Orders paid after they had ended (expired, cancelled) and not yet refunded in full."""
    return list(
        db.session.scalars(
            select(Order)
            .where(Order.paid_after_end, Order.refunded_amount < Order.total)
            .options(joinedload(Order.stall))
            .order_by(Order.updated_at.desc())
            .limit(limit)
        )
    )


def dashboard_panel(*, stall) -> dict:
    """The ``stalls.DASHBOARD`` hook: what the platform owes the stall, orders to act on."""
    return {"card_balance": stall_balance(stall.id), "waiting": orders_waiting(stall.id)}
