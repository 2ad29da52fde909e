from __future__ import annotations

from sqlalchemy import ForeignKey, String, UniqueConstraint
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
    name: Mapped[str] = mapped_column(String(80))
    communes: Mapped[list[Commune]] = relationship(
        back_populates="province", order_by="Commune.name"
    )


class Commune(db.Model):
    """A commune or ward, directly under its province since 2025 (a demo set for now)."""

    __tablename__ = "communes"
    __table_args__ = (UniqueConstraint("province_id", "name"), {"info": REFERENCE})

    id: Mapped[int] = mapped_column(primary_key=True)
    province_id: Mapped[int] = mapped_column(ForeignKey("provinces.id"), index=True)
    name: Mapped[str] = mapped_column(String(80))
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
