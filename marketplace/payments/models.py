from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.db import Money, status_column, utcnow
from marketplace.extensions import db
from marketplace.orders.models import Order


class ProcessedEvent(db.Model):
    """A webhook event already handled: the UNIQUE key makes a redelivery a no-op."""

    __tablename__ = "processed_events"
    __table_args__ = (UniqueConstraint("provider", "event_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    provider: Mapped[str] = mapped_column(String(20))  # stripe | bank
    event_id: Mapped[str] = mapped_column(String(255))
    event_type: Mapped[str] = mapped_column(String(80))
    received_at: Mapped[datetime] = mapped_column(default=utcnow)


class TransferStatus(enum.StrEnum):
    MATCHED = "matched"  # applied: the order is paid
    UNDERPAID = "underpaid"
    OVERPAID = "overpaid"
    UNKNOWN_CODE = "unknown_code"
    NOT_PENDING = "not_pending"  # the order was already paid, expired or cancelled
    RESOLVED = "resolved"  # an admin dealt with it


class BankTransfer(db.Model):
    """An incoming transfer reported by the bank's webhook; anything unclear waits for an admin."""

    __tablename__ = "bank_transfers"

    id: Mapped[int] = mapped_column(primary_key=True)
    provider_id: Mapped[str] = mapped_column(String(64), unique=True)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"), index=True)
    account_number: Mapped[str] = mapped_column(String(32))
    amount: Mapped[Money]
    content: Mapped[str] = mapped_column(Text)
    reference: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[TransferStatus] = status_column(TransferStatus, "transfer_status")
    raw: Mapped[dict] = mapped_column(JSON)
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    resolved_note: Mapped[str | None] = mapped_column(Text)

    order: Mapped[Order | None] = relationship()
