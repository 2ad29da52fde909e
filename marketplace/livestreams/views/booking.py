"""Routes of the livestreams blueprint: booking — an owner's sessions: book, edit, cancel."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from marketplace.accounts.access import current_account, get_owned_or_404
from marketplace.audit.services import record_admin_edit
from marketplace.db import utcnow
from marketplace.errors import Conflict, DomainError
from marketplace.forms import add_domain_error, render_form
from marketplace.livestreams import booking
from marketplace.livestreams.forms import ReasonForm, session_form
from marketplace.livestreams.models import Livestream
from marketplace.livestreams.times import to_local
from marketplace.livestreams.views import bp
from marketplace.stalls.models import Stall, StallStatus


def _mine_url(stall_id: int) -> str:
    return url_for("livestreams.mine", stall_id=stall_id)


@bp.get("/my/stalls/<int:stall_id>/livestreams")
@login_required
def mine(stall_id: int):
    stall = get_owned_or_404(Stall, stall_id)
    return render_template(
        "livestreams/mine.html",
        stall=stall,
        sessions=booking.sessions_of_stall(stall.id),
        can_edit=booking.can_edit,
        can_cancel=booking.can_cancel,
        now=utcnow(),
    )


@bp.route("/my/stalls/<int:stall_id>/livestreams/new", methods=["GET", "POST"])
@login_required
def book(stall_id: int):
    stall = get_owned_or_404(Stall, stall_id)
    if stall.status != StallStatus.APPROVED:
        flash(_("Your stall must be approved before you book a live session."), "error")
        return redirect(_mine_url(stall.id))
    products = booking.bookable_products(stall.id)
    form = session_form(products, booking.active_studios())
    if form.validate_on_submit():
        try:
            booking.book_session(stall, form.details(), by=current_account())
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            flash(_("Your session is booked and sent to the Youth Union for approval."), "success")
            return redirect(_mine_url(stall.id))
    return render_form(
        "livestreams/form.html", form, stall=stall, livestream=None, products=products
    )


def _current_values(livestream: Livestream) -> dict:
    start, end = to_local(livestream.starts_at), to_local(livestream.ends_at)
    values = {
        "title": livestream.title,
        "description": livestream.description,
        "platform": livestream.platform.value,
        "stream_url": livestream.stream_url,
        "starts_on": start.date(),
        "starts_time": start.time(),
        "ends_on": end.date() if end.date() != start.date() else None,
        "ends_time": end.time(),
        "studio_id": livestream.studio_id,
        "products": [lp.product_id for lp in livestream.products],
    }
    for lp in livestream.products:
        values[f"live_price_{lp.product_id}"] = lp.live_price
        values[f"per_buyer_limit_{lp.product_id}"] = lp.per_buyer_limit
    return values


@bp.route("/my/livestreams/<int:livestream_id>/edit", methods=["GET", "POST"])
@login_required
def edit(livestream_id: int):
    livestream = get_owned_or_404(Livestream, livestream_id, *booking.EDIT_OPTIONS)
    stall = livestream.stall
    if not booking.can_edit(livestream):
        raise Conflict(_("This session can no longer be changed.")).at(_mine_url(stall.id))
    products, studios = booking.edit_choices(livestream)
    data = _current_values(livestream) if request.method == "GET" else None
    form = session_form(products, studios, data=data)
    if form.validate_on_submit():
        try:
            outcome = booking.update_session(livestream, form.details(), by=current_account())
        except Conflict as exc:
            raise exc.at(_mine_url(stall.id)) from None
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            record_admin_edit(
                current_account(),
                stall.owner_id,
                object_type="livestream",
                object_id=livestream.id,
                action="admin_edit",
            )
            again = _("Your changes are saved and sent for approval again.")
            flash(again if outcome.resubmitted else _("Your changes are saved."), "success")
            return redirect(_mine_url(stall.id))
    return render_form(
        "livestreams/form.html", form, stall=stall, livestream=livestream, products=products
    )


@bp.route("/my/livestreams/<int:livestream_id>/cancel", methods=["GET", "POST"])
@login_required
def cancel(livestream_id: int):
    livestream = get_owned_or_404(Livestream, livestream_id, *booking.EDIT_OPTIONS)
    form = ReasonForm()
    if form.validate_on_submit():
        try:
            booking.cancel_session(livestream, by=current_account(), reason=form.reason.data)
        except Conflict as exc:
            raise exc.at(_mine_url(livestream.stall_id)) from None
        flash(
            _("The session is cancelled. People who asked for a reminder will be told."), "success"
        )
        return redirect(_mine_url(livestream.stall_id))
    return render_form("livestreams/cancel.html", form, livestream=livestream, now=utcnow())
