from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from marketplace.accounts.access import admin_required
from marketplace.accounts.models import User
from marketplace.audit.models import AuditEntry
from marketplace.audit.services import history, record_decision
from marketplace.errors import Conflict, DomainError
from marketplace.extensions import db
from marketplace.forms import FORM_ERROR_STATUS, add_domain_error
from marketplace.orders.models import Order
from marketplace.orders.services import balances, open_owed_refunds
from marketplace.payments.models import BankTransfer, TransferStatus
from marketplace.payments.services import transfers_for_review
from marketplace.stalls import services as stalls
from marketplace.stalls.forms import DecisionForm
from marketplace.stalls.models import Stall, StallStatus

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.get("/")
@admin_required
def dashboard():
    user_count, admin_count = db.session.execute(
        select(func.count(User.id), func.count(User.id).filter(User.is_admin))
    ).one()
    newest = db.session.scalars(select(User).order_by(User.created_at.desc()).limit(20)).all()
    return render_template(
        "admin/dashboard.html",
        user_count=user_count,
        admin_count=admin_count,
        newest=newest,
        stall_counts=stalls.count_by_status(),
    )


@bp.get("/stalls")
@admin_required
def stall_queue():
    status = request.args.get("status", StallStatus.PENDING.value)
    if status not in {s.value for s in StallStatus}:
        abort(404)
    rows = db.session.scalars(
        select(Stall)
        .where(Stall.status == status)
        .options(joinedload(Stall.owner), joinedload(Stall.province))
        .order_by(Stall.updated_at.asc())  # the longest waiting first
    ).all()
    return render_template(
        "admin/stalls.html",
        stalls=rows,
        status=status,
        counts=stalls.count_by_status(),
        payout_changes=stalls.payout_changes_waiting(),
    )


def _stall_page(
    stall: Stall, form: DecisionForm, status: int = 200, payout_form: DecisionForm | None = None
):
    return render_template(
        "admin/stall.html",
        stall=stall,
        form=form,
        payout_form=payout_form or DecisionForm(prefix="payout"),
        decisions=stalls.allowed_decisions(stall),
        history=history("stall", stall.id),
    ), status


def _load_stall(stall_id: int) -> Stall:
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
        abort(404)
    return stall


@bp.get("/stalls/<int:stall_id>")
@admin_required
def stall_review(stall_id: int):
    return _stall_page(_load_stall(stall_id), DecisionForm())


@bp.post("/stalls/<int:stall_id>/<action>")
@admin_required
def stall_decide(stall_id: int, action: str):
    if action not in stalls.DECISIONS:
        abort(404)
    stall = _load_stall(stall_id)
    form = DecisionForm()
    if form.validate_on_submit():
        try:
            stalls.decide(stall, action, current_user._get_current_object(), form.reason.data)
        except Conflict as exc:
            raise exc.at(url_for("admin.stall_review", stall_id=stall.id)) from None
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            flash(_("Decision saved and the owner notified."), "success")
            return redirect(url_for("admin.stall_queue"))
    return _stall_page(stall, form, FORM_ERROR_STATUS)


def _audit_names(entries: list[AuditEntry]) -> dict[tuple[str, int], str]:
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


@bp.post("/stalls/<int:stall_id>/payout/<any(approve, reject):decision>")
@admin_required
def payout_decide(stall_id: int, decision: str):
    """Approve or reject the new payout account an approved stall's owner asked for."""
    stall = _load_stall(stall_id)
    form = DecisionForm(prefix="payout")
    if form.validate_on_submit():
        try:
            stalls.decide_payout_change(
                stall, decision == "approve", current_user._get_current_object(), form.reason.data
            )
        except Conflict as exc:
            raise exc.at(url_for("admin.stall_review", stall_id=stall.id)) from None
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            flash(_("Decision saved and the owner notified."), "success")
            return redirect(url_for("admin.stall_review", stall_id=stall.id))
    return _stall_page(stall, DecisionForm(), FORM_ERROR_STATUS, payout_form=form)


@bp.get("/audit")
@admin_required
def audit_log():
    entries = db.session.scalars(
        select(AuditEntry)
        .options(joinedload(AuditEntry.actor))
        .order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())
        .limit(200)
    ).all()
    return render_template("admin/audit.html", entries=entries, names=_audit_names(entries))


@bp.get("/payments")
@admin_required
def payments_review():
    late = db.session.scalars(
        select(Order)
        .where(Order.paid_after_end, Order.refunded_amount < Order.total)
        .options(joinedload(Order.stall))
        .order_by(Order.updated_at.desc())
        .limit(50)
    ).all()
    return render_template(
        "admin/payments.html",
        transfers=transfers_for_review(),
        balances=balances(),
        late=late,
        owed=open_owed_refunds(),
        form=DecisionForm(),
    )


@bp.post("/payments/transfers/<int:transfer_id>/resolve")
@admin_required
def resolve_transfer(transfer_id: int):
    transfer = db.session.get(BankTransfer, transfer_id)
    if transfer is None:
        abort(404)
    form = DecisionForm()
    if transfer.status == TransferStatus.RESOLVED:
        raise Conflict(_("This transfer is already resolved.")).at(url_for("admin.payments_review"))
    note = (form.reason.data or "").strip() if form.validate_on_submit() else ""
    if not note:
        flash(_("Give a reason: the owner will read it."), "error")
        return redirect(url_for("admin.payments_review"))
    transfer.status = TransferStatus.RESOLVED
    transfer.resolved_note = note
    record_decision(
        actor_id=current_user.id,
        action="transfer.resolve",
        object_type="bank_transfer",
        object_id=transfer.id,
        reason=note,
    )
    flash(_("Transfer marked as resolved."), "success")
    return redirect(url_for("admin.payments_review"))
