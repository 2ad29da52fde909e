"""Choices built from reference data, for forms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from marketplace.extensions import db
from marketplace.reference.models import Bank, Commune, Province


def province_choices() -> list[SelectChoice]:
    provinces = db.session.scalars(select(Province).order_by(Province.name)).all()
    return [SelectChoice(0, _l("Choose a province"))] + [
        SelectChoice(p.id, p.name) for p in provinces
    ]


def commune_choices() -> list[SelectChoice]:
    """Every commune, grouped under its province (the browser shows optgroups)."""
    rows = db.session.execute(
        select(Commune.id, Commune.name, Province.name)
        .join(Province)
        .order_by(Province.name, Commune.name)
    ).all()
    return [SelectChoice(0, _l("Choose a commune"))] + [
        SelectChoice(cid, name, optgroup=province) for cid, name, province in rows
    ]


def bank_choices() -> list[SelectChoice]:
    banks = db.session.scalars(select(Bank).order_by(Bank.short_name)).all()
    return [SelectChoice(0, _l("Choose a bank"))] + [
        SelectChoice(b.id, f"{b.short_name} — {b.name}") for b in banks
    ]
