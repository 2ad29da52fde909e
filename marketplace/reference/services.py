"""Reference data as lists and as choices for forms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from marketplace.extensions import db
from marketplace.reference.models import Bank, Category, Commune, Province


def categories() -> list[Category]:
    return list(db.session.scalars(select(Category).order_by(Category.position)))


def provinces() -> list[Province]:
    """In Vietnamese order (``sort_key``), never by name."""
    return list(db.session.scalars(select(Province).order_by(Province.sort_key)))


def province_choices() -> list[SelectChoice]:
    provinces = db.session.execute(
        select(Province.id, Province.name).order_by(Province.sort_key)
    ).all()
    return [SelectChoice(0, _l("Choose a province"))] + [
        SelectChoice(pid, name) for pid, name in provinces
    ]


def communes_of(province_id: int) -> list[tuple[int, str]]:
    """(id, name) of a province's communes in Vietnamese order; retired demo rows are left out."""
    rows = db.session.execute(
        select(Commune.id, Commune.name)
        .where(Commune.province_id == province_id, Commune.official_code.is_not(None))
        .order_by(Commune.sort_key)
    ).all()
    return [(cid, name) for cid, name in rows]


def commune_choices(province_id: int | None) -> list[SelectChoice]:
    """The communes of one province only (a page never carries all 3,321)."""
    if not province_id:
        return [SelectChoice(0, _l("Choose a province first"))]
    return [SelectChoice(0, _l("Choose a commune"))] + [
        SelectChoice(cid, name) for cid, name in communes_of(province_id)
    ]


def bank_choices() -> list[SelectChoice]:
    banks = db.session.scalars(select(Bank).order_by(Bank.short_name)).all()
    return [SelectChoice(0, _l("Choose a bank"))] + [
        SelectChoice(b.id, f"{b.short_name} — {b.name}") for b in banks
    ]
