"""Settings, read from environment variables.

Every setting has a name, a default that is safe for the embedded demo, and a line in the
README's configuration table. Tests pass overrides to ``create_app`` as a mapping.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from flask import current_app

ENVIRONMENTS = ("development", "production")
# Sessions and CSRF tokens are signed with SECRET_KEY: shorter keys can be brute-forced offline.
MIN_SECRET_KEY_BYTES = 32


class ConfigurationError(RuntimeError):
    """The app refuses to start with this configuration."""


def setting(name: str) -> Any:
    """The running app's value of a setting: the one way code reads configuration at run time."""
    return current_app.config[name]


def adapter(name: str) -> Any:
    """The adapter the factory chose for an edge (``storage``, ``mailer``, ``stripe_gateway``,
    ...; see ``register_adapters``), or None when that edge is not configured."""
    return current_app.extensions.get(name)


def display_zone() -> ZoneInfo:
    """Where the market is (Asia/Ho_Chi_Minh by default): times are shown and read there."""
    return ZoneInfo(setting("BABEL_DEFAULT_TIMEZONE"))


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ConfigurationError(f"{name} must be a whole number, got {value!r}") from exc


def _development_secret_key(instance_path: Path) -> str:
    """Read the instance's secret key, generating it once on first start."""
    key_file = instance_path / "secret_key"
    if key_file.exists():
        return key_file.read_text(encoding="ascii").strip()
    instance_path.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    # O_EXCL: when two workers start at once, the loser reads the winner's key.
    try:
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return key_file.read_text(encoding="ascii").strip()
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(key)
    return key


def configured_workers(argv: list[str] | None = None) -> int:
    """How many worker processes serve the app, as far as it can tell (1 when unknown).

    gunicorn takes its worker count from ``--workers``/``-w`` or, by default, from the
    ``WEB_CONCURRENCY`` environment variable (the README documents the latter).
    """
    import sys

    argv = sys.argv if argv is None else argv
    workers = _env_int("WEB_CONCURRENCY", 1)
    if argv and Path(argv[0]).name.startswith("gunicorn"):
        for i, arg in enumerate(argv):
            value = None
            if arg in {"-w", "--workers"} and i + 1 < len(argv):
                value = argv[i + 1]
            elif arg.startswith("--workers="):
                value = arg.partition("=")[2]
            elif arg.startswith("-w") and arg[2:].isdigit():
                value = arg[2:]
            if value and value.isdigit():
                workers = int(value)
    return workers


def load_config(instance_path: str, overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Build the app's settings from the environment, then apply ``overrides``."""
    overrides = dict(overrides or {})
    env = overrides.get("MARKETPLACE_ENV") or os.environ.get("MARKETPLACE_ENV", "development")
    if env not in ENVIRONMENTS:
        raise ConfigurationError(f"MARKETPLACE_ENV must be one of {ENVIRONMENTS}, got {env!r}")
    production = env == "production"
    instance = Path(instance_path)

    secret_key = overrides.get("SECRET_KEY") or os.environ.get("SECRET_KEY")
    database_url = overrides.get("SQLALCHEMY_DATABASE_URI") or os.environ.get("DATABASE_URL")
    if production:
        missing = [
            name
            for name, value in (("SECRET_KEY", secret_key), ("DATABASE_URL", database_url))
            if not value
        ]
        if missing:
            raise ConfigurationError(
                "Production mode needs these environment variables: " + ", ".join(missing)
            )
        if len(str(secret_key).encode()) < MIN_SECRET_KEY_BYTES:
            raise ConfigurationError(
                f"SECRET_KEY must be at least {MIN_SECRET_KEY_BYTES} bytes in production "
                '(e.g. python -c "import secrets; print(secrets.token_hex(32))")'
            )
        if _env_bool("FLASK_DEBUG", False) or overrides.get("DEBUG"):
            raise ConfigurationError(
                "FLASK_DEBUG must be off in production: the debugger runs code sent by the browser"
            )
    if not secret_key:
        secret_key = _development_secret_key(instance)
    if not database_url:
        instance.mkdir(parents=True, exist_ok=True)
        database_url = f"sqlite:///{instance / 'marketplace.sqlite3'}"

    redis_url = os.environ.get("REDIS_URL", "")
    config: dict[str, Any] = {
        "MARKETPLACE_ENV": env,
        "SECRET_KEY": secret_key,
        "SQLALCHEMY_DATABASE_URI": database_url,
        # No pool_pre_ping: the factory pings on checkout (db.ping_on_checkout) except on the
        # heartbeat's fast path, which retries on the pinged path when a connection is dead.
        "SQLALCHEMY_ENGINE_OPTIONS": {},
        "REDIS_URL": redis_url,
        # Sessions: signed cookie; a per-user session version revokes the others.
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": _env_bool("SESSION_COOKIE_SECURE", production),
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": _env_bool("SESSION_COOKIE_SECURE", production),
        "REMEMBER_COOKIE_DURATION": timedelta(days=30),
        "PERMANENT_SESSION_LIFETIME": timedelta(days=14),
        # Forms
        "WTF_CSRF_TIME_LIMIT": None,  # the token lives as long as the session
        "MAX_CONTENT_LENGTH": _env_int("MAX_CONTENT_LENGTH", 10 * 1024 * 1024),
        # Rate limits (Flask-Limiter): memory by default, Redis when REDIS_URL is set.
        "RATELIMIT_STORAGE_URI": redis_url or "memory://",
        "RATELIMIT_HEADERS_ENABLED": True,
        "RATELIMIT_ENABLED": _env_bool("RATELIMIT_ENABLED", True),
        # Proxies in front of the app that append to X-Forwarded-For (0: none, trust no header).
        "TRUSTED_PROXY_HOPS": _env_int("TRUSTED_PROXY_HOPS", 0),
        # Failed logins: per (address or known device, account), per account from devices it
        # doesn't know, per address. See marketplace/accounts/limits.py.
        "LOGIN_RATE_LIMIT": os.environ.get("LOGIN_RATE_LIMIT", "5 per 15 minutes"),
        "LOGIN_ACCOUNT_RATE_LIMIT": os.environ.get("LOGIN_ACCOUNT_RATE_LIMIT", "20 per hour"),
        "LOGIN_IP_RATE_LIMIT": os.environ.get("LOGIN_IP_RATE_LIMIT", "30 per hour"),
        "REGISTER_RATE_LIMIT": os.environ.get("REGISTER_RATE_LIMIT", "10 per hour"),
        "PASSWORD_RESET_RATE_LIMIT": os.environ.get("PASSWORD_RESET_RATE_LIMIT", "3 per hour"),
        "PASSWORD_RESET_IP_RATE_LIMIT": os.environ.get(
            "PASSWORD_RESET_IP_RATE_LIMIT", "10 per hour"
        ),
        "VERIFY_RESEND_RATE_LIMIT": os.environ.get("VERIFY_RESEND_RATE_LIMIT", "3 per hour"),
        "ORDER_LOOKUP_RATE_LIMIT": os.environ.get("ORDER_LOOKUP_RATE_LIMIT", "30 per hour"),
        # Language and time
        "BABEL_DEFAULT_LOCALE": "vi",
        "BABEL_DEFAULT_TIMEZONE": os.environ.get("DISPLAY_TIMEZONE", "Asia/Ho_Chi_Minh"),
        "LANGUAGES": ("vi", "en"),
        # Logs
        "LOG_LEVEL": os.environ.get("LOG_LEVEL", "INFO"),
        # Photos: a local folder served by the app (demo), or any S3-compatible bucket.
        "STORAGE_BACKEND": os.environ.get("STORAGE_BACKEND", "local"),
        "MEDIA_ROOT": os.environ.get("MEDIA_ROOT") or str(instance / "media"),
        "MEDIA_URL_PREFIX": "/media",
        "S3_BUCKET": os.environ.get("S3_BUCKET", ""),
        "S3_ENDPOINT_URL": os.environ.get("S3_ENDPOINT_URL") or None,
        "S3_REGION": os.environ.get("S3_REGION", ""),
        "S3_ACCESS_KEY_ID": os.environ.get("S3_ACCESS_KEY_ID", ""),
        "S3_SECRET_ACCESS_KEY": os.environ.get("S3_SECRET_ACCESS_KEY", ""),
        "S3_PUBLIC_BASE_URL": os.environ.get("S3_PUBLIC_BASE_URL", ""),
        "S3_PRESIGN_SECONDS": _env_int("S3_PRESIGN_SECONDS", 3600),
        # The address people reach the site at, for links in mail.
        "PUBLIC_BASE_URL": os.environ.get("PUBLIC_BASE_URL", "http://127.0.0.1:5000"),
        # Mail: written to the log unless MAIL_SERVER is set.
        "MAIL_SERVER": os.environ.get("MAIL_SERVER", ""),
        "MAIL_PORT": _env_int("MAIL_PORT", 587),
        "MAIL_USE_TLS": _env_bool("MAIL_USE_TLS", True),
        "MAIL_USE_SSL": _env_bool("MAIL_USE_SSL", False),
        "MAIL_USERNAME": os.environ.get("MAIL_USERNAME", ""),
        "MAIL_PASSWORD": os.environ.get("MAIL_PASSWORD", ""),
        "MAIL_FROM": os.environ.get("MAIL_FROM", "Chợ Phiên <no-reply@localhost>"),
        # Orders and payments
        "ORDER_PAYMENT_TIMEOUT_MINUTES": _env_int("ORDER_PAYMENT_TIMEOUT", 30),
        # Unpaid orders hold stock: caps per buyer (phone, account) and per address (client IP;
        # higher, as mobile carriers put many phones behind one address), and a rate limit.
        "CHECKOUT_MAX_UNPAID_ORDERS": _env_int("CHECKOUT_MAX_UNPAID_ORDERS", 5),
        "CHECKOUT_MAX_UNPAID_UNITS": _env_int("CHECKOUT_MAX_UNPAID_UNITS", 30),
        "CHECKOUT_MAX_UNPAID_ORDERS_PER_ADDRESS": _env_int(
            "CHECKOUT_MAX_UNPAID_ORDERS_PER_ADDRESS", 10
        ),
        "CHECKOUT_MAX_UNPAID_UNITS_PER_ADDRESS": _env_int(
            "CHECKOUT_MAX_UNPAID_UNITS_PER_ADDRESS", 60
        ),
        "CHECKOUT_RATE_LIMIT": os.environ.get("CHECKOUT_RATE_LIMIT", "10 per minute;60 per hour"),
        # Livestreams: an order placed up to this many hours after a session ends (and after the
        # buyer last opened its page or share link) is attributed to it.
        "LIVESTREAM_ATTRIBUTION_HOURS": _env_int("LIVESTREAM_ATTRIBUTION_HOURS", 2),
        "STRIPE_SECRET_KEY": os.environ.get("STRIPE_SECRET_KEY", ""),
        "STRIPE_PUBLISHABLE_KEY": os.environ.get("STRIPE_PUBLISHABLE_KEY", ""),
        "STRIPE_WEBHOOK_SECRET": os.environ.get("STRIPE_WEBHOOK_SECRET", ""),
        # Empty for the real Stripe; the demo points it at localstripe on 127.0.0.1.
        "STRIPE_API_BASE": os.environ.get("STRIPE_API_BASE", ""),
        "STRIPE_JS_URL": os.environ.get("STRIPE_JS_URL", "https://js.stripe.com/v3/"),
        "BANK_WEBHOOK_API_KEY": os.environ.get("BANK_WEBHOOK_API_KEY", ""),
        "BANK_WEBHOOK_HMAC_SECRET": os.environ.get("BANK_WEBHOOK_HMAC_SECRET", ""),
        # Livestream reminders: minutes before the start `flask livestreams send-reminders`
        # mails subscribers; "Nhắc tôi" presses that send mail, per address and per email.
        "LIVESTREAM_REMINDER_MINUTES": _env_int("LIVESTREAM_REMINDER_MINUTES", 30),
        "LIVESTREAM_REMIND_RATE_LIMIT": os.environ.get(
            "LIVESTREAM_REMIND_RATE_LIMIT", "10 per hour"
        ),
        "LIVESTREAM_REMIND_EMAIL_RATE_LIMIT": os.environ.get(
            "LIVESTREAM_REMIND_EMAIL_RATE_LIMIT", "3 per hour"
        ),
        # Livestream counters (marketplace/livestreams/counters): "database", "redis", or empty
        # for Redis when REDIS_URL is set and the database otherwise.
        "LIVESTREAM_COUNTER_BACKEND": os.environ.get("LIVESTREAM_COUNTER_BACKEND", ""),
        # How long a worker trusts what it read of a session's schedule (heartbeats skip the
        # database read meanwhile): a cancellation or a move reaches the heartbeats this late.
        "LIVESTREAM_SCHEDULE_CACHE_SECONDS": _env_int("LIVESTREAM_SCHEDULE_CACHE_SECONDS", 15),
        # Demo data
        "DEMO_PASSWORD": os.environ.get("DEMO_PASSWORD", "chophien-demo"),
    }
    config.update(overrides)
    return config
