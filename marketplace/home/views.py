from flask import Blueprint, redirect, render_template, request, session, url_for

from marketplace.accounts.access import current_account
from marketplace.accounts.services import choose_language
from marketplace.catalog.services import featured_products, newest_stalls
from marketplace.config import setting
from marketplace.db import utcnow
from marketplace.forms import safe_next_url
from marketplace.i18n import SESSION_LANGUAGE_KEY, local_today
from marketplace.livestreams.listing import home_livestreams

bp = Blueprint("home", __name__)


@bp.get("/")
def index():
    today, now = local_today(), utcnow()
    return render_template(
        "home/index.html",
        livestreams=home_livestreams(now),
        now=now,
        featured=featured_products(today),
        stalls=newest_stalls(),
        today=today,
    )


@bp.post("/language")
def set_language():
    """The language switch: remembered in the session, and in the profile when logged in."""
    language = request.form.get("language", "")
    if choose_language(language, user=current_account(), supported=setting("LANGUAGES")):
        session[SESSION_LANGUAGE_KEY] = language
    return redirect(safe_next_url(request.form.get("next"), url_for("home.index")))
