"""Account rules: registration, authentication, profile, passwords, email checks and roles.

Services take plain arguments, flush (the request boundary commits) and raise DomainError.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from marketplace.accounts import tokens
from marketplace.accounts.models import User
from marketplace.accounts.phone import InvalidPhoneNumber, looks_like_phone, normalise_vn_mobile
from marketplace.db import utcnow
from marketplace.errors import DomainError, NotFound
from marketplace.extensions import db
from marketplace.mail import render_mail, send_after_commit

PASSWORD_MIN_LENGTH = 8
PASSWORD_MAX_LENGTH = 128
# Checked against when no account matches, so a wrong email costs as long as a wrong password.
_DUMMY_HASH = generate_password_hash("not-a-real-password")


def normalise_email(email: str) -> str:
    return email.strip().lower()


def hash_password(password: str) -> str:
    if not PASSWORD_MIN_LENGTH <= len(password) <= PASSWORD_MAX_LENGTH:
        raise DomainError(
            _l(
                "Password must be %(min)s to %(max)s characters long.",
                min=PASSWORD_MIN_LENGTH,
                max=PASSWORD_MAX_LENGTH,
            ),
            field="password",
        )
    return generate_password_hash(password)  # scrypt, werkzeug's default


def _ensure_unique(email: str | None, phone: str | None, exclude_id: int | None = None) -> None:
    for column, value, field, message in (
        (User.email, email, "email", _l("An account with this email already exists.")),
        (User.phone, phone, "phone", _l("An account with this phone number already exists.")),
    ):
        if value is None:
            continue
        stmt = select(User.id).where(column == value)
        if exclude_id is not None:
            stmt = stmt.where(User.id != exclude_id)
        if db.session.scalar(stmt) is not None:
            raise DomainError(message, field=field)


def _flush_unique(user: User) -> None:
    """Flush in a savepoint so a racing duplicate becomes a form error, not a 500."""
    try:
        with db.session.begin_nested():
            db.session.add(user)
    except IntegrityError as exc:
        raise DomainError(_l("An account with this email or phone already exists.")) from exc


def parse_phone(raw: str | None) -> str | None:
    if raw is None or not raw.strip():
        return None
    try:
        return normalise_vn_mobile(raw)
    except InvalidPhoneNumber as exc:
        raise DomainError(
            _l("Enter a Vietnamese mobile number, for example 0912 345 678."), field="phone"
        ) from exc


def register_user(
    *,
    full_name: str,
    email: str,
    password: str,
    phone: str | None = None,
    preferred_language: str | None = None,
    is_admin: bool = False,
    email_verified: bool = False,
) -> User:
    """Create an account or raise DomainError (the CLI and demo data; people use ``sign_up``)."""
    email = normalise_email(email)
    phone = parse_phone(phone)
    _ensure_unique(email, phone)
    user = User(
        full_name=full_name.strip(),
        email=email,
        phone=phone,
        password_hash=hash_password(password),
        preferred_language=preferred_language,
        is_admin=is_admin,
        email_verified_at=utcnow() if email_verified else None,
    )
    _flush_unique(user)
    return user


@dataclass(frozen=True)
class SignUp:
    full_name: str
    email: str
    password: str
    phone: str | None = None
    preferred_language: str | None = None


def sign_up(details: SignUp) -> None:
    """Registration that tells the person at the keyboard nothing about other accounts.

    Whatever exists, the answer is "check your email", and the news goes to the mailbox:
    a new account gets its confirmation link; an address that already has an account gets a
    note that someone tried, with links to log in or reset the password. A phone number that
    is already another account's is left off the new account, and its confirmation mail says
    so (only the owner of the new mailbox learns it, one mail per registration).
    """
    email = normalise_email(details.email)
    phone = parse_phone(details.phone)
    password_hash = hash_password(details.password)  # paid on every path: same time either way
    existing = db.session.scalar(select(User).where(User.email == email))
    if existing is not None:
        send_after_commit(
            render_mail(
                "register_existing",
                to=existing.email,
                locale=existing.preferred_language or details.preferred_language,
                user=existing,
            )
        )
        return
    phone_taken = (
        phone is not None
        and db.session.scalar(select(User.id).where(User.phone == phone)) is not None
    )
    user = User(
        full_name=details.full_name.strip(),
        email=email,
        phone=None if phone_taken else phone,
        password_hash=password_hash,
        preferred_language=details.preferred_language,
    )
    _flush_unique(user)
    send_verification(user, phone_dropped=phone_taken)


def send_verification(user: User, *, phone_dropped: bool = False) -> None:
    send_after_commit(
        render_mail(
            "verify_email",
            to=user.email,
            locale=user.preferred_language,
            user=user,
            token=tokens.verify_email_token(user),
            phone_dropped=phone_dropped,
        )
    )


def verify_email(token: str) -> User:
    user = tokens.user_for_email_verification(token)
    if user is None:
        raise DomainError(_l("This link no longer works. Log in and ask for a new one."))
    if user.email_verified_at is None:
        user.email_verified_at = utcnow()
        db.session.flush()
    return user


def find_by_identifier(identifier: str) -> User | None:
    identifier = identifier.strip()
    if looks_like_phone(identifier):
        try:
            phone = normalise_vn_mobile(identifier)
        except InvalidPhoneNumber:
            return None
        return db.session.scalar(select(User).where(User.phone == phone))
    return db.session.scalar(select(User).where(User.email == normalise_email(identifier)))


def account_key(identifier: str) -> str:
    """One name for an account however it is typed (email or phone, any spelling).

    Rate limits count against this, so ``MAI@x.vn`` and ``0912 345 678`` share a budget when
    they are the same account. Text that matches no account is keyed on its normal form,
    which behaves the same, so the limits reveal nothing about who has an account.
    """
    user = find_by_identifier(identifier)
    if user is not None:
        return f"user:{user.id}"
    identifier = identifier.strip()
    if looks_like_phone(identifier):
        try:
            return f"phone:{normalise_vn_mobile(identifier)}"
        except InvalidPhoneNumber:
            return f"text:{identifier.lower()}"
    return f"email:{normalise_email(identifier)}"


def authenticate(identifier: str, password: str) -> User | None:
    """The user whose email or phone and password match, else None."""
    user = find_by_identifier(identifier)
    if user is None:
        check_password_hash(_DUMMY_HASH, password)
        return None
    if not check_password_hash(user.password_hash, password):
        return None
    user.last_login_at = utcnow()
    return user


def revoke_sessions(user: User) -> None:
    """Void every session and remember-me cookie of this user (a compare-free atomic bump)."""
    db.session.execute(
        update(User)
        .where(User.id == user.id)
        .values(session_version=User.session_version + 1)
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(user, ["session_version"])


def update_profile(
    user: User, *, full_name: str, phone: str | None, preferred_language: str | None
) -> None:
    phone = parse_phone(phone)
    _ensure_unique(None, phone, exclude_id=user.id)
    user.full_name = full_name.strip()
    user.phone = phone
    user.preferred_language = preferred_language or None
    _flush_unique(user)


def change_password(user: User, *, current_password: str, new_password: str) -> None:
    if not check_password_hash(user.password_hash, current_password):
        raise DomainError(_l("Your current password is not correct."), field="current_password")
    user.password_hash = hash_password(new_password)
    db.session.flush()
    revoke_sessions(user)


def request_password_reset(identifier: str, *, locale: str | None = None) -> None:
    """Mail a reset link if the account exists; do nothing visible otherwise."""
    user = find_by_identifier(identifier)
    if user is None:
        return
    send_after_commit(
        render_mail(
            "password_reset",
            to=user.email,
            locale=user.preferred_language or locale,
            user=user,
            token=tokens.password_reset_token(user),
        )
    )


def user_for_password_reset(token: str) -> User:
    user = tokens.user_for_password_reset(token)
    if user is None:
        raise DomainError(
            _l(
                "This link no longer works: it was used, it is more than an hour old, "
                "or it is incomplete."
            )
        )
    return user


def reset_password(token: str, new_password: str) -> User:
    """Set a new password from a reset link; the link dies and every session ends."""
    user = user_for_password_reset(token)
    user.password_hash = hash_password(new_password)
    # Following the link proved the address is theirs.
    if user.email_verified_at is None:
        user.email_verified_at = utcnow()
    db.session.flush()
    revoke_sessions(user)
    return user


def set_admin(email: str, is_admin: bool) -> User:
    user = db.session.scalar(select(User).where(User.email == normalise_email(email)))
    if user is None:
        raise NotFound(_l("No account with email %(email)s.", email=email))
    if user.is_admin != is_admin:
        user.is_admin = is_admin
        db.session.flush()
        # Losing the role takes effect at once, everywhere.
        if not is_admin:
            revoke_sessions(user)
    return user


def user_counts() -> tuple[int, int]:
    """How many accounts there are, and how many of them are admins."""
    users, admins = db.session.execute(
        select(func.count(User.id), func.count(User.id).filter(User.is_admin))
    ).one()
    return users, admins


def newest_users(limit: int = 20) -> list[User]:
    return list(db.session.scalars(select(User).order_by(User.created_at.desc()).limit(limit)))


def choose_language(language: str, *, user: User | None, supported) -> bool:
    """The language switch: False for a language the site doesn't offer; a logged-in user's
    profile keeps the choice (the view keeps it in the session for everybody)."""
    if language not in supported:
        return False
    if user is not None:
        user.preferred_language = language
        db.session.flush()
    return True
