"""Signed links mailed to people: confirm an email address, reset a password.

Tokens are signed with SECRET_KEY (itsdangerous), each purpose with its own salt, so one kind
can't be used as another. They hold no secret, only which account and a fingerprint of what
must still be true for the link to work:

- a reset link carries a fingerprint of the current password hash: setting a new password
  changes the hash (a new random salt each time), so the link works once and dies with any
  other password change;
- a verification link carries the address it was sent to, so it can't confirm a changed one.
"""

from __future__ import annotations

import hashlib
import hmac

from itsdangerous import BadData, URLSafeTimedSerializer

from marketplace.accounts.models import User
from marketplace.config import setting
from marketplace.extensions import db

PASSWORD_RESET_MAX_AGE = 60 * 60  # one hour
VERIFY_EMAIL_MAX_AGE = 3 * 24 * 60 * 60  # three days
_RESET_SALT = "marketplace.password-reset"
_VERIFY_SALT = "marketplace.verify-email"
# Long enough for any token we make; anything longer is not worth verifying.
_MAX_TOKEN_LENGTH = 256


def _serializer(salt: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(setting("SECRET_KEY"), salt=salt)


def _password_fingerprint(user: User) -> str:
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:32]


def _load(token: str, salt: str, max_age: int) -> dict | None:
    if not token or len(token) > _MAX_TOKEN_LENGTH:
        return None
    try:
        data = _serializer(salt).loads(token, max_age=max_age)
    except BadData:
        return None
    return data if isinstance(data, dict) else None


def _user(data: dict | None) -> User | None:
    user_id = data.get("u") if data else None
    if not isinstance(user_id, int):
        return None
    return db.session.get(User, user_id)


def password_reset_token(user: User) -> str:
    return _serializer(_RESET_SALT).dumps({"u": user.id, "p": _password_fingerprint(user)})


def user_for_password_reset(token: str) -> User | None:
    """The account a reset link is for, or None if it is forged, expired or already used."""
    data = _load(token, _RESET_SALT, PASSWORD_RESET_MAX_AGE)
    user = _user(data)
    if user is None or not hmac.compare_digest(str(data.get("p")), _password_fingerprint(user)):
        return None
    return user


def verify_email_token(user: User) -> str:
    return _serializer(_VERIFY_SALT).dumps({"u": user.id, "e": user.email})


def user_for_email_verification(token: str) -> User | None:
    data = _load(token, _VERIFY_SALT, VERIFY_EMAIL_MAX_AGE)
    user = _user(data)
    if user is None or data.get("e") != user.email:
        return None
    return user
