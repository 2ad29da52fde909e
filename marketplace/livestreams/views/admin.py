"""Routes of the livestreams blueprint: admin — the approval queue, the agenda by day,
decisions, and studios."""

from __future__ import annotations

from datetime import date, timedelta

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from marketplace.accounts.access import admin_required, current_account
from marketplace.audit.services import history
from marketplace.errors import Conflict, DomainError
from marketplace.extensions import db
from marketplace.forms import FORM_ERROR_STATUS, add_domain_error, form_values, render_form
from marketplace.i18n import local_today
from marketplace.livestreams import agenda as reads
from marketplace.livestreams import booking, studios
from marketplace.livestreams.forms import ReasonForm, StudioForm
from marketplace.livestreams.models import Livestream, LivestreamProduct, Studio
from marketplace.livestreams.views import bp
from marketplace.stalls.models import Stall


def _load(livestream_id: int) -> Livestream:
    livestream = db.session.scalar(
        select(Livestream)
        .where(Livestream.id == livestream_id)
        .options(
            joinedload(Livestream.stall).joinedload(Stall.owner),
            joinedload(Livestream.studio),
            selectinload(Livestream.products).joinedload(LivestreamProduct.product),
        )
    )
    if livestream is None:
        abort(404)
    return livestream


@bp.get("/admin/livestreams")
@admin_required
def admin_queue():
    return render_template("livestreams/admin_queue.html", sessions=reads.approval_queue())


def _day_asked() -> date:
    raw = request.args.get("day", "")
    if not raw:
        return local_today()
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        abort(404)
    if not 2000 <= day.year <= 2100:
        abort(404)
    return day


@bp.get("/admin/livestreams/agenda")
@admin_required
def admin_agenda():
    day = _day_asked()
    return render_template(
        "livestreams/admin_agenda.html",
        agenda=reads.agenda(day),
        previous_day=day - timedelta(days=1),
        next_day=day + timedelta(days=1),
    )


def _review_page(livestream: Livestream, form: ReasonForm, status: int = 200):
    return render_template(
        "livestreams/admin_review.html",
        livestream=livestream,
        form=form,
        decisions=[d for d in booking.DECISIONS.values() if livestream.status in d.from_states],
        neighbours=reads.neighbours(livestream),
        history=history("livestream", livestream.id),
    ), status


@bp.get("/admin/livestreams/<int:livestream_id>")
@admin_required
def admin_review(livestream_id: int):
    return _review_page(_load(livestream_id), ReasonForm())


@bp.post("/admin/livestreams/<int:livestream_id>/<any(approve, reject):decision>")
@admin_required
def admin_decide(livestream_id: int, decision: str):
    livestream = _load(livestream_id)
    form = ReasonForm()
    if form.validate_on_submit():
        try:
            booking.decide(livestream, decision, current_account(), form.reason.data)
        except Conflict as exc:
            raise exc.at(url_for("livestreams.admin_review", livestream_id=livestream.id)) from None
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            flash(_("Decision saved and the owner notified."), "success")
            return redirect(url_for("livestreams.admin_queue"))
    return _review_page(livestream, form, FORM_ERROR_STATUS)


# --- Studios -------------------------------------------------------------------------------


@bp.get("/admin/studios")
@admin_required
def studio_list():
    return render_template("livestreams/studios.html", studios=studios.all_studios())


def _studio_details(form: StudioForm) -> studios.StudioDetails:
    return form_values(form, studios.StudioDetails)


@bp.route("/admin/studios/new", methods=["GET", "POST"])
@admin_required
def studio_new():
    form = StudioForm()
    form.load_choices()
    if form.validate_on_submit():
        try:
            studios.create_studio(_studio_details(form))
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            flash(_("The studio is saved."), "success")
            return redirect(url_for("livestreams.studio_list"))
    return render_form("livestreams/studio_form.html", form, studio=None)


def _studio(studio_id: int) -> Studio:
    studio = db.session.get(Studio, studio_id)
    if studio is None:
        abort(404)
    return studio


@bp.route("/admin/studios/<int:studio_id>/edit", methods=["GET", "POST"])
@admin_required
def studio_edit(studio_id: int):
    studio = _studio(studio_id)
    form = StudioForm(obj=studio if request.method == "GET" else None)
    if request.method == "GET":
        form.open_weekdays.data = list(studio.open_weekdays)
    form.load_choices()
    if form.validate_on_submit():
        try:
            studios.update_studio(studio, _studio_details(form))
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            flash(_("The studio is saved."), "success")
            return redirect(url_for("livestreams.studio_list"))
    return render_form("livestreams/studio_form.html", form, studio=studio)


@bp.post("/admin/studios/<int:studio_id>/<any(activate, deactivate):change>")
@admin_required
def studio_active(studio_id: int, change: str):
    form = ReasonForm()
    if not form.validate_on_submit():
        abort(400)
    studios.set_active(_studio(studio_id), change == "activate")
    flash(_("The studio is saved."), "success")
    return redirect(url_for("livestreams.studio_list"))
