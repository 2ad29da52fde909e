"""Rate limits on logging in, password reset and registration, and the known-device cookie.

Failed logins are counted three ways (only failures count, so people who get in pay nothing):

1. per (address, account): LOGIN_RATE_LIMIT, small. One address guessing one account stops
   quickly. A device the account has logged in from before is counted by itself instead of by
   its address, so someone sharing the owner's address (a café, a carrier NAT) can't lock the
   owner's phone out.
2. per account: LOGIN_ACCOUNT_RATE_LIMIT, larger, counting only devices the account doesn't
   know. Guessing one account from many addresses is slowed; the owner's known devices still
   get in, from any address.
3. per address: LOGIN_IP_RATE_LIMIT, large, counting devices unknown to the account they try.
   One address guessing many accounts is slowed.

An account is named by ``services.account_key`` (email and phone spellings share a budget).
Behind a proxy the address is right only when TRUSTED_PROXY_HOPS says how many to trust.

The known-device cookie is signed (it can't be made up, and only says "this browser logged in
as these accounts before"); it is set at each successful login and kept for a year.
"""

from __future__ import annotations

import secrets

from flask import g, request
from flask_limiter.util import get_remote_address
from itsdangerous import BadSignature, URLSafeSerializer

from marketplace.accounts import services
from marketplace.config import setting
from marketplace.forms import FORM_ERROR_STATUS

KNOWN_DEVICE_COOKIE = "known_device"
KNOWN_DEVICE_DAYS = 365
# A shared family phone: remember this many accounts per device.
_KNOWN_ACCOUNTS_PER_DEVICE = 5
_SALT = "marketplace.known-device"


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(setting("SECRET_KEY"), salt=_SALT)


def _device() -> dict:
    """This browser's device record: ``{"d": random id, "u": [account ids]}``, or empty."""
    if "known_device" not in g:
        raw = request.cookies.get(KNOWN_DEVICE_COOKIE, "")
        try:
            data = _serializer().loads(raw) if raw and len(raw) < 512 else {}
        except BadSignature:
            data = {}
        g.known_device = data if isinstance(data, dict) else {}
    return g.known_device


def _typed_account() -> str:
    """The account the submitted form names (resolved once per request)."""
    if "typed_account" not in g:
        typed = (request.form.get("identifier") or "")[:254]
        g.typed_account = services.account_key(typed)
    return g.typed_account


def is_known_device() -> bool:
    """Has this browser logged in before as the account it is trying now?"""
    account = _typed_account()
    ids = _device().get("u")
    return (
        account.startswith("user:")
        and isinstance(ids, list)
        and int(account.removeprefix("user:")) in ids
    )


def login_key() -> str:
    where = f"device:{_device().get('d')}" if is_known_device() else get_remote_address()
    return f"login:{where}:{_typed_account()}"


def login_account_key() -> str:
    return f"login-account:{_typed_account()}"


def reset_account_key() -> str:
    return f"reset-account:{_typed_account()}"


def failed(response) -> bool:
    return response.status_code == FORM_ERROR_STATUS


def sent(response) -> bool:
    """A form that was accepted (and may have sent mail); typing errors cost nothing."""
    return response.status_code == 302


def remember_device(response, user_id: int):
    """Add this account to the browser's known-device cookie."""
    device = _device()
    ids = [i for i in device.get("u", []) if isinstance(i, int) and i != user_id]
    ids = [user_id, *ids][:_KNOWN_ACCOUNTS_PER_DEVICE]
    value = _serializer().dumps({"d": device.get("d") or secrets.token_urlsafe(12), "u": ids})
    response.set_cookie(
        KNOWN_DEVICE_COOKIE,
        value,
        max_age=KNOWN_DEVICE_DAYS * 24 * 3600,
        httponly=True,
        samesite="Lax",
        secure=setting("SESSION_COOKIE_SECURE"),
    )
    return response
