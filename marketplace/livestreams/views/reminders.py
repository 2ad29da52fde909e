"""Routes of the livestreams blueprint: reminders and calendars (see the package docstring).

"Nhắc tôi" (``remind``), the mailed confirm link, unsubscribing (a page with one button, and
the RFC 8058 one-click POST that mail clients send), and the ``.ics`` feeds.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Response, flash, redirect, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from marketplace.accounts.access import current_account
from marketplace.accounts.limits import sent
from marketplace.config import setting
from marketplace.db import utcnow
from marketplace.errors import DomainError, NotFound, json_error
from marketplace.extensions import csrf, limiter
from marketplace.forms import add_domain_error, render_form, safe_next_url
from marketplace.livestreams import calendar, reminders
from marketplace.livestreams.models import Livestream, LivestreamSubscription
from marketplace.livestreams.reminder_forms import ReminderLinkForm, RemindForm, RemindMeForm
from marketplace.livestreams.views import bp


def _rate(name: str):
    return lambda: setting(name)


def _remind_email_key() -> str:
    """Mail to one address is limited whoever asks (an account: by its id)."""
    if current_user.is_authenticated:
        return f"remind-user:{current_user.id}"
    typed = reminders.normalise_email(request.form.get("email"))[:254]
    return f"remind-email:{typed}"


def _user():
    return current_account()


def _remind_form() -> RemindMeForm:
    return RemindMeForm() if current_user.is_authenticated else RemindForm()


@dataclass(frozen=True)
class ReminderState:
    """What the "Nhắc tôi" block shows: whether the session takes reminders, and the logged-in
    user's reminder when it is on."""

    accepts: bool
    subscription: LivestreamSubscription | None
    minutes: int


@bp.app_template_global("reminder_state")
def reminder_state(livestream: Livestream) -> ReminderState:
    subscription = None
    if current_user.is_authenticated:
        subscription = reminders.active_subscription(current_user.id, livestream.id)
    return ReminderState(
        accepts=reminders.takes_new_reminders(livestream, utcnow()),
        subscription=subscription,
        minutes=setting("LIVESTREAM_REMINDER_MINUTES"),
    )


def _remind_page(livestream_id: int, form: RemindMeForm):
    livestream = reminders.public_livestream(livestream_id)
    accepts = reminders.takes_new_reminders(livestream, utcnow())
    return render_form("livestreams/remind.html", form, livestream=livestream, accepts=accepts)


@bp.get("/livestreams/<int:livestream_id>/remind")
def remind_page(livestream_id: int):
    """The "Nhắc tôi" form on a page of its own: where it comes back with errors."""
    return _remind_page(livestream_id, _remind_form())


@bp.post("/livestreams/<int:livestream_id>/remind")
@limiter.limit(_rate("LIVESTREAM_REMIND_RATE_LIMIT"), deduct_when=sent)
@limiter.limit(
    _rate("LIVESTREAM_REMIND_EMAIL_RATE_LIMIT"), key_func=_remind_email_key, deduct_when=sent
)
def remind(livestream_id: int):
    form = _remind_form()
    if form.validate_on_submit():
        email = form.email.data if isinstance(form, RemindForm) else None
        try:
            on = reminders.subscribe(
                livestream_id, user=_user(), email=email, locale=str(get_locale())
            )
        except NotFound:
            raise
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            if on:
                flash(_("Done: we will remind you by email before it starts."), "success")
            else:
                flash(_("Check your inbox: follow the link in our mail to turn the reminder on."))
            default = url_for("livestreams.remind_page", livestream_id=livestream_id)
            return redirect(safe_next_url(form.next.data, default))
    return _remind_page(livestream_id, form)


@bp.route("/livestreams/reminders/<token>/confirm", methods=["GET", "POST"])
def confirm_reminder(token: str):
    subscription = reminders.subscription_by_token(token)
    form = ReminderLinkForm()
    if form.validate_on_submit():
        try:
            reminders.confirm(token)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            flash(_("Your reminder is on: we will email you before it starts."), "success")
            endpoint = reminders.session_page_endpoint()
            return redirect(url_for(endpoint, livestream_id=subscription.livestream_id))
    return render_form("livestreams/reminder_confirm.html", form, subscription=subscription)


@bp.route("/livestreams/reminders/<token>/unsubscribe", methods=["GET", "POST"])
def unsubscribe(token: str):
    subscription = reminders.subscription_by_token(token)
    form = ReminderLinkForm()
    if form.validate_on_submit():
        reminders.unsubscribe(token)
        flash(_("Done: no more mail about this livestream."), "success")
        default = url_for("livestreams.unsubscribe", token=token)
        return redirect(safe_next_url(form.next.data, default))
    return render_form("livestreams/reminder_unsubscribe.html", form, subscription=subscription)


# Exempt from CSRF, and only this route: mail clients POST here with no cookie and no form
# (RFC 8058), so there is no session to forge a request in. The unguessable token in the path
# is the only authority, and all it can do is stop mail about one session to one address.
@bp.post("/livestreams/reminders/<token>/one-click")
@csrf.exempt
def one_click_unsubscribe(token: str):
    if request.form.get("List-Unsubscribe") != "One-Click":
        return json_error(400, "bad_request", "the body must be List-Unsubscribe=One-Click")
    try:
        reminders.unsubscribe(token)
    except NotFound:
        return json_error(404, "not_found", "unknown link")
    return {"unsubscribed": True}


# --- Calendars -----------------------------------------------------------------------------


def _ics(body: bytes, filename: str | None = None) -> Response:
    response = Response(body, content_type=calendar.CONTENT_TYPE)
    if filename:
        response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@bp.get("/livestreams.ics")
def calendar_feed():
    return _ics(calendar.to_ical(calendar.feed_livestreams(), name=_("Chợ Phiên livestreams")))


@bp.get("/stalls/<slug>/livestreams.ics")
def stall_calendar(slug: str):
    stall = calendar.public_stall_by_slug(slug)
    livestreams = calendar.feed_livestreams(stall_id=stall.id)
    name = _("Livestreams of %(stall)s", stall=stall.name)
    return _ics(calendar.to_ical(livestreams, name=name))


@bp.get("/livestreams/<int:livestream_id>/calendar.ics")
def session_calendar(livestream_id: int):
    livestream = calendar.calendar_livestream(livestream_id)
    body = calendar.to_ical([livestream], name=livestream.title)
    return _ics(body, filename=f"livestream-{livestream.id}.ics")
