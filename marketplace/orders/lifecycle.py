"""The order lifecycle: the transition table, who may do what, and every status change.

Every status change is a compare-and-set (DESIGN.md §3), so two workers can't both apply one;
stock goes back exactly once (cancel, full refund before shipping, expiry).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.orm import selectinload

from marketplace.accounts.models import User
from marketplace.audit.services import record_decision
from marketplace.catalog.models import Product
from marketplace.db import compare_and_set, utcnow
from marketplace.errors import Conflict, DomainError, NotFound
from marketplace.extensions import db
from marketplace.orders import ledger
from marketplace.orders.models import (
    CANCELLED_AS,
    Order,
    OrderStatus,
    OwedRefund,
    PaymentMethod,
    Refund,
)
from marketplace.orders.notify import notify
from marketplace.orders.stale import stale_order_action

S = OrderStatus


@dataclass(frozen=True)
class Transition:
    action: str
    from_states: frozenset[OrderStatus]
    to_state: OrderStatus
    by: frozenset[str]  # who may: buyer, owner, admin, system


def _t(action: str, sources: set[OrderStatus], target: OrderStatus, *by: str) -> Transition:
    return Transition(action, frozenset(sources), target, frozenset(by))


TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        _t("pay", {S.PENDING_PAYMENT}, S.PAID, "system", "owner", "admin"),
        _t("pack", {S.PAID}, S.PACKED, "owner", "admin"),
        _t("ship", {S.PAID, S.PACKED}, S.SHIPPED, "owner", "admin"),
        _t("deliver", {S.SHIPPED}, S.DELIVERED, "owner", "admin", "buyer"),
        _t("cancel", {S.PENDING_PAYMENT}, S.CANCELLED, "buyer", "owner", "admin"),
        _t("cancel_paid", {S.PAID, S.PACKED, S.SHIPPED}, S.CANCELLED, "owner", "admin"),
        _t("expire", {S.PENDING_PAYMENT}, S.EXPIRED, "system"),
        _t("refund", {S.PAID, S.PACKED, S.SHIPPED, S.DELIVERED}, S.REFUNDED, "owner", "admin"),
    )
}


def allowed_actions(order: Order, role: str) -> list[str]:
    actions = [
        t.action
        for t in TRANSITIONS.values()
        if order.status in t.from_states and role in t.by and t.action not in {"expire", "pay"}
    ]
    if (
        role in {"owner", "admin"}
        and order.status == S.PENDING_PAYMENT
        and order.payment_method == PaymentMethod.VIETQR
    ):
        actions.insert(0, "confirm_transfer")
    if role in {"owner", "admin"} and order.paid_after_end and order.refunded_amount < order.total:
        actions.append("refund")
    return actions


def _apply(order: Order, action: str, expected=None, **values) -> None:
    """Compare-and-set ``order`` along ``action``, from ``expected`` (default: any allowed)."""
    transition = TRANSITIONS[action]
    sources = transition.from_states if expected is None else {expected}
    if not compare_and_set(Order, order.id, sources, status=transition.to_state, **values):
        raise Conflict(_l("This order changed meanwhile. Reload the page and check."))
    db.session.refresh(order)


def advance(order: Order, action: str, role: str) -> None:
    """Pack, ship or deliver an order."""
    transition = TRANSITIONS.get(action)
    if transition is None or action not in {"pack", "ship", "deliver"} or role not in transition.by:
        raise DomainError(_l("This action is not allowed here."))
    if order.status not in transition.from_states:
        raise Conflict(_l("This order changed meanwhile. Reload the page and check."))
    _apply(order, action)
    if action == "ship":
        notify(order, "shipped")


def mark_paid(order: Order, *, confirmed_by: User | None = None) -> bool:
    """Pending → paid, once. Returns False if the order was not waiting for payment."""
    if not compare_and_set(
        Order,
        order.id,
        {S.PENDING_PAYMENT},
        status=S.PAID,
        paid_at=utcnow(),
        payment_confirmed_by_id=confirmed_by.id if confirmed_by else None,
    ):
        return False
    db.session.refresh(order)
    if order.payment_method == PaymentMethod.CARD:
        ledger.record_sale(order)
    db.session.flush()
    notify(order, "paid")
    return True


def confirm_transfer(order: Order, by: User) -> None:
    """The stall owner saw the VietQR transfer arrive in their account."""
    if order.payment_method != PaymentMethod.VIETQR:
        raise DomainError(_l("Only bank transfers are confirmed by hand."))
    expire_if_due(order)
    if not mark_paid(order, confirmed_by=by):
        raise Conflict(_l("This order is not waiting for payment any more."))


def _who_cancels(role: str, by: User | None, via: str | None) -> dict:
    """What the order keeps about who cancelled it; a role that doesn't fit ``via`` is refused."""
    if via is None and role == "buyer":  # a caller that knows the account acted through it
        via = "buyer_account" if by is not None else "buyer_link"
    cancelled_as = via or role
    if cancelled_as not in CANCELLED_AS or (role == "buyer") != cancelled_as.startswith("buyer"):
        raise DomainError(_l("This action is not allowed here."))
    return {"cancelled_as": cancelled_as, "cancelled_by_id": by.id if by else None}


def cancel(
    order: Order,
    *,
    role: str,
    by: User | None,
    reason: str | None,
    gateway=None,
    via: str | None = None,
) -> None:
    """Cancel before delivery. Stock not yet shipped comes back; a paid card order is refunded.

    ``via`` says how a buyer acted (``buyer_link`` or ``buyer_account``); it and ``by`` (the
    logged-in account, if any) are kept on the order, so the record says who really cancelled.
    """
    reason = (reason or "").strip() or None
    who = _who_cancels(role, by, via)
    previous = order.status
    if previous == S.PENDING_PAYMENT:
        if role not in TRANSITIONS["cancel"].by:
            raise DomainError(_l("This action is not allowed here."))
        _apply(order, "cancel", expected=previous, status_note=reason, **who)
    elif previous in TRANSITIONS["cancel_paid"].from_states:
        if role not in TRANSITIONS["cancel_paid"].by:
            raise DomainError(_l("This action is not allowed here."))
        if not reason:
            raise DomainError(_l("Give a reason: the buyer will read it."), field="reason")
        # From the status we saw: if it was shipped meanwhile, stock must not come back.
        _apply(order, "cancel_paid", expected=previous, status_note=reason, **who)
        remaining = order.total - order.refunded_amount
        if order.payment_method == PaymentMethod.CARD and remaining > 0:
            _refund(order, remaining, gateway, by, reason)
        elif remaining > 0:
            # The transfer went to the stall's own account: the stall pays it back by hand,
            # and the debt stays on record (order page, /admin/payments) until it says so.
            db.session.add(OwedRefund(order_id=order.id, amount=remaining, reason=reason))
            db.session.flush()
    else:
        raise Conflict(_l("This order can no longer be cancelled."))
    if previous != S.SHIPPED:  # goods on the road don't go back on the shelf by themselves
        _release(order)
    notify(order, "cancelled")


def refund(order: Order, amount: int, *, by: User, reason: str | None, gateway) -> None:
    """A full or partial card refund through Stripe; a full one ends the order as refunded."""
    if order.payment_method != PaymentMethod.CARD:
        raise DomainError(_l("Bank transfers are refunded by the stall directly."))
    previous = order.status
    if previous not in TRANSITIONS["refund"].from_states and not order.paid_after_end:
        raise Conflict(_l("Only paid orders can be refunded."))
    if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
        raise DomainError(_l("Enter a whole number of at least %(n)s.", n=1), field="amount")
    left = order.total - order.refunded_amount
    if amount > left:
        raise DomainError(
            _l("At most %(amount)s can still be refunded.", amount=left), field="amount"
        )
    full = amount == left
    if full and not order.paid_after_end:
        _apply(order, "refund", expected=previous, status_note=reason)
        if previous in {S.PAID, S.PACKED}:  # never left the stall: back on the shelf
            _release(order)
    _refund(order, amount, gateway, by, reason)
    if full and not order.paid_after_end:
        notify(order, "cancelled")


def _refund(order: Order, amount: int, gateway, by: User | None, reason: str | None) -> None:
    """Record the refund, then ask Stripe for it: if Stripe says no, the request rolls back
    and nothing was refunded; the records are written first so a state that changed
    meanwhile stops the refund before any money moves.
    """
    if gateway is None or not order.stripe_intent_id:
        raise DomainError(_l("Card payments are not available right now."))
    refunded_before = order.refunded_amount
    # Guarded increment: two refunds at once can't together exceed the total (CHECK too).
    updated = db.session.execute(
        update(Order)
        .where(Order.id == order.id, Order.refunded_amount == refunded_before)
        .values(refunded_amount=Order.refunded_amount + amount)
        .execution_options(synchronize_session=False)
    )
    if updated.rowcount != 1:
        raise Conflict(_l("This order changed meanwhile. Reload the page and check."))
    record = Refund(
        order_id=order.id, amount=amount, by_user_id=by.id if by else None, reason=reason
    )
    db.session.add(record)
    if not order.paid_after_end:  # a late payment never counted as the stall's sale
        ledger.record_refund(order, amount)
    db.session.flush()
    # The same refund retried (same order, same point, same amount) reuses its key.
    result = gateway.refund(
        intent_id=order.stripe_intent_id,
        amount=amount,
        idempotency_key=f"refund-{order.code}-{refunded_before}-{amount}",
    )
    record.stripe_refund_id = result.id
    db.session.flush()
    db.session.refresh(order)


def mark_paid_back(order: Order, *, by: User) -> OwedRefund:
    """The stall paid back what a cancelled bank-transfer order owed the buyer: once."""
    owed = db.session.scalar(select(OwedRefund).where(OwedRefund.order_id == order.id))
    if owed is None:
        raise Conflict(_l("Nothing is owed back to the buyer for this order."))
    done = db.session.execute(
        update(OwedRefund)
        .where(OwedRefund.id == owed.id, OwedRefund.paid_back_at.is_(None))
        .values(paid_back_at=utcnow(), paid_back_by_id=by.id)
        .execution_options(synchronize_session=False)
    )
    if done.rowcount != 1:
        raise Conflict(_l("This was already marked as paid back."))
    db.session.execute(
        update(Order)
        .where(Order.id == order.id)
        .values(refunded_amount=Order.refunded_amount + owed.amount)
        .execution_options(synchronize_session=False)
    )
    db.session.flush()
    db.session.refresh(owed)
    db.session.refresh(order)
    return owed


def _release(order: Order) -> None:
    for line in order.lines:
        if line.product_id is not None:
            db.session.execute(
                update(Product)
                .where(Product.id == line.product_id)
                .values(stock=Product.stock + line.quantity)
                .execution_options(synchronize_session=False)
            )


# --- Expiry ------------------------------------------------------------------------------


def expire_if_due(order: Order, now: datetime | None = None) -> bool:
    """Expire an unpaid order past its deadline; its stock returns exactly once."""
    now = now or utcnow()
    if order.status != S.PENDING_PAYMENT or order.expires_at > now:
        return False
    if not compare_and_set(Order, order.id, {S.PENDING_PAYMENT}, status=S.EXPIRED):
        db.session.refresh(order)
        return False  # someone else expired, paid or cancelled it first
    db.session.refresh(order)
    _release(order)
    db.session.flush()
    return True


def expire_overdue(orders) -> None:
    """Expire what is past its deadline before anything else happens, and keep that even if
    the action this request was for then fails: the one service that commits (ARCHITECTURE.md,
    the request boundary). Called whenever a checkout or an order is loaded for a page.
    """
    if [order for order in orders if expire_if_due(order)]:
        db.session.commit()


def expire_due_orders(now: datetime | None = None) -> int:
    """Expire every unpaid order past its deadline (cron; safe to run twice at once)."""
    now = now or utcnow()
    due = db.session.scalars(
        select(Order)
        .where(Order.status == S.PENDING_PAYMENT, Order.expires_at <= now)
        .options(selectinload(Order.lines))
        .order_by(Order.id)
    ).all()
    return sum(1 for order in due if expire_if_due(order, now))


# --- Acting on an order from its page ------------------------------------------------------

# What the owner's order page can post: the transitions people start, and confirming a transfer.
ACTIONS = frozenset({"confirm_transfer", *(a for a in TRANSITIONS if a not in {"expire", "pay"})})


@dataclass
class OrderAction:
    """What the order page's form sends with an action."""

    reason: str | None = None  # cancel, refund: the buyer reads it
    amount: int | None = None  # refund: empty is the rest of the order


def role_of(order: Order, user: User) -> str:
    """``admin`` for an admin acting on another's stall's order, else ``owner``."""
    return "admin" if user.is_admin and order.stall.owner_id != user.id else "owner"


def check_action(order: Order, action: str, role: str) -> None:
    """An unknown action is a page that doesn't exist; one the order no longer allows is stale."""
    if action not in ACTIONS:
        raise NotFound(_l("The page you asked for does not exist."))
    if action not in allowed_actions(order, role):
        raise stale_order_action(order, action)


def _do_confirm_transfer(
    order: Order, action: str, given: OrderAction, *, by: User, role: str, gateway
):
    confirm_transfer(order, by=by)


def _do_advance(order: Order, action: str, given: OrderAction, *, by: User, role: str, gateway):
    advance(order, action, role)


def _do_cancel(order: Order, action: str, given: OrderAction, *, by: User, role: str, gateway):
    cancel(order, role=role, by=by, reason=given.reason, gateway=gateway)


def _do_refund(order: Order, action: str, given: OrderAction, *, by: User, role: str, gateway):
    if gateway is None:
        raise DomainError(_l("Card payments are not available right now."))
    amount = given.amount or (order.total - order.refunded_amount)
    refund(order, amount, by=by, reason=given.reason, gateway=gateway)


_DO = {
    "confirm_transfer": _do_confirm_transfer,
    "pack": _do_advance,
    "ship": _do_advance,
    "deliver": _do_advance,
    "cancel": _do_cancel,
    "cancel_paid": _do_cancel,
    "refund": _do_refund,
}


def act(order: Order, action: str, given: OrderAction, *, by: User, gateway=None) -> None:
    """The stall owner (or an admin) acts on an order from its page.

    A stale action (the order changed after the page was shown, here or inside the
    compare-and-set) is a Conflict that leads back to the order, saying what it is now. An
    admin acting on a stall's order is a decision kept in the audit log. ``gateway`` is the
    card gateway (cancelling or refunding a card order pays back through it), or None.
    """
    role = role_of(order, by)
    check_action(order, action, role)
    try:
        _DO[action](order, action, given, by=by, role=role, gateway=gateway)
    except Conflict:
        db.session.rollback()
        raise stale_order_action(order, action) from None
    if role == "admin":
        record_decision(
            actor_id=by.id,
            action=f"order.{action}",
            object_type="order",
            object_id=order.id,
            reason=given.reason or None,
        )


def pay_back(order: Order, *, by: User) -> OwedRefund:
    """The owner (or an admin, which is kept in the audit log) paid the buyer back by hand."""
    owed = mark_paid_back(order, by=by)
    if role_of(order, by) == "admin":
        record_decision(
            actor_id=by.id,
            action="order.paid_back",
            object_type="order",
            object_id=order.id,
            reason=None,
        )
    return owed
