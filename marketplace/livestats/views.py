"""The `livestats` blueprint: session statistics, the owner's dashboard, the admins' overview,
CSV exports and the platform figures an owner reports."""

from __future__ import annotations

from decimal import Decimal

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import joinedload

from marketplace.accounts.access import admin_required, get_owned_or_404, login_required
from marketplace.db import utcnow
from marketplace.errors import DomainError
from marketplace.forms import add_domain_error, form_values, render_form
from marketplace.livestats import export, platform, queries
from marketplace.livestats.chart import timeline_svg
from marketplace.livestats.forms import OverviewFilterForm, PlatformFiguresForm, PlatformImportForm
from marketplace.livestreams.models import Livestream
from marketplace.reference.services import province_choices
from marketplace.stalls.models import Stall

bp = Blueprint("livestats", __name__)


def _shown_percent(value) -> str | None:
    """A ratio as the reader writes it: "8,5" in Vietnamese (where "8.5" reads as 85)."""
    text = queries.percent(value)
    return None if text is None else format_decimal(Decimal(text), format="#,##0.0")


@bp.context_processor
def _figure_helpers() -> dict:
    return {"percent": _shown_percent, "number": format_decimal}


def _load(livestream_id: int) -> Livestream:
    """The session if the current user owns its stall or is an admin; otherwise 404."""
    return get_owned_or_404(
        Livestream, livestream_id, joinedload(Livestream.stall).joinedload(Stall.province)
    )


def _csv(text: str, filename: str) -> Response:
    response = Response(text.encode("utf-8"), mimetype="text/csv")
    response.charset = "utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@bp.get("/stall/livestreams/<int:livestream_id>/stats")
@login_required
def session_stats(livestream_id: int):
    livestream = _load(livestream_id)
    figures = queries.figures_for([livestream.id])[livestream.id]
    timeline = queries.timeline(livestream)
    return render_template(
        "livestats/session.html",
        livestream=livestream,
        figures=figures,
        report=queries.reports_for([livestream.id]).get(livestream.id),
        timeline=timeline,
        chart=timeline_svg(timeline),
        can_report=platform.report_refusal(livestream, utcnow()) is None,
        now=utcnow(),
    )


@bp.get("/stall/livestreams/<int:livestream_id>/stats/timeline.csv")
@login_required
def timeline_csv(livestream_id: int):
    livestream = _load(livestream_id)
    text = export.timeline_csv(queries.timeline(livestream))
    return _csv(text, f"livestream-{livestream.id}-timeline.csv")


@bp.route("/stall/livestreams/<int:livestream_id>/platform-figures", methods=["GET", "POST"])
@login_required
def platform_figures(livestream_id: int):
    livestream = _load(livestream_id)
    report = queries.reports_for([livestream.id]).get(livestream.id)
    form = PlatformFiguresForm(obj=report)
    if form.validate_on_submit():
        try:
            platform.record_platform_figures(
                livestream,
                form_values(form, platform.PlatformFigures),
                by_id=current_user.id,
                now=utcnow(),
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            flash(_("The platform's figures are saved."), "success")
            return redirect(url_for("livestats.session_stats", livestream_id=livestream.id))
    refusal = platform.report_refusal(livestream, utcnow())
    return render_form("livestats/platform_form.html", form, livestream=livestream, refusal=refusal)


@bp.route("/stall/livestreams/platform-figures/import", methods=["GET", "POST"])
@login_required
def platform_import():
    form = PlatformImportForm()
    if form.validate_on_submit():
        try:
            saved = platform.import_platform_csv(
                form.file.data.read(platform.CSV_MAX_BYTES + 1),
                owner_id=current_user.id,
                by_id=current_user.id,
            )
        except platform.PlatformImportError as error:
            form.file.errors = [*form.file.errors, *error.problems]
        else:
            flash(_("Platform figures saved for %(n)s sessions.", n=saved), "success")
            return redirect(url_for("livestats.owner_dashboard"))
    return render_form("livestats/platform_import.html", form, header=platform.CSV_HEADER)


@bp.get("/stall/livestreams/stats")
@login_required
def owner_dashboard():
    rows = queries.owner_sessions(current_user.id)
    return render_template(
        "livestats/dashboard.html", rows=rows, total=queries.total(rows), now=utcnow()
    )


@bp.get("/stall/livestreams/stats.csv")
@login_required
def owner_dashboard_csv():
    return _csv(export.sessions_csv(queries.owner_sessions(current_user.id)), "livestreams.csv")


def _overview_filter() -> tuple[OverviewFilterForm, queries.OverviewFilter, int]:
    form = OverviewFilterForm(formdata=request.args)
    form.province.choices = [(0, _("All provinces")), *province_choices()[1:]]
    if request.args and not form.validate():
        return form, queries.OverviewFilter(), 422
    return (
        form,
        queries.OverviewFilter(
            province_id=form.province.data or None,
            date_from=form.date_from.data,
            date_to=form.date_to.data,
        ),
        200,
    )


@bp.get("/admin/livestreams/stats")
@admin_required
def overview():
    form, filters, status = _overview_filter()
    rows = queries.overview_sessions(filters)
    return render_template(
        "livestats/overview.html",
        form=form,
        rows=rows,
        total=queries.total(rows),
        provinces=queries.province_totals(rows),
        now=utcnow(),
    ), status


@bp.get("/admin/livestreams/stats.csv")
@admin_required
def overview_csv():
    _form, filters, status = _overview_filter()
    if status != 200:
        return overview()  # the page, with the filter's errors (422)
    return _csv(export.sessions_csv(queries.overview_sessions(filters)), "livestreams-all.csv")
