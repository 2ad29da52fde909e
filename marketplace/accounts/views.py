from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from marketplace.accounts import services
from marketplace.accounts.forms import ChangePasswordForm, LoginForm, ProfileForm, RegisterForm
from marketplace.accounts.phone import format_vn_phone
from marketplace.cart.services import merge_guest_cart
from marketplace.cart.views import SESSION_CART_KEY
from marketplace.errors import DomainError
from marketplace.extensions import limiter
from marketplace.forms import FORM_ERROR_STATUS, add_domain_error, render_form, safe_next_url
from marketplace.i18n import SESSION_LANGUAGE_KEY

bp = Blueprint("accounts", __name__)


def _start_session(user, remember: bool = False) -> None:
    """A new session at login: nothing planted in the guest session survives but the language."""
    language = session.get(SESSION_LANGUAGE_KEY)
    guest_cart = session.get(SESSION_CART_KEY)
    session.clear()
    if language:
        session[SESSION_LANGUAGE_KEY] = language
    login_user(user, remember=remember)
    if guest_cart:
        merge_guest_cart(user.id, guest_cart)


def _login_key() -> str:
    identifier = (request.form.get("identifier") or "").strip().lower()
    return f"login:{request.remote_addr}:{identifier}"


def _failed(response) -> bool:
    return response.status_code == FORM_ERROR_STATUS


@bp.route("/register", methods=["GET", "POST"])
def register():
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            user = services.register_user(
                full_name=form.full_name.data,
                email=form.email.data,
                phone=form.phone.data,
                password=form.password.data,
                preferred_language=session.get(SESSION_LANGUAGE_KEY),
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            _start_session(user)
            flash(_("Welcome to Chợ Phiên, %(name)s!", name=user.full_name), "success")
            return redirect(safe_next_url(request.args.get("next"), url_for("home.index")))
    return render_form("accounts/register.html", form)


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(
    lambda: current_app.config["LOGIN_RATE_LIMIT"],
    key_func=_login_key,
    methods=["POST"],
    deduct_when=_failed,
)
@limiter.limit(
    lambda: current_app.config["LOGIN_IP_RATE_LIMIT"], methods=["POST"], deduct_when=_failed
)
def login():
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form = LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.identifier.data, form.password.data)
        if user is not None:
            _start_session(user, remember=form.remember.data)
            flash(_("You are logged in."), "success")
            return redirect(safe_next_url(request.args.get("next"), url_for("home.index")))
        form.form_errors.append(_("Wrong email, mobile number or password."))
    return render_form("accounts/login.html", form)


@bp.post("/logout")
@login_required
def logout():
    services.revoke_sessions(current_user._get_current_object())
    language = session.get(SESSION_LANGUAGE_KEY)
    logout_user()
    session.clear()
    if language:
        session[SESSION_LANGUAGE_KEY] = language
    flash(_("You are logged out."), "info")
    return redirect(url_for("home.index"))


@bp.route("/account", methods=["GET", "POST"])
@login_required
def profile():
    user = current_user._get_current_object()
    form = ProfileForm(obj=user if request.method == "GET" else None)
    if request.method == "GET":
        form.phone.data = format_vn_phone(user.phone)
        form.preferred_language.data = user.preferred_language or "vi"
    if form.validate_on_submit():
        try:
            services.update_profile(
                user,
                full_name=form.full_name.data,
                phone=form.phone.data,
                preferred_language=form.preferred_language.data,
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            session[SESSION_LANGUAGE_KEY] = user.preferred_language
            flash(_("Your profile is saved."), "success")
            return redirect(url_for("accounts.profile"))
    return render_form("accounts/profile.html", form, user=user)


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    user = current_user._get_current_object()
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            services.change_password(
                user,
                current_password=form.current_password.data,
                new_password=form.new_password.data,
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            # Other devices are logged out; this one carries on with the new session version.
            _start_session(user)
            flash(_("Your password is changed. Other devices have been logged out."), "success")
            return redirect(url_for("accounts.profile"))
    return render_form("accounts/password.html", form)
