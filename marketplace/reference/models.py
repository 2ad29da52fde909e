from __future__ import annotations

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.extensions import db

# Tables whose rows come from migrations; test cleanup leaves them alone.
REFERENCE = {"reference_data": True}


class Province(db.Model):
    """A province or centrally-run city (34 since the 2025 reorganisation)."""

    __tablename__ = "provinces"
    __table_args__ = {"info": REFERENCE}

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)  # slug, e.g. "lao-cai"
    # The statistics office's code ("01" Hà Nội, "96" Cà Mau), from the vietnam-provinces package.
    official_code: Mapped[str] = mapped_column(String(2), unique=True, index=True)
    name: Mapped[str] = mapped_column(String(80))
    # Vietnamese alphabetical order (marketplace.reference.sorting): ORDER BY this, never name.
    sort_key: Mapped[str] = mapped_column(String(255))
    communes: Mapped[list[Commune]] = relationship(
        back_populates="province", order_by="Commune.sort_key"
    )


class Commune(db.Model):
    """A commune, ward or special zone, directly under its province since 1 July 2025.

    All 3,321 come from the vietnam-provinces package. A commune without an official code is one
    of the early demo rows that matched no real commune but is still named by a stall or an order:
    it is kept so that those stay valid, and never offered again.
    """

    __tablename__ = "communes"
    __table_args__ = (
        UniqueConstraint("province_id", "name"),
        Index("ix_communes_province_id_sort_key", "province_id", "sort_key"),
        {"info": REFERENCE},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    province_id: Mapped[int] = mapped_column(ForeignKey("provinces.id"), index=True)
    official_code: Mapped[str | None] = mapped_column(String(5), unique=True, index=True)
    name: Mapped[str] = mapped_column(String(80))
    sort_key: Mapped[str] = mapped_column(String(255))
    province: Mapped[Province] = relationship(back_populates="communes")


class Bank(db.Model):
    """A Vietnamese bank with its 6-digit NAPAS BIN (the VietQR acquirer id)."""

    __tablename__ = "banks"
    __table_args__ = {"info": REFERENCE}

    id: Mapped[int] = mapped_column(primary_key=True)
    bin: Mapped[str] = mapped_column(String(6), unique=True)
    short_name: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(160))


class Category(db.Model):
    __tablename__ = "categories"
    __table_args__ = {"info": REFERENCE}

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(40), unique=True)
    name_vi: Mapped[str] = mapped_column(String(80))
    name_en: Mapped[str] = mapped_column(String(80))
    position: Mapped[int] = mapped_column(default=0)

    def name_for(self, locale: str) -> str:
        return self.name_en if locale == "en" else self.name_vi
