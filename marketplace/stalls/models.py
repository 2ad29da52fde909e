from __future__ import annotations

import enum
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.accounts.models import User
from marketplace.db import status_column, utcnow
from marketplace.extensions import db
from marketplace.photos.models import Photo
from marketplace.reference.models import Bank, Commune, Province


class StallStatus(enum.StrEnum):
    PENDING = "pending"
    CHANGES_REQUESTED = "changes_requested"
    APPROVED = "approved"
    REJECTED = "rejected"
    SUSPENDED = "suspended"

    @property
    def label(self) -> str:
        """What people read for this value (translated); every member has one."""
        return str(STALL_STATUS_LABELS[self])


STALL_STATUS_LABELS = {
    StallStatus.PENDING: _l("Waiting for review"),
    StallStatus.CHANGES_REQUESTED: _l("Changes requested"),
    StallStatus.APPROVED: _l("Approved"),
    StallStatus.REJECTED: _l("Rejected"),
    StallStatus.SUSPENDED: _l("Suspended"),
}


class Stall(db.Model):
    __tablename__ = "stalls"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    story: Mapped[str] = mapped_column(Text, default="")
    province_id: Mapped[int] = mapped_column(ForeignKey("provinces.id"), index=True)
    commune_id: Mapped[int] = mapped_column(ForeignKey("communes.id"))
    pickup_address: Mapped[str] = mapped_column(String(255))
    contact_phone: Mapped[str] = mapped_column(String(16))
    zalo_phone: Mapped[str | None] = mapped_column(String(16))
    # use_alter: stalls, products and photos refer to each other in a cycle.
    logo_photo_id: Mapped[int | None] = mapped_column(
        ForeignKey("photos.id", ondelete="SET NULL", use_alter=True)
    )
    # Where VietQR transfers for this stall's orders go.
    bank_id: Mapped[int] = mapped_column(ForeignKey("banks.id"))
    bank_account_number: Mapped[str] = mapped_column(String(19))
    bank_account_name: Mapped[str] = mapped_column(String(80))
    # A new payout account the owner of an approved stall asked for: the account above stays in
    # use until an admin approves it (then it is copied there) or rejects it.
    payout_change_bank_id: Mapped[int | None] = mapped_column(ForeignKey("banks.id"))
    payout_change_account_number: Mapped[str | None] = mapped_column(String(19))
    payout_change_account_name: Mapped[str | None] = mapped_column(String(80))
    payout_change_requested_at: Mapped[datetime | None] = mapped_column(index=True)
    payout_change_requested_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    status: Mapped[StallStatus] = status_column(StallStatus, "stall_status")
    status_reason: Mapped[str | None] = mapped_column(Text)
    # Stall name, province and commune without diacritics, for product search.
    search_key: Mapped[str] = mapped_column(String(400), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    approved_at: Mapped[datetime | None]

    owner: Mapped[User] = relationship(foreign_keys=[owner_id])
    province: Mapped[Province] = relationship()
    commune: Mapped[Commune] = relationship()
    bank: Mapped[Bank] = relationship(foreign_keys=[bank_id])
    payout_change_bank: Mapped[Bank | None] = relationship(foreign_keys=[payout_change_bank_id])
    payout_change_requested_by: Mapped[User | None] = relationship(
        foreign_keys=[payout_change_requested_by_id]
    )
    logo: Mapped[Photo | None] = relationship(foreign_keys=[logo_photo_id])

    @classmethod
    def owned_by(cls, user_id: int) -> ColumnElement[bool]:
        return cls.owner_id == user_id

    def __repr__(self) -> str:
        return f"<Stall {self.id} {self.slug} {self.status}>"
