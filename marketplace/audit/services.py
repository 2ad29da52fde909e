from __future__ import annotations

from sqlalchemy import select

from marketplace.audit.models import AuditEntry
from marketplace.extensions import db


def record_decision(
    *, actor_id: int | None, action: str, object_type: str, object_id: int, reason: str | None
) -> AuditEntry:
    entry = AuditEntry(
        actor_id=actor_id,
        action=action,
        object_type=object_type,
        object_id=object_id,
        reason=reason or None,
    )
    db.session.add(entry)
    db.session.flush()
    return entry


def history(object_type: str, object_id: int) -> list[AuditEntry]:
    return list(
        db.session.scalars(
            select(AuditEntry)
            .where(AuditEntry.object_type == object_type, AuditEntry.object_id == object_id)
            .order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())
        )
    )
