from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.orm import joinedload

from marketplace import hooks
from marketplace.accounts.access import current_account, get_owned_or_404
from marketplace.accounts.phone import format_vn_phone
from marketplace.audit.services import record_admin_edit
from marketplace.errors import DomainError
from marketplace.forms import add_domain_error, form_values, render_form, uploaded
from marketplace.stalls import services
from marketplace.stalls.forms import StallForm
from marketplace.stalls.hooks import DASHBOARD
from marketplace.stalls.models import Stall

bp = Blueprint("stalls", __name__)


def _details(form: StallForm) -> services.StallDetails:
    return form_values(form, services.StallDetails, story=form.story.data or "")


def landing(*, user) -> str | None:
    """The ``accounts.LANDING`` hook: an owner lands on their stall, or on their stalls."""
    stalls = services.stalls_of(user.id)
    if len(stalls) == 1:
        return url_for("stalls.dashboard", stall_id=stalls[0].id)
    return url_for("stalls.my_stalls") if stalls else None


@bp.route("/stalls/apply", methods=["GET", "POST"])
@login_required
def apply():
    if not current_user.email_verified:
        # Shopping needs no confirmed address; a stall, which takes people's money, does.
        page = render_template("accounts/verify_first.html", user=current_user)
        return page, (200 if request.method == "GET" else 403)
    form = StallForm()
    form.load_choices()
    if form.validate_on_submit():
        try:
            stall = services.apply_for_stall(current_account(), _details(form), uploaded(form.logo))
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            flash(_("Your stall is sent for review. We will tell you by email."), "success")
            return redirect(url_for("stalls.dashboard", stall_id=stall.id))
    return render_form("stalls/form.html", form, stall=None)


@bp.get("/my/stalls")
@login_required
def my_stalls():
    return render_template("stalls/mine.html", stalls=services.stalls_of(current_user.id))


@bp.get("/my/stalls/<int:stall_id>")
@login_required
def dashboard(stall_id: int):
    stall = get_owned_or_404(
        Stall,
        stall_id,
        joinedload(Stall.province),
        joinedload(Stall.bank),
        joinedload(Stall.payout_change_bank),
    )
    panels = {}  # the products (catalog), the balance and orders waiting (orders)
    for panel in hooks.each(DASHBOARD, stall=stall):
        panels.update(panel)
    return render_template("stalls/dashboard.html", stall=stall, **panels)


def _saved_message(outcome) -> str:
    if outcome.resubmitted:
        return _("Your changes are saved and sent for review again.")
    if outcome.payout_change_requested:
        return _(
            "Your stall is saved. The new payout account is sent for review: until "
            "it is approved, transfers still go to the current account."
        )
    return _("Your stall is saved.")


@bp.route("/my/stalls/<int:stall_id>/edit", methods=["GET", "POST"])
@login_required
def edit(stall_id: int):
    stall = get_owned_or_404(Stall, stall_id)
    form = StallForm(obj=stall)
    if request.method == "GET":
        form.contact_phone.data = format_vn_phone(stall.contact_phone)
        form.zalo_phone.data = format_vn_phone(stall.zalo_phone)
    form.load_choices()
    if form.validate_on_submit():
        user = current_account()
        try:
            outcome = services.update_stall(stall, _details(form), uploaded(form.logo), by=user)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            record_admin_edit(
                user, stall.owner_id, object_type="stall", object_id=stall.id, action="admin_edit"
            )
            flash(_saved_message(outcome), "success")
            return redirect(url_for("stalls.dashboard", stall_id=stall.id))
    return render_form("stalls/form.html", form, stall=stall)
