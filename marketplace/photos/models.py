from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from marketplace.config import adapter
from marketplace.db import utcnow
from marketplace.extensions import db


class Photo(db.Model):
    """A processed photo: WebP variants stored as ``<key_prefix>-<width>.webp``.

    The original upload is never kept. A photo belongs to a product (ordered by position) or
    is a stall's logo.
    """

    __tablename__ = "photos"

    id: Mapped[int] = mapped_column(primary_key=True)
    key_prefix: Mapped[str] = mapped_column(String(120), unique=True)
    width: Mapped[int]  # of the largest variant
    height: Mapped[int]
    widths: Mapped[str] = mapped_column(String(40))  # ascending, comma-separated: "320,800,1600"
    product_id: Mapped[int | None] = mapped_column(
        ForeignKey("products.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    @property
    def variant_widths(self) -> list[int]:
        return [int(w) for w in self.widths.split(",")]

    def key(self, width: int) -> str:
        return f"{self.key_prefix}-{width}.webp"

    @property
    def keys(self) -> list[str]:
        return [self.key(w) for w in self.variant_widths]

    def best_width(self, wanted: int) -> int:
        """The smallest variant at least ``wanted`` px wide (or the largest there is)."""
        for width in self.variant_widths:
            if width >= wanted:
                return width
        return self.variant_widths[-1]

    def height_at(self, width: int) -> int:
        return round(self.height * width / self.width)


def photo_url(photo: Photo, width: int) -> str:
    """The URL of the variant that best fits ``width`` CSS pixels (for templates)."""
    return adapter("storage").url(photo.key(photo.best_width(width)))


def photo_srcset(photo: Photo) -> str:
    storage = adapter("storage")
    return ", ".join(f"{storage.url(photo.key(w))} {w}w" for w in photo.variant_widths)
