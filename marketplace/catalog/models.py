from __future__ import annotations

import enum
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ColumnElement, Date, ForeignKey, SmallInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.db import Money, status_column, utcnow
from marketplace.extensions import db
from marketplace.photos.models import Photo
from marketplace.reference.models import Category
from marketplace.stalls.models import Stall


class ProductStatus(enum.StrEnum):
    DRAFT = "draft"
    ACTIVE = "active"
    HIDDEN = "hidden"
    # The owner chose "active" but the product has no photo yet: not shown, not for sale. Its
    # first photo makes it ACTIVE; removing its last photo brings it back here. Keeping this in
    # the status means every "for sale" check (listing, cart, the checkout's conditional UPDATE)
    # stays the single test ``status == ACTIVE``.
    NEEDS_PHOTO = "needs_photo"

    @property
    def label(self) -> str:
        """What people read for this value (translated); every member has one."""
        return str(PRODUCT_STATUS_LABELS[self])


PRODUCT_STATUS_LABELS = {
    ProductStatus.DRAFT: _l("Draft"),
    ProductStatus.ACTIVE: _l("Active"),
    ProductStatus.HIDDEN: _l("Hidden"),
    ProductStatus.NEEDS_PHOTO: _l("Needs a photo"),
}


class Product(db.Model):
    __tablename__ = "products"
    __table_args__ = (
        CheckConstraint("price > 0", name="price_positive"),
        CheckConstraint("stock >= 0", name="stock_not_negative"),
        CheckConstraint("weight_grams >= 0", name="weight_not_negative"),
        CheckConstraint("ocop_stars IS NULL OR ocop_stars IN (3, 4, 5)", name="ocop_stars_valid"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    stall_id: Mapped[int] = mapped_column(ForeignKey("stalls.id"), index=True)
    name: Mapped[str] = mapped_column(String(160))
    description: Mapped[str] = mapped_column(Text, default="")
    category_id: Mapped[int] = mapped_column(ForeignKey("categories.id"), index=True)
    price: Mapped[Money]
    stock: Mapped[int] = mapped_column(default=0)
    unit_label: Mapped[str] = mapped_column(String(40))
    weight_grams: Mapped[int] = mapped_column(default=0)
    status: Mapped[ProductStatus] = status_column(ProductStatus, "product_status")
    ocop_stars: Mapped[int | None] = mapped_column(SmallInteger)
    ocop_certificate: Mapped[str | None] = mapped_column(String(60))
    ocop_expires_on: Mapped[date | None] = mapped_column(Date)
    # Diacritic-free search keys (see marketplace.vietnamese.search_key).
    name_key: Mapped[str] = mapped_column(String(200), index=True, default="")
    text_key: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    stall: Mapped[Stall] = relationship()
    category: Mapped[Category] = relationship()
    photos: Mapped[list[Photo]] = relationship(
        order_by=[Photo.position, Photo.id],
        cascade="all, delete-orphan",
        passive_deletes=True,
    )

    @classmethod
    def owned_by(cls, user_id: int) -> ColumnElement[bool]:
        return cls.stall.has(Stall.owner_id == user_id)

    @property
    def cover(self) -> Photo | None:
        return self.photos[0] if self.photos else None

    def ocop_valid_on(self, day: date) -> bool:
        return bool(self.ocop_stars and self.ocop_expires_on and self.ocop_expires_on >= day)

    @property
    def is_orderable(self) -> bool:
        return (
            self.status == ProductStatus.ACTIVE
            and self.stall.status == "approved"
            and self.stock > 0
        )
