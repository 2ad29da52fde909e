"""What the admin pages read that belongs to no single feature below (names across packages)."""

from __future__ import annotations

from sqlalchemy import select

from marketplace.audit.models import AuditEntry
from marketplace.extensions import db
from marketplace.orders.models import Order
from marketplace.stalls.models import Stall


def audit_names(entries: list[AuditEntry]) -> dict[tuple[str, int], str]:
    """The stall name or order code behind each entry: one statement per kind, not per row."""
    ids: dict[str, set[int]] = {}
    for entry in entries:
        ids.setdefault(entry.object_type, set()).add(entry.object_id)
    names: dict[tuple[str, int], str] = {}
    for object_type, column in (("stall", Stall.name), ("order", Order.code)):
        if ids.get(object_type):
            model = column.class_
            rows = db.session.execute(
                select(model.id, column).where(model.id.in_(ids[object_type]))
            )
            names.update({(object_type, object_id): name for object_id, name in rows})
    return names
