from __future__ import annotations

import enum
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ColumnElement, ForeignKey, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.accounts.models import User
from marketplace.db import Money, status_column, utcnow
from marketplace.extensions import db
from marketplace.livestreams.models import Livestream
from marketplace.reference.models import Bank, Commune, Province
from marketplace.stalls.models import Stall


class PaymentMethod(enum.StrEnum):
    VIETQR = "vietqr"
    CARD = "card"

    @property
    def label(self) -> str:
        """What people read for this value (translated); every member has one."""
        return str(PAYMENT_METHOD_LABELS[self])


PAYMENT_METHOD_LABELS = {
    PaymentMethod.VIETQR: _l("VietQR bank transfer"),
    PaymentMethod.CARD: _l("Card"),
}


# buyer_link: someone holding the checkout's link; buyer_account: the buyer, logged in.
CANCELLED_AS = ("buyer_link", "buyer_account", "owner", "admin")


class OrderStatus(enum.StrEnum):
    PENDING_PAYMENT = "pending_payment"
    PAID = "paid"
    PACKED = "packed"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"
    REFUNDED = "refunded"
    EXPIRED = "expired"

    @property
    def label(self) -> str:
        """What people read for this value (translated); every member has one."""
        return str(ORDER_STATUS_LABELS[self])


ORDER_STATUS_LABELS = {
    OrderStatus.PENDING_PAYMENT: _l("Waiting for payment"),
    OrderStatus.PAID: _l("Paid"),
    OrderStatus.PACKED: _l("Packed"),
    OrderStatus.SHIPPED: _l("Shipped"),
    OrderStatus.DELIVERED: _l("Delivered"),
    OrderStatus.CANCELLED: _l("Cancelled"),
    OrderStatus.REFUNDED: _l("Refunded"),
    OrderStatus.EXPIRED: _l("Expired"),
}


class Checkout(db.Model):
    """One submission of the checkout form: it groups one order per stall."""

    __tablename__ = "checkouts"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Generated when the form is shown; a second submission of the same form finds this row.
    token: Mapped[str] = mapped_column(String(64), unique=True)
    buyer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    buyer_name: Mapped[str] = mapped_column(String(120))
    buyer_phone: Mapped[str] = mapped_column(String(16))
    buyer_email: Mapped[str | None] = mapped_column(String(254))
    province_id: Mapped[int] = mapped_column(ForeignKey("provinces.id"))
    commune_id: Mapped[int] = mapped_column(ForeignKey("communes.id"))
    street: Mapped[str] = mapped_column(String(255))
    note: Mapped[str] = mapped_column(Text, default="")
    # One PaymentIntent covers the card-paid orders of the checkout.
    stripe_intent_id: Mapped[str | None] = mapped_column(String(255), unique=True)
    # The address the form came from (as the rate limiter sees it): unpaid holdings are capped
    # per address too.
    client_ip: Mapped[str | None] = mapped_column(String(45), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    province: Mapped[Province] = relationship()
    commune: Mapped[Commune] = relationship()
    orders: Mapped[list[Order]] = relationship(back_populates="checkout", order_by="Order.id")


class Order(db.Model):
    __tablename__ = "orders"
    __table_args__ = (
        CheckConstraint("total > 0", name="total_positive"),
        CheckConstraint("refunded_amount >= 0 AND refunded_amount <= total", name="refund_bounds"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Letters and digits only, at most 12: it is the bank-transfer memo.
    code: Mapped[str] = mapped_column(String(12), unique=True)
    checkout_id: Mapped[int] = mapped_column(ForeignKey("checkouts.id"), index=True)
    stall_id: Mapped[int] = mapped_column(ForeignKey("stalls.id"), index=True)
    buyer_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[OrderStatus] = status_column(OrderStatus, "order_status")
    payment_method: Mapped[PaymentMethod] = status_column(PaymentMethod, "payment_method")
    total: Mapped[Money]
    refunded_amount: Mapped[Money] = mapped_column(default=0)
    expires_at: Mapped[datetime] = mapped_column(index=True)
    paid_at: Mapped[datetime | None]
    # Who confirmed a bank transfer by hand (None when the bank's webhook did).
    payment_confirmed_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    status_note: Mapped[str | None] = mapped_column(Text)
    # The stall's payout account when the order was placed: its VietQR code and the bank details
    # shown for it always use this, even after the stall's account changes.
    payout_bank_id: Mapped[int] = mapped_column(ForeignKey("banks.id"))
    payout_account_number: Mapped[str] = mapped_column(String(19))
    payout_account_name: Mapped[str] = mapped_column(String(80))
    # A card payment that succeeded after the order had expired or been cancelled: its stock
    # may be gone, so an admin refunds it (listed on /admin/payments).
    # The PaymentIntent that charges this card order (a checkout's intent covers the card orders
    # pending when it was made; it is replaced if that set changes before payment).
    stripe_intent_id: Mapped[str | None] = mapped_column(String(255), index=True)
    paid_after_end: Mapped[bool] = mapped_column(default=False, server_default=false())
    # Who cancelled it, truthfully: one of CANCELLED_AS, and the account when one was logged in.
    cancelled_as: Mapped[str | None] = mapped_column(String(20))
    cancelled_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # The livestream this order is attributed to (last session page or share link the buyer
    # opened, order placed during it or up to LIVESTREAM_ATTRIBUTION_HOURS after): at most one.
    livestream_id: Mapped[int | None] = mapped_column(
        ForeignKey("livestreams.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    checkout: Mapped[Checkout] = relationship(back_populates="orders")
    stall: Mapped[Stall] = relationship()
    payout_bank: Mapped[Bank] = relationship()
    buyer: Mapped[User | None] = relationship(foreign_keys=[buyer_id])
    payment_confirmed_by: Mapped[User | None] = relationship(foreign_keys=[payment_confirmed_by_id])
    cancelled_by: Mapped[User | None] = relationship(foreign_keys=[cancelled_by_id])
    livestream: Mapped[Livestream | None] = relationship()
    owed_refund: Mapped[OwedRefund | None] = relationship(back_populates="order")
    lines: Mapped[list[OrderLine]] = relationship(
        back_populates="order", order_by="OrderLine.id", cascade="all, delete-orphan"
    )

    @classmethod
    def owned_by(cls, user_id: int) -> ColumnElement[bool]:
        """A stall owner "owns" their stall's orders (buyers see theirs through their history)."""
        return cls.stall.has(Stall.owner_id == user_id)


class OrderLine(db.Model):
    """What was bought, with the name and price as they were at checkout."""

    __tablename__ = "order_lines"
    __table_args__ = (
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint("unit_price > 0", name="unit_price_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id", ondelete="SET NULL"))
    product_name: Mapped[str] = mapped_column(String(160))
    unit_label: Mapped[str] = mapped_column(String(40))
    unit_price: Mapped[Money]
    quantity: Mapped[int]
    # Set when unit_price is that session's live price: the per-buyer limit counts these lines.
    live_price_livestream_id: Mapped[int | None] = mapped_column(
        ForeignKey("livestreams.id", ondelete="SET NULL"), index=True
    )

    order: Mapped[Order] = relationship(back_populates="lines")

    @property
    def line_total(self) -> int:
        return self.unit_price * self.quantity


class LedgerEntry(db.Model):
    """What the platform owes a stall for card payments: sales in, refunds out."""

    __tablename__ = "ledger_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    stall_id: Mapped[int] = mapped_column(ForeignKey("stalls.id"), index=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # sale | refund
    amount: Mapped[Money]  # positive for a sale, negative for a refund
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Refund(db.Model):
    __tablename__ = "refunds"
    __table_args__ = (CheckConstraint("amount > 0", name="amount_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    amount: Mapped[Money]
    stripe_refund_id: Mapped[str | None] = mapped_column(String(255), unique=True)
    by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class OwedRefund(db.Model):
    """Money the stall owes back to the buyer of a cancelled bank-transfer order.

    The platform never held that money, so nothing is refunded automatically: the row stays
    open (on the order page and /admin/payments) until someone marks it paid back.
    """

    __tablename__ = "owed_refunds"
    __table_args__ = (CheckConstraint("amount > 0", name="amount_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), unique=True)
    amount: Mapped[Money]
    reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    paid_back_at: Mapped[datetime | None] = mapped_column(index=True)
    paid_back_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    order: Mapped[Order] = relationship(back_populates="owed_refund")
    paid_back_by: Mapped[User | None] = relationship()
