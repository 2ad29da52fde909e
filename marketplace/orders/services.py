"""Checkout, stock reservation, the order state machine, expiry and refunds.

Money and stock rules (DESIGN.md §3): totals are recomputed here from the database; stock is
reserved with one conditional UPDATE per line and can't go below zero (a CHECK backs it up);
every status change is a compare-and-set, so two workers can't both apply one.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import BigInteger, cast, func, or_, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload, selectinload

from marketplace.accounts.models import User
from marketplace.accounts.services import parse_phone
from marketplace.catalog.models import Product, ProductStatus
from marketplace.db import compare_and_set, utcnow
from marketplace.errors import Conflict, DomainError
from marketplace.extensions import db
from marketplace.mail import render_mail, send_after_commit
from marketplace.orders.models import (
    CANCELLED_AS,
    Checkout,
    LedgerEntry,
    Order,
    OrderLine,
    OrderStatus,
    OwedRefund,
    PaymentMethod,
    Refund,
)
from marketplace.reference.models import Commune
from marketplace.stalls.models import Stall, StallStatus
from marketplace.vietnamese import nfc

log = logging.getLogger(__name__)
S = OrderStatus

# Crockford's alphabet: no I, L, O or U, so a code read aloud or typed into a bank app survives.
_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_order_code() -> str:
    """``CP`` and 8 random characters: 10 letters and digits, fits any bank-transfer memo."""
    return "CP" + "".join(secrets.choice(_CODE_ALPHABET) for _ in range(8))


class OutOfStock(DomainError):
    status_code = 409


@dataclass
class BuyerDetails:
    name: str
    phone: str
    email: str | None
    province_id: int
    commune_id: int
    street: str
    note: str = ""


def _clean_buyer(details: BuyerDetails) -> dict:
    phone = parse_phone(details.phone)
    if phone is None:
        raise DomainError(_l("This field is required."), field="phone")
    commune = db.session.get(Commune, details.commune_id)
    if commune is None or commune.province_id != details.province_id:
        raise DomainError(_l("Choose a commune in the chosen province."), field="commune_id")
    return {
        "buyer_name": nfc(details.name).strip(),
        "buyer_phone": phone,
        "buyer_email": (details.email or "").strip().lower() or None,
        "province_id": details.province_id,
        "commune_id": commune.id,
        "street": nfc(details.street).strip(),
        "note": nfc(details.note or "").strip(),
    }


def checkout_by_token(token: str) -> Checkout | None:
    return db.session.scalar(
        select(Checkout)
        .where(Checkout.token == token)
        .options(
            selectinload(Checkout.orders).selectinload(Order.lines),
            selectinload(Checkout.orders).joinedload(Order.stall).joinedload(Stall.bank),
        )
    )


def shown_snapshot(lines) -> str:
    """What a checkout page shows, as ``product:price:quantity`` (cart lines, by product id)."""
    return ",".join(
        f"{line.product.id}:{line.product.price}:{line.quantity}"
        for line in sorted(lines, key=lambda line: line.product.id)
    )


def parse_snapshot(raw: str | None) -> dict[int, tuple[int, int]]:
    """``{product_id: (price, quantity)}`` from a snapshot; whatever doesn't parse is left out
    (and so counts as changed)."""
    shown: dict[int, tuple[int, int]] = {}
    for part in (raw or "").split(",")[:200]:
        fields = part.split(":")
        if len(fields) == 3 and all(f.isascii() and f.isdigit() and len(f) <= 12 for f in fields):
            shown[int(fields[0])] = (int(fields[1]), int(fields[2]))
    return shown


def changed_since_shown(lines, raw: str | None) -> dict[int, int | None]:
    """Lines whose price or quantity differ from what the page showed: ``{product_id: the
    price shown, or None}``. Empty when the buyer saw exactly what would be charged."""
    shown = parse_snapshot(raw)
    changed: dict[int, int | None] = {}
    for line in lines:
        seen = shown.get(line.product.id)
        if seen != (line.product.price, line.quantity):
            changed[line.product.id] = seen[0] if seen else None
    if set(shown) - {line.product.id for line in lines}:  # a line shown is gone
        changed.setdefault(0, None)
    return changed


def _reserve(product: Product, quantity: int) -> None:
    """Take ``quantity`` from stock in one statement, or fail: never below zero, never oversold."""
    still_for_sale = (
        select(Stall.id)
        .where(Stall.id == Product.stall_id, Stall.status == StallStatus.APPROVED)
        .exists()
    )
    result = db.session.execute(
        update(Product)
        .where(
            Product.id == product.id,
            Product.stock >= quantity,
            Product.status == ProductStatus.ACTIVE,
            still_for_sale,
        )
        .values(stock=Product.stock - quantity)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise OutOfStock(
            _l("Not enough %(name)s left. Change the quantity and try again.", name=product.name)
        )


def _release(order: Order) -> None:
    for line in order.lines:
        if line.product_id is not None:
            db.session.execute(
                update(Product)
                .where(Product.id == line.product_id)
                .values(stock=Product.stock + line.quantity)
                .execution_options(synchronize_session=False)
            )


class TooManyUnpaid(DomainError):
    status_code = 422


def _lock_holdings(keys: list[str]) -> None:
    """Serialise checkouts of one buyer (PostgreSQL advisory locks, held to the commit), so
    parallel checkouts can't all count the same holdings. SQLite's BEGIN IMMEDIATE already
    runs one writing request at a time."""
    if db.session.get_bind().dialect.name != "postgresql":
        return
    for key in sorted(set(keys)):  # one order for everyone: no deadlocks between them
        digest = hashlib.blake2b(key.encode(), digest_size=8).digest()
        db.session.execute(
            text("SELECT pg_advisory_xact_lock(:k)"),
            {"k": int.from_bytes(digest, "big", signed=True)},
        )


def _unpaid_holdings(condition) -> tuple[int, int]:
    """(orders, units) waiting for payment, not yet past their deadline, for ``condition``."""
    orders, units = db.session.execute(
        select(
            func.count(func.distinct(Order.id)),
            cast(func.coalesce(func.sum(OrderLine.quantity), 0), BigInteger),
        )
        .select_from(Order)
        .join(Order.checkout)
        .join(Order.lines)
        .where(Order.status == S.PENDING_PAYMENT, Order.expires_at > utcnow(), condition)
    ).one()
    return int(orders), int(units)


def check_holdings(
    *, phone: str, buyer: User | None, client_ip: str | None, orders: int, units: int
) -> None:
    """Refuse a checkout that would hold more unpaid orders or units than the caps allow.

    Counted from the database (pending orders), per phone, per account and per address,
    under a lock per key so that parallel checkouts of one buyer can't exceed the caps.
    """
    config = current_app.config
    keys = [f"phone:{phone}"]
    per_buyer = [Checkout.buyer_phone == phone]
    if buyer is not None:
        keys.append(f"user:{buyer.id}")
        per_buyer.append(Order.buyer_id == buyer.id)
    if client_ip:
        keys.append(f"ip:{client_ip}")
    _lock_holdings(keys)
    max_orders, max_units = (
        config["CHECKOUT_MAX_UNPAID_ORDERS"],
        config["CHECKOUT_MAX_UNPAID_UNITS"],
    )
    held_orders, held_units = _unpaid_holdings(or_(*per_buyer))
    if held_orders + orders > max_orders or held_units + units > max_units:
        raise TooManyUnpaid(
            _l(
                "You have %(orders)s unpaid orders with %(units)s items waiting. So that goods"
                " stay available for everyone, one buyer can hold at most %(max_orders)s unpaid"
                " orders and %(max_units)s items at once. Pay for or cancel the orders waiting"
                " (see “Find my order”), or order fewer items.",
                orders=held_orders,
                units=held_units,
                max_orders=max_orders,
                max_units=max_units,
            )
        )
    if not client_ip:
        return
    max_orders = config["CHECKOUT_MAX_UNPAID_ORDERS_PER_ADDRESS"]
    max_units = config["CHECKOUT_MAX_UNPAID_UNITS_PER_ADDRESS"]
    held_orders, held_units = _unpaid_holdings(Checkout.client_ip == client_ip)
    if held_orders + orders > max_orders or held_units + units > max_units:
        raise TooManyUnpaid(
            _l(
                "Too many unpaid orders come from this network connection right now (at most"
                " %(max_orders)s orders and %(max_units)s items at once). Pay for or cancel"
                " the orders waiting, or try again after they expire.",
                max_orders=max_orders,
                max_units=max_units,
            )
        )


def place_checkout(
    *,
    token: str,
    buyer: User | None,
    details: BuyerDetails,
    items: dict[int, int],
    methods: dict[int, PaymentMethod],
    client_ip: str | None = None,
) -> Checkout:
    """Create one order per stall and reserve their stock; the same token returns the same orders.

    ``items`` is ``{product_id: quantity}`` and ``methods`` ``{stall_id: method}``: the only
    things a client decides. Prices, totals and stalls come from the database.
    """
    existing = checkout_by_token(token)
    if existing is not None:
        return existing
    if not items:
        raise DomainError(_l("Your cart is empty."))
    if any(isinstance(q, bool) or not isinstance(q, int) or q <= 0 for q in items.values()):
        raise DomainError(_l("Enter a quantity from 1 to %(max)s.", max=999))
    values = _clean_buyer(details)
    products = db.session.scalars(
        select(Product).where(Product.id.in_(list(items))).options(joinedload(Product.stall))
    ).all()
    if len(products) != len(items):
        raise DomainError(_l("Some products in your cart are no longer for sale."))

    check_holdings(
        phone=values["buyer_phone"],
        buyer=buyer,
        client_ip=client_ip,
        orders=len({product.stall_id for product in products}),
        units=sum(items.values()),
    )
    checkout = Checkout(
        token=token, buyer_id=buyer.id if buyer else None, client_ip=client_ip, **values
    )
    try:
        with db.session.begin_nested():
            db.session.add(checkout)
    except IntegrityError:
        # The same form submitted twice at once: the other request created it.
        existing = checkout_by_token(token)
        if existing is None:
            raise
        return existing

    # Reserve in product-id order: concurrent checkouts then lock rows in the same order and
    # can't deadlock each other on PostgreSQL.
    for product in sorted(products, key=lambda p: p.id):
        _reserve(product, items[product.id])
    by_stall: dict[int, list[Product]] = defaultdict(list)
    for product in sorted(products, key=lambda p: p.id):
        by_stall[product.stall_id].append(product)
    now = utcnow()
    expires_at = now + timedelta(minutes=current_app.config["ORDER_PAYMENT_TIMEOUT_MINUTES"])
    for stall_id, stall_products in by_stall.items():
        stall = stall_products[0].stall
        method = PaymentMethod(methods.get(stall_id, PaymentMethod.VIETQR))
        lines = []
        for product in stall_products:
            lines.append(
                OrderLine(
                    product_id=product.id,
                    product_name=product.name,
                    unit_label=product.unit_label,
                    unit_price=product.price,
                    quantity=items[product.id],
                )
            )
        order = Order(
            code=new_order_code(),
            checkout=checkout,
            stall_id=stall_id,
            buyer_id=checkout.buyer_id,
            status=S.PENDING_PAYMENT,
            payment_method=method,
            total=sum(line.unit_price * line.quantity for line in lines),
            expires_at=expires_at,
            lines=lines,
            # The account its VietQR code pays into, kept even if the stall's account changes.
            payout_bank_id=stall.bank_id,
            payout_account_number=stall.bank_account_number,
            payout_account_name=stall.bank_account_name,
        )
        db.session.add(order)
    db.session.flush()
    for order in checkout.orders:
        _notify(order, "placed")
    return checkout


# --- The state machine -------------------------------------------------------------------


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
        _notify(order, "shipped")


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
        db.session.add(
            LedgerEntry(stall_id=order.stall_id, order_id=order.id, kind="sale", amount=order.total)
        )
    db.session.flush()
    _notify(order, "paid")
    return True


def confirm_transfer(order: Order, by: User) -> None:
    """The stall owner saw the VietQR transfer arrive in their account."""
    if order.payment_method != PaymentMethod.VIETQR:
        raise DomainError(_l("Only bank transfers are confirmed by hand."))
    expire_if_due(order)
    if not mark_paid(order, confirmed_by=by):
        raise Conflict(_l("This order is not waiting for payment any more."))


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
    if via is None and role == "buyer":  # a caller that knows the account acted through it
        via = "buyer_account" if by is not None else "buyer_link"
    cancelled_as = via or role
    if cancelled_as not in CANCELLED_AS or (role == "buyer") != cancelled_as.startswith("buyer"):
        raise DomainError(_l("This action is not allowed here."))
    who = {"cancelled_as": cancelled_as, "cancelled_by_id": by.id if by else None}
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
    _notify(order, "cancelled")


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
        _notify(order, "cancelled")


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
        db.session.add(
            LedgerEntry(stall_id=order.stall_id, order_id=order.id, kind="refund", amount=-amount)
        )
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


# --- Mail --------------------------------------------------------------------------------


def _notify(order: Order, event: str) -> None:
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


# --- Figures -----------------------------------------------------------------------------


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


def orders_waiting(stall_id: int) -> int:
    """Orders the stall has to act on: paid or packed, not yet shipped."""
    return db.session.scalar(
        select(func.count(Order.id)).where(
            Order.stall_id == stall_id, Order.status.in_([S.PAID, S.PACKED])
        )
    )
