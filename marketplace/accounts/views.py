from __future__ import annotations

from flask import (
    Blueprint,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from marketplace import hooks
from marketplace.accounts import limits, services
from marketplace.accounts.access import current_account
from marketplace.accounts.forms import (
    ChangePasswordForm,
    ForgotPasswordForm,
    LoginForm,
    ProfileForm,
    RegisterForm,
    ResetPasswordForm,
)
from marketplace.accounts.hooks import LANDING, LOGGED_IN
from marketplace.accounts.phone import format_vn_phone
from marketplace.config import setting
from marketplace.errors import DomainError
from marketplace.extensions import limiter
from marketplace.forms import add_domain_error, form_values, render_form, safe_next_url
from marketplace.i18n import SESSION_LANGUAGE_KEY

bp = Blueprint("accounts", __name__)


def _start_session(user, remember: bool = False) -> None:
    """A new session at login: nothing planted in the guest session survives but the language."""
    guest_session = dict(session)
    session.clear()
    if language := guest_session.get(SESSION_LANGUAGE_KEY):
        session[SESSION_LANGUAGE_KEY] = language
    login_user(user, remember=remember)
    hooks.each(LOGGED_IN, user=user, guest_session=guest_session)  # the cart merges here


def _landing(user) -> str:
    """Where someone goes after logging in: a safe ``next``, else their own workplace."""
    if user.is_admin:
        default = url_for("admin.dashboard")
    else:  # a stall owner's stall (the stalls package answers), else the front page
        default = next(filter(None, hooks.each(LANDING, user=user)), url_for("home.index"))
    return safe_next_url(request.args.get("next"), default)


def _rate(name: str):
    return lambda: setting(name)


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit(
    _rate("REGISTER_RATE_LIMIT"),
    methods=["POST"],
    deduct_when=limits.sent,
)
def register():
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            services.sign_up(
                form_values(
                    form,
                    services.SignUp,
                    preferred_language=session.get(SESSION_LANGUAGE_KEY),
                )
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            # The same answer whether the email or phone had an account: the mail tells.
            return redirect(url_for("accounts.check_email"))
    return render_form("accounts/register.html", form)


@bp.get("/register/check-email")
def check_email():
    return render_template("accounts/check_email.html")


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(
    _rate("LOGIN_RATE_LIMIT"),
    key_func=limits.login_key,
    methods=["POST"],
    deduct_when=limits.failed,
)
@limiter.limit(
    _rate("LOGIN_ACCOUNT_RATE_LIMIT"),
    key_func=limits.login_account_key,
    methods=["POST"],
    deduct_when=limits.failed,
    exempt_when=limits.is_known_device,
)
@limiter.limit(
    _rate("LOGIN_IP_RATE_LIMIT"),
    methods=["POST"],
    deduct_when=limits.failed,
    exempt_when=limits.is_known_device,
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
            return limits.remember_device(redirect(_landing(user)), user.id)
        form.form_errors.append(_("Wrong email, mobile number or password."))
    return render_form("accounts/login.html", form)


@bp.route("/password/forgot", methods=["GET", "POST"])
@limiter.limit(
    _rate("PASSWORD_RESET_RATE_LIMIT"),
    key_func=limits.reset_account_key,
    methods=["POST"],
    deduct_when=limits.sent,
)
@limiter.limit(_rate("PASSWORD_RESET_IP_RATE_LIMIT"), methods=["POST"], deduct_when=limits.sent)
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        services.request_password_reset(
            form.identifier.data, locale=session.get(SESSION_LANGUAGE_KEY)
        )
        return redirect(url_for("accounts.reset_sent"))
    return render_form("accounts/forgot.html", form)


@bp.get("/password/forgot/sent")
def reset_sent():
    return render_template("accounts/reset_sent.html")


def _link_invalid(message: str):
    return render_template("accounts/link_invalid.html", message=message), 400


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
@limiter.limit(_rate("PASSWORD_RESET_IP_RATE_LIMIT"), methods=["POST"], deduct_when=limits.failed)
def reset_password(token: str):
    try:
        services.user_for_password_reset(token)
    except DomainError as exc:
        return _link_invalid(exc.message)
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            user = services.reset_password(token, form.password.data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            _start_session(user)
            flash(_("Your new password is set. Other devices have been logged out."), "success")
            return limits.remember_device(redirect(_landing(user)), user.id)
    return render_form("accounts/reset.html", form)


@bp.get("/verify/<token>")
def verify_email(token: str):
    try:
        user = services.verify_email(token)
    except DomainError as exc:
        return _link_invalid(exc.message)
    flash(_("Your email address is confirmed."), "success")
    if current_user.is_authenticated and current_user.id == user.id:
        return redirect(url_for("stalls.apply"))
    return redirect(url_for("accounts.login"))


@bp.post("/account/verify/resend")
@login_required
@limiter.limit(
    _rate("VERIFY_RESEND_RATE_LIMIT"),
    key_func=lambda: f"verify:{getattr(current_user, 'id', None)}",
)
def resend_verification():
    user = current_account()
    if user.email_verified:
        flash(_("Your email address is already confirmed."), "info")
    else:
        services.send_verification(user)
        flash(_("We sent a new link to %(email)s.", email=user.email), "success")
    return redirect(safe_next_url(request.form.get("next"), url_for("accounts.profile")))


@bp.post("/logout")
@login_required
def logout():
    services.revoke_sessions(current_account())
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
    user = current_account()
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
    user = current_account()
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
