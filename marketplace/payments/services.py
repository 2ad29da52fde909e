"""Card payments (one Stripe PaymentIntent per checkout) and bank transfers (VietQR).

An order becomes paid only through something verified: a signed Stripe event, the
PaymentIntent read back from Stripe, the stall owner confirming a transfer they received,
or the bank's authenticated webhook with the right code and amount.
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from marketplace.audit.services import record_decision
from marketplace.config import adapter, display_zone
from marketplace.db import compare_and_set
from marketplace.errors import Conflict, DomainError, NotFound
from marketplace.extensions import db
from marketplace.orders import services as orders
from marketplace.orders.models import Checkout, Order, OrderStatus, PaymentMethod
from marketplace.payments.models import BankTransfer, ProcessedEvent, TransferStatus
from marketplace.payments.vietqr import VietQR, build_payload, qr_png, qr_svg
from marketplace.stalls.models import Stall

log = logging.getLogger(__name__)


class PaymentsUnavailable(DomainError):
    status_code = 503


def gateway():
    found = adapter("stripe_gateway")
    if found is None:
        raise PaymentsUnavailable(_l("Card payments are not available right now."))
    return found


def card_orders(checkout: Checkout) -> list[Order]:
    return [o for o in checkout.orders if o.payment_method == PaymentMethod.CARD]


def _pending_card_orders(checkout: Checkout) -> list[Order]:
    return [o for o in card_orders(checkout) if o.status == OrderStatus.PENDING_PAYMENT]


def ensure_intent(checkout: Checkout):
    """The PaymentIntent for the checkout's card orders that still wait for payment.

    Created once per set of orders (idempotency key, then a guarded save). If that set changed
    before payment (an order cancelled or expired), the old intent is left unconfirmed and a
    new one made for the right amount: the buyer is never charged for an order that ended.
    """
    stripe = gateway()
    pending = _pending_card_orders(checkout)
    amount = sum(o.total for o in pending)
    current = (
        stripe.retrieve_intent(checkout.stripe_intent_id) if checkout.stripe_intent_id else None
    )
    if current is not None and (
        current.status in {"succeeded", "processing", "requires_capture"}
        or (current.amount == amount and all(o.stripe_intent_id == current.id for o in pending))
    ):
        return current
    if amount <= 0:
        raise DomainError(_l("Nothing in this checkout is waiting for a card payment."))
    codes = ",".join(o.code for o in pending)
    intent = stripe.create_intent(
        amount=amount,
        idempotency_key=f"checkout-{checkout.token}-{codes}",
        metadata={"checkout": checkout.token, "orders": codes},
        description="Chợ Phiên " + codes,
    )
    saved = db.session.execute(
        update(Checkout)
        .where(Checkout.id == checkout.id)
        .where(
            Checkout.stripe_intent_id.is_(None)
            if current is None
            else Checkout.stripe_intent_id == current.id
        )
        .values(stripe_intent_id=intent.id)
        .execution_options(synchronize_session=False)
    )
    if saved.rowcount != 1:  # another request saved its intent first: use that one
        db.session.refresh(checkout)
        return stripe.retrieve_intent(checkout.stripe_intent_id)
    db.session.execute(
        update(Order)
        .where(Order.id.in_([o.id for o in pending]))
        .values(stripe_intent_id=intent.id)
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(checkout)
    for order in pending:
        db.session.refresh(order)
    return intent


def apply_intent(intent) -> int:
    """Mark the card orders this intent charges paid, if Stripe says it succeeded.

    Safe to call any number of times, from the webhook or the return page: the status change
    is a compare-and-set from pending. Returns how many orders this call marked paid.
    """
    if intent.status != "succeeded":
        return 0
    covered = db.session.scalars(select(Order).where(Order.stripe_intent_id == intent.id)).all()
    if not covered:
        log.warning("succeeded PaymentIntent %s charges no order", intent.id)
        return 0
    paid = 0
    for order in covered:
        if orders.mark_paid(order):
            paid += 1
        elif order.status in {OrderStatus.EXPIRED, OrderStatus.CANCELLED}:
            # Paid after the deadline: the stock may be gone. An admin refunds it.
            order.paid_after_end = True
            log.warning("payment for ended order %s (%s)", order.code, order.status)
    db.session.flush()
    return paid


def handle_stripe_event(event: dict) -> str:
    """Apply a verified event once. Returns what happened, for the log."""
    try:
        with db.session.begin_nested():
            db.session.add(
                ProcessedEvent(provider="stripe", event_id=event["id"], event_type=event["type"])
            )
    except IntegrityError:
        return "duplicate"
    if not event["type"].startswith("payment_intent."):
        return "ignored"
    intent_id = event["data"]["object"].get("id")
    if not isinstance(intent_id, str) or not intent_id:
        raise DomainError("the event's object has no id")
    # Events can arrive late and out of order: act on the intent as it is now, not as it was.
    intent = gateway().retrieve_intent(intent_id)
    return f"paid {apply_intent(intent)}"


# --- Bank transfers ------------------------------------------------------------------------

_ORDER_CODE = re.compile(r"CP[0-9A-HJKMNP-TV-Z]{8}")


def vietqr_payload(order: Order) -> str:
    # The account the order was placed with, not the stall's current one.
    return build_payload(
        VietQR(
            bank_bin=order.payout_bank.bin,
            account=order.payout_account_number,
            amount=order.total,
            purpose=order.code,
        )
    )


def confirm_card_payment(checkout: Checkout, payment_method: str):
    """Confirm the checkout's intent with the card Stripe.js turned into ``payment_method``
    (server-side; an intent already past that step is returned as it is)."""
    intent = ensure_intent(checkout)
    if intent.status in {"requires_payment_method", "requires_confirmation"}:
        intent = gateway().confirm_intent(intent_id=intent.id, payment_method=payment_method)
    return intent


def order_qr_svg(*, order: Order) -> str:
    """The ``orders.VIETQR_SVG`` hook: the code shown on the order's pages."""
    return qr_svg(vietqr_payload(order), title=order.code)


def order_qr_png(*, order: Order) -> bytes:
    """The ``orders.VIETQR_PNG`` hook: the code as an image to save."""
    return qr_png(vietqr_payload(order))


def find_code(content: str) -> str | None:
    """Banks upper-case, trim and prefix memos: look for our code anywhere in the text."""
    squeezed = re.sub(r"[^0-9A-Z]", "", content.upper())
    match = _ORDER_CODE.search(squeezed)
    return match.group(0) if match else None


# A bank reports each transfer's amount in đồng; more than this is not a shop order.
MAX_TRANSFER = 10**12


def _short_text(value: object, name: str, max_length: int) -> str:
    """A field of the bank's JSON as text: a string or a number, else the payload is refused."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise DomainError(f"{name} must be a string or a number")
    text = str(value)
    if len(text) > max_length:
        raise DomainError(f"{name} is longer than {max_length} characters")
    return text


def handle_bank_transfer(payload: dict) -> BankTransfer | None:
    """A transfer reported in SePay's JSON format. Dedupe by its id; apply only exact matches."""
    if payload.get("transferType") != "in":
        return None
    provider_id = _short_text(payload["id"], "id", 64)
    if not provider_id:
        raise DomainError("id must be a string or a number")
    amount = payload["transferAmount"]
    if isinstance(amount, bool) or not isinstance(amount, int) or not 0 < amount <= MAX_TRANSFER:
        raise DomainError(f"transferAmount must be a whole number of dong from 1 to {MAX_TRANSFER}")
    content = _short_text(payload.get("content") or payload.get("description"), "content", 1000)
    account_number = _short_text(payload.get("accountNumber"), "accountNumber", 32)
    reference = _short_text(payload.get("referenceCode"), "referenceCode", 64) or None
    code = find_code(content)
    order = (
        db.session.scalar(select(Order).where(Order.code == code).options(joinedload(Order.stall)))
        if code
        else None
    )
    transfer = BankTransfer(
        provider_id=provider_id,
        order_id=order.id if order else None,
        account_number=account_number,
        amount=amount,
        content=content,
        reference=reference,
        status=TransferStatus.UNKNOWN_CODE,
        raw=payload,
    )
    try:
        with db.session.begin_nested():
            db.session.add(transfer)
    except IntegrityError:
        return db.session.scalar(
            select(BankTransfer).where(BankTransfer.provider_id == provider_id)
        )
    if (
        order is None
        or order.payment_method != PaymentMethod.VIETQR
        or (transfer.account_number and transfer.account_number != order.payout_account_number)
    ):
        transfer.status = TransferStatus.UNKNOWN_CODE
    elif amount < order.total:
        transfer.status = TransferStatus.UNDERPAID
    elif amount > order.total:
        transfer.status = TransferStatus.OVERPAID
    else:
        made_at = _transfer_time(payload.get("transactionDate"))
        if made_at is None or made_at > order.expires_at:
            # Made after the deadline (or when, we can't tell): the deadline holds. A transfer
            # made in time but reported late still pays an order the cron hasn't expired yet.
            orders.expire_if_due(order)
        transfer.status = (
            TransferStatus.MATCHED if orders.mark_paid(order) else TransferStatus.NOT_PENDING
        )
    db.session.flush()
    return transfer


def _transfer_time(raw: object) -> datetime | None:
    """SePay's ``transactionDate`` ("2026-11-22 14:02:37", the bank's local time) in UTC."""
    try:
        local = datetime.strptime(str(raw), "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return None
    zone = display_zone()
    return local.replace(tzinfo=zone).astimezone(UTC)


def transfers_for_review() -> list[BankTransfer]:
    return list(
        db.session.scalars(
            select(BankTransfer)
            .where(BankTransfer.status.not_in([TransferStatus.MATCHED, TransferStatus.RESOLVED]))
            .options(joinedload(BankTransfer.order).joinedload(Order.stall).joinedload(Stall.bank))
            .order_by(BankTransfer.received_at.desc())
        )
    )


# Every state but resolved: what the admin's payments page offers to resolve.
OPEN_TRANSFERS = frozenset(TransferStatus) - {TransferStatus.RESOLVED}


def transfer_to_resolve(transfer_id: int) -> BankTransfer:
    transfer = db.session.get(BankTransfer, transfer_id)
    if transfer is None:
        raise NotFound()
    return transfer


def resolve_transfer(transfer: BankTransfer, note: str, *, by) -> None:
    """An admin dealt with a transfer the bank reported (refund, wrong code...), with a reason.

    A compare-and-set: of two admins resolving it at once, the second is told it is done.
    """
    already = Conflict(_l("This transfer is already resolved."))
    if transfer.status == TransferStatus.RESOLVED:
        raise already
    note = (note or "").strip()
    if not note:
        raise DomainError(_l("Give a reason: the owner will read it."), field="reason")
    if not compare_and_set(
        BankTransfer,
        transfer.id,
        OPEN_TRANSFERS,
        status=TransferStatus.RESOLVED,
        resolved_note=note,
    ):
        raise already
    db.session.refresh(transfer)
    record_decision(
        actor_id=by.id,
        action="transfer.resolve",
        object_type="bank_transfer",
        object_id=transfer.id,
        reason=note,
    )
