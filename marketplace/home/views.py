from flask import current_app, redirect, render_template, request, session, url_for
from flask_login import current_user

from marketplace.forms import safe_next_url
from marketplace.home import bp
from marketplace.i18n import SESSION_LANGUAGE_KEY


@bp.get("/")
def index():
    return render_template("home/index.html")


@bp.post("/language")
def set_language():
    """The language switch: remembered in the session, and in the profile when logged in."""
    language = request.form.get("language", "")
    if language in current_app.config["LANGUAGES"]:
        session[SESSION_LANGUAGE_KEY] = language
        if current_user.is_authenticated:
            current_user.preferred_language = language
    return redirect(safe_next_url(request.form.get("next"), url_for("home.index")))
