"""Stalls: applying, editing, and the admins' decisions (an explicit state machine)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import BinaryIO

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update
from sqlalchemy.orm import joinedload

from marketplace.accounts.models import User
from marketplace.accounts.services import parse_phone
from marketplace.audit.services import record_decision
from marketplace.db import compare_and_set, utcnow
from marketplace.errors import Conflict, DomainError, NotFound
from marketplace.extensions import db
from marketplace.mail import render_mail, send_after_commit
from marketplace.photos.services import delete_photo, store_photo
from marketplace.reference.models import Bank, Commune, Province
from marketplace.stalls.models import Stall, StallStatus
from marketplace.vietnamese import bank_account_name, nfc, search_key, slugify

S = StallStatus


@dataclass(frozen=True)
class Decision:
    action: str
    from_states: frozenset[StallStatus]
    to_state: StallStatus
    reason_required: bool


# The whole state machine. Owners move a stall only from changes_requested back to pending
# (by editing it); everything else is an admin's decision, audited with its reason.
DECISIONS: dict[str, Decision] = {
    d.action: d
    for d in (
        Decision("approve", frozenset({S.PENDING}), S.APPROVED, reason_required=False),
        Decision("reject", frozenset({S.PENDING, S.CHANGES_REQUESTED}), S.REJECTED, True),
        Decision("request_changes", frozenset({S.PENDING}), S.CHANGES_REQUESTED, True),
        Decision("suspend", frozenset({S.APPROVED}), S.SUSPENDED, True),
        Decision("reinstate", frozenset({S.SUSPENDED}), S.APPROVED, True),
    )
}


# What a stale decision is told: the stall's status now.
STATUS_NOW = {
    S.PENDING: _l("The stall is waiting for review."),
    S.CHANGES_REQUESTED: _l("The stall was sent back to its owner for changes."),
    S.APPROVED: _l("The stall is already approved."),
    S.REJECTED: _l("The stall has been rejected."),
    S.SUSPENDED: _l("The stall is suspended."),
}


def allowed_decisions(stall: Stall) -> list[Decision]:
    return [d for d in DECISIONS.values() if stall.status in d.from_states]


@dataclass
class StallDetails:
    """What an owner fills in; the same for applying and editing."""

    name: str
    story: str
    province_id: int
    commune_id: int
    pickup_address: str
    contact_phone: str
    zalo_phone: str | None
    bank_id: int
    bank_account_number: str
    bank_account_name: str


def _phone(raw: str | None, field: str) -> str | None:
    try:
        return parse_phone(raw)
    except DomainError as exc:
        raise DomainError(exc.message, field=field) from exc


def _clean(details: StallDetails) -> dict:
    commune = db.session.get(Commune, details.commune_id)
    if commune is None or commune.province_id != details.province_id:
        raise DomainError(_l("Choose a commune in the chosen province."), field="commune_id")
    province = db.session.get(Province, details.province_id)
    if db.session.get(Bank, details.bank_id) is None:
        raise DomainError(_l("Choose a bank from the list."), field="bank_id")
    account_number = "".join(details.bank_account_number.split())
    if not (account_number.isascii() and account_number.isdigit()) or len(account_number) > 19:
        raise DomainError(
            _l("An account number has only digits, at most 19."), field="bank_account_number"
        )
    holder = bank_account_name(details.bank_account_name)
    if not holder or not all(ch.isascii() and (ch.isalpha() or ch == " ") for ch in holder):
        raise DomainError(
            _l("Write the account holder's name as the bank does, e.g. THAO THI MY."),
            field="bank_account_name",
        )
    contact_phone = _phone(details.contact_phone, "contact_phone")
    if contact_phone is None:
        raise DomainError(_l("This field is required."), field="contact_phone")
    zalo_phone = _phone(details.zalo_phone, "zalo_phone")
    name = nfc(details.name).strip()
    return {
        "name": name,
        "story": nfc(details.story).strip(),
        "province_id": province.id,
        "commune_id": commune.id,
        "pickup_address": nfc(details.pickup_address).strip(),
        "contact_phone": contact_phone,
        "zalo_phone": zalo_phone,
        "bank_id": details.bank_id,
        "bank_account_number": account_number,
        "bank_account_name": holder,
        "search_key": search_key(name, province.name, commune.name),
    }


def _unique_slug(name: str) -> str:
    base = slugify(name) or "gian-hang"
    taken = set(db.session.scalars(select(Stall.slug).where(Stall.slug.like(f"{base}%"))))
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def apply_for_stall(owner: User, details: StallDetails, logo: BinaryIO | None = None) -> Stall:
    values = _clean(details)
    stall = Stall(owner_id=owner.id, slug=_unique_slug(values["name"]), status=S.PENDING, **values)
    db.session.add(stall)
    db.session.flush()
    if logo is not None:
        stall.logo = store_photo(logo, folder=f"stalls/{stall.id}")
    db.session.flush()
    return stall


# The stall's payout account: where its orders' VietQR transfers go.
PAYOUT_FIELDS = ("bank_id", "bank_account_number", "bank_account_name")
# A stall still in review changes its account freely: that review covers it.
_REVIEW_COVERS_PAYOUT = {S.PENDING, S.CHANGES_REQUESTED}


@dataclass(frozen=True)
class StallUpdate:
    resubmitted: bool = False  # a stall sent back for changes went back to the review queue
    payout_change_requested: bool = False  # a new payout account now waits for an admin


def update_stall(
    stall: Stall, details: StallDetails, logo: BinaryIO | None = None, *, by: User | None = None
) -> StallUpdate:
    """Save the owner's edits; a stall sent back for changes goes back to the review queue.

    On a stall that was approved, a new payout account is not applied: it waits for an admin
    (``decide_payout_change``) and the current account stays in use until then.
    """
    values = _clean(details)
    payout = {key: values.pop(key) for key in PAYOUT_FIELDS}
    requested = False
    if stall.status in _REVIEW_COVERS_PAYOUT:
        values.update(payout)
        values.update(_NO_PAYOUT_CHANGE)
    else:
        requested = _request_payout_change(stall, payout, by)
    for key, value in values.items():
        setattr(stall, key, value)
    if logo is not None:
        old = stall.logo
        stall.logo = store_photo(logo, folder=f"stalls/{stall.id}")
        if old is not None:
            delete_photo(old)
    db.session.flush()
    if stall.status == S.CHANGES_REQUESTED:
        if not compare_and_set(Stall, stall.id, {S.CHANGES_REQUESTED}, status=S.PENDING):
            raise Conflict(_l("This stall changed meanwhile. Reload the page and try again."))
        db.session.refresh(stall)
        return StallUpdate(resubmitted=True)
    return StallUpdate(payout_change_requested=requested)


_NO_PAYOUT_CHANGE = {
    "payout_change_bank_id": None,
    "payout_change_account_number": None,
    "payout_change_account_name": None,
    "payout_change_requested_at": None,
    "payout_change_requested_by_id": None,
}


def _account_text(bank_id: int | None, number: str | None, holder: str | None) -> str:
    bank = db.session.get(Bank, bank_id) if bank_id is not None else None
    return f"{bank.short_name if bank else '?'} {number} {holder}"


def _request_payout_change(stall: Stall, payout: dict, by: User | None) -> bool:
    """Keep a new payout account aside for review. Returns True when a new request was made."""
    wanted = tuple(payout[key] for key in PAYOUT_FIELDS)
    current = (stall.bank_id, stall.bank_account_number, stall.bank_account_name)
    waiting = (
        stall.payout_change_bank_id,
        stall.payout_change_account_number,
        stall.payout_change_account_name,
    )
    if wanted == current:
        if stall.payout_change_requested_at is not None:  # back to the account in use
            for key, value in _NO_PAYOUT_CHANGE.items():
                setattr(stall, key, value)
            db.session.flush()
            record_decision(
                actor_id=by.id if by else None,
                action="stall.payout_withdraw",
                object_type="stall",
                object_id=stall.id,
                reason=None,
            )
        return False
    if wanted == waiting:
        return False  # the same request, saved again
    (
        stall.payout_change_bank_id,
        stall.payout_change_account_number,
        stall.payout_change_account_name,
    ) = wanted
    stall.payout_change_requested_at = utcnow()
    stall.payout_change_requested_by_id = by.id if by else None
    db.session.flush()
    record_decision(
        actor_id=by.id if by else None,
        action="stall.payout_request",
        object_type="stall",
        object_id=stall.id,
        reason=f"{_account_text(*current)} → {_account_text(*wanted)}",
    )
    _mail_payout_change(stall, "requested", wanted, reason=None)
    return True


def decide_payout_change(stall: Stall, approve: bool, admin: User, reason: str | None) -> Stall:
    """An admin approves (the new account is used from now on) or rejects a payout change.

    Orders placed before keep the account they were placed with either way.
    """
    stale = _l("No payout account change is waiting for this stall: it was decided meanwhile.")
    if stall.payout_change_requested_at is None:
        raise Conflict(stale)
    reason = (reason or "").strip() or None
    if not approve and not reason:
        raise DomainError(_l("Give a reason: the owner will read it."), field="reason")
    wanted = (
        stall.payout_change_bank_id,
        stall.payout_change_account_number,
        stall.payout_change_account_name,
    )
    values = dict(_NO_PAYOUT_CHANGE)
    if approve:
        values.update(zip(PAYOUT_FIELDS, wanted, strict=True))
    # Compare-and-set on the request the admin decided on: a newer one is not decided by this.
    result = db.session.execute(
        update(Stall)
        .where(
            Stall.id == stall.id,
            Stall.payout_change_requested_at.is_not(None),
            Stall.payout_change_bank_id == wanted[0],
            Stall.payout_change_account_number == wanted[1],
            Stall.payout_change_account_name == wanted[2],
        )
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise Conflict(stale)
    db.session.refresh(stall)
    step = "approved" if approve else "rejected"
    record_decision(
        actor_id=admin.id,
        action="stall.payout_approve" if approve else "stall.payout_reject",
        object_type="stall",
        object_id=stall.id,
        reason=reason,
    )
    _mail_payout_change(stall, step, wanted, reason=reason)
    return stall


def _mail_payout_change(stall: Stall, step: str, account: tuple, reason: str | None) -> None:
    owner = stall.owner
    send_after_commit(
        render_mail(
            "payout_change",
            to=owner.email,
            locale=owner.preferred_language,
            stall=stall,
            owner=owner,
            step=step,
            account=_account_text(*account),
            current=_account_text(
                stall.bank_id, stall.bank_account_number, stall.bank_account_name
            ),
            reason=reason,
        )
    )


def review_queue(status: str) -> list[Stall]:
    """The admin's list of stalls in one status, the longest waiting first (404: no such status)."""
    if status not in {s.value for s in StallStatus}:
        raise NotFound()
    return list(
        db.session.scalars(
            select(Stall)
            .where(Stall.status == status)
            .options(joinedload(Stall.owner), joinedload(Stall.province))
            .order_by(Stall.updated_at.asc())
        )
    )


def stall_for_review(stall_id: int) -> Stall:
    """A stall with everything the admin's review page shows, or 404."""
    stall = db.session.scalar(
        select(Stall)
        .where(Stall.id == stall_id)
        .options(
            joinedload(Stall.owner),
            joinedload(Stall.province),
            joinedload(Stall.commune),
            joinedload(Stall.bank),
            joinedload(Stall.payout_change_bank),
        )
    )
    if stall is None:
        raise NotFound()
    return stall


def payout_changes_waiting() -> list[Stall]:
    return list(
        db.session.scalars(
            select(Stall)
            .where(Stall.payout_change_requested_at.is_not(None))
            .options(joinedload(Stall.owner))
            .order_by(Stall.payout_change_requested_at.asc())
        )
    )


def decide(stall: Stall, action: str, admin: User, reason: str | None) -> Stall:
    """Apply an admin's decision: compare-and-set the status, audit it, tell the owner."""
    decision = DECISIONS.get(action)
    if decision is None:
        raise DomainError(_l("Unknown action."))
    if stall.status not in decision.from_states:
        raise Conflict(STATUS_NOW[stall.status])
    reason = (reason or "").strip() or None
    if decision.reason_required and not reason:
        raise DomainError(_l("Give a reason: the owner will read it."), field="reason")
    values = {"status": decision.to_state, "status_reason": reason}
    if decision.to_state == S.APPROVED and stall.approved_at is None:
        values["approved_at"] = utcnow()
    if not compare_and_set(Stall, stall.id, decision.from_states, **values):
        raise Conflict(
            _l("This stall's status changed meanwhile (another admin?). Reload and check.")
        )
    db.session.refresh(stall)
    record_decision(
        actor_id=admin.id,
        action=f"stall.{decision.action}",
        object_type="stall",
        object_id=stall.id,
        reason=reason,
    )
    owner = stall.owner
    send_after_commit(
        render_mail(
            "stall_status",
            to=owner.email,
            locale=owner.preferred_language,
            stall=stall,
            owner=owner,
            action=decision.action,
            reason=reason,
        )
    )
    return stall


def stalls_of(user_id: int) -> list[Stall]:
    return list(
        db.session.scalars(
            select(Stall).where(Stall.owner_id == user_id).order_by(Stall.created_at.desc())
        )
    )


def count_by_status() -> dict[StallStatus, int]:
    rows = db.session.execute(select(Stall.status, func.count()).group_by(Stall.status))
    return {status: count for status, count in rows}
