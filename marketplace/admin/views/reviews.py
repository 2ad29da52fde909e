"""Stall and payout decisions, bank transfers, the audit log and the current dashboard."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from marketplace.accounts import services as accounts
from marketplace.accounts.access import admin_required, current_account
from marketplace.admin.services import audit_names
from marketplace.admin.views import bp
from marketplace.audit.services import history, recent_entries
from marketplace.errors import Conflict, DomainError
from marketplace.forms import FORM_ERROR_STATUS, add_domain_error
from marketplace.orders import queries as orders
from marketplace.orders.ledger import balances
from marketplace.payments import services as payments
from marketplace.stalls import services as stalls
from marketplace.stalls.forms import DecisionForm
from marketplace.stalls.models import Stall, StallStatus


@bp.get("/")
@admin_required
def dashboard():
    user_count, admin_count = accounts.user_counts()
    return render_template(
        "admin/dashboard.html",
        user_count=user_count,
        admin_count=admin_count,
        newest=accounts.newest_users(),
        stall_counts=stalls.count_by_status(),
    )


@bp.get("/stalls")
@admin_required
def stall_queue():
    status = request.args.get("status", StallStatus.PENDING.value)
    return render_template(
        "admin/stalls.html",
        stalls=stalls.review_queue(status),
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


@bp.get("/stalls/<int:stall_id>")
@admin_required
def stall_review(stall_id: int):
    return _stall_page(stalls.stall_for_review(stall_id), DecisionForm())


@bp.post("/stalls/<int:stall_id>/<action>")
@admin_required
def stall_decide(stall_id: int, action: str):
    if action not in stalls.DECISIONS:
        abort(404)
    stall = stalls.stall_for_review(stall_id)
    form = DecisionForm()
    if form.validate_on_submit():
        try:
            stalls.decide(stall, action, current_account(), form.reason.data)
        except Conflict as exc:
            raise exc.at(url_for("admin.stall_review", stall_id=stall.id)) from None
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            flash(_("Decision saved and the owner notified."), "success")
            return redirect(url_for("admin.stall_queue"))
    return _stall_page(stall, form, FORM_ERROR_STATUS)


@bp.post("/stalls/<int:stall_id>/payout/<any(approve, reject):decision>")
@admin_required
def payout_decide(stall_id: int, decision: str):
    """Approve or reject the new payout account an approved stall's owner asked for."""
    stall = stalls.stall_for_review(stall_id)
    form = DecisionForm(prefix="payout")
    if form.validate_on_submit():
        try:
            stalls.decide_payout_change(
                stall, decision == "approve", current_account(), form.reason.data
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
    entries = recent_entries()
    return render_template("admin/audit.html", entries=entries, names=audit_names(entries))


@bp.get("/payments")
@admin_required
def payments_review():
    return render_template(
        "admin/payments.html",
        transfers=payments.transfers_for_review(),
        balances=balances(),
        late=orders.paid_after_end(),
        owed=orders.open_owed_refunds(),
        form=DecisionForm(),
    )


@bp.post("/payments/transfers/<int:transfer_id>/resolve")
@admin_required
def resolve_transfer(transfer_id: int):
    back = url_for("admin.payments_review")
    transfer = payments.transfer_to_resolve(transfer_id)
    form = DecisionForm()
    note = form.reason.data if form.validate_on_submit() else ""
    try:
        payments.resolve_transfer(transfer, note or "", by=current_account())
    except Conflict as exc:
        raise exc.at(back) from None
    except DomainError as exc:  # no reason given: said above the list
        flash(str(exc.message), "error")
        return redirect(back)
    flash(_("Transfer marked as resolved."), "success")
    return redirect(back)
