from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import joinedload

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


def record_admin_edit(actor, owner_id: int, *, object_type: str, object_id: int, action: str):
    """An admin changing someone else's stall or product through the owner's pages (which let
    admins in) is a decision to keep: audit it. The owner's own edits are not audited here."""
    if not getattr(actor, "is_admin", False) or actor.id == owner_id:
        return None
    return record_decision(
        actor_id=actor.id,
        action=f"{object_type}.{action}",
        object_type=object_type,
        object_id=object_id,
        reason=None,
    )


def history(object_type: str, object_id: int) -> list[AuditEntry]:
    return list(
        db.session.scalars(
            select(AuditEntry)
            .where(AuditEntry.object_type == object_type, AuditEntry.object_id == object_id)
            .order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())
        )
    )


def recent_entries(limit: int = 200) -> list[AuditEntry]:
    """The newest decisions first, with who made them."""
    return list(
        db.session.scalars(
            select(AuditEntry)
            .options(joinedload(AuditEntry.actor))
            .order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())
            .limit(limit)
        )
    )
