"""Chợ Phiên: the application factory."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from flask import Flask
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from werkzeug.routing import IntegerConverter, UnicodeConverter

from marketplace.config import load_config
from marketplace.db import render_migration_type
from marketplace.extensions import babel, csrf, db, limiter, login_manager, migrate
from marketplace.i18n import register_template_helpers, select_locale
from marketplace.request_log import configure_logging, register_request_logging

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class DatabaseIdConverter(IntegerConverter):
    """``<int:...>`` that only matches what fits an id column: a larger id is a 404, not a 500.

    Ids are INTEGER (32 bits on PostgreSQL); SQLite would take more, PostgreSQL refuses them.
    """

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(url_map, *args, **kwargs)


class TextWithoutNulConverter(UnicodeConverter):
    """``<token>``: a URL part without NUL, which PostgreSQL text can't hold (a 404, not a 500)."""

    def __init__(self, url_map, *args, **kwargs):
        super().__init__(url_map, *args, **kwargs)
        self.regex = self.regex.replace("[^/]", "[^/\\x00]")


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    app = Flask(
        __name__,
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
        instance_path=str(PROJECT_ROOT / "instance"),
    )
    app.config.update(load_config(app.instance_path, config))
    app.url_map.converters["int"] = DatabaseIdConverter
    app.url_map.converters["default"] = app.url_map.converters["string"] = TextWithoutNulConverter
    configure_logging(app.config["LOG_LEVEL"])
    register_extensions(app)
    register_request_boundary(app)
    register_request_logging(app)
    register_security_headers(app)
    register_adapters(app)
    register_blueprints(app)
    register_template_helpers(app)
    from marketplace.errors import register_error_handlers

    register_error_handlers(app)
    from marketplace.cli import register_cli

    register_cli(app)
    return app


def register_extensions(app: Flask) -> None:
    import marketplace.models  # noqa: F401  (all tables on the metadata)

    db.init_app(app)
    migrate.init_app(
        app,
        db,
        directory=str(PROJECT_ROOT / "migrations"),
        render_as_batch=True,  # SQLite can only ALTER a table by copying it
        compare_type=True,
        render_item=render_migration_type,
    )
    csrf.init_app(app)
    babel.init_app(
        app,
        locale_selector=select_locale,
        default_translation_directories=str(PROJECT_ROOT / "translations"),
    )
    limiter.init_app(app)

    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    # Lazy, and made a plain string at flash time: in the language of the request that needs it.
    login_manager.login_message = _l("Please log in to continue.")
    login_manager.localize_callback = str
    login_manager.login_message_category = "info"
    # "basic", not "strong": phones on 3G/4G change IP address all the time, and "strong"
    # would log them out at every change. Revocation is done by the session version instead.
    login_manager.session_protection = "basic"
    login_manager.user_loader(load_user)


def load_user(token: str):
    """Flask-Login stores ``<id>.<session_version>``; an older version means a revoked session."""
    from marketplace.accounts.models import User

    user_id, _, version = token.partition(".")
    if not (user_id.isdigit() and version.isdigit()):
        return None
    return db.session.scalar(
        select(User).where(User.id == int(user_id), User.session_version == int(version))
    )


def register_request_boundary(app: Flask) -> None:
    """One transaction per request: commit what a successful request did, drop the rest."""

    @app.after_request
    def commit_or_roll_back(response):
        if response.status_code < 400:
            db.session.commit()
        else:
            db.session.rollback()
        return response


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def content_security_policy(config) -> str:
    """Only our own scripts, plus Stripe.js and the Stripe API for the card form."""
    stripe = " ".join(
        {o for o in (_origin(config["STRIPE_JS_URL"]), _origin(config["STRIPE_API_BASE"])) if o}
        | ({"https://api.stripe.com"} if not config["STRIPE_API_BASE"] else set())
    )
    media = _origin(config.get("S3_PUBLIC_BASE_URL") or "") or _origin(
        config.get("S3_ENDPOINT_URL") or ""
    )
    return (
        f"default-src 'self'; script-src 'self' {stripe}; frame-src {stripe}; "
        f"connect-src 'self' {stripe}; img-src 'self' data: https: {media}; "
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )


def register_security_headers(app: Flask) -> None:
    policy = content_security_policy(app.config)

    @app.after_request
    def add_security_headers(response):
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        response.headers.setdefault("Content-Security-Policy", policy)
        return response


def register_adapters(app: Flask) -> None:
    """The edges chosen by configuration: photo storage and the card gateway."""
    from marketplace.payments.stripe_gateway import build_gateway
    from marketplace.storage import build_storage
    from marketplace.storage.local import LocalStorage, register_local_media

    app.extensions["stripe_gateway"] = build_gateway(app.config)
    storage = build_storage(app.config)
    app.extensions["storage"] = storage
    if isinstance(storage, LocalStorage):
        register_local_media(app, storage)


def register_blueprints(app: Flask) -> None:
    from marketplace.accounts.views import bp as accounts_bp
    from marketplace.admin.views import bp as admin_bp
    from marketplace.cart.views import bp as cart_bp
    from marketplace.catalog.views import bp as catalog_bp
    from marketplace.home.views import bp as home_bp
    from marketplace.ops import bp as ops_bp
    from marketplace.orders.views import bp as orders_bp
    from marketplace.payments.views import bp as payments_bp
    from marketplace.stalls.views import bp as stalls_bp

    for blueprint in (
        home_bp,
        accounts_bp,
        stalls_bp,
        catalog_bp,
        cart_bp,
        orders_bp,
        payments_bp,
        admin_bp,
        ops_bp,
    ):
        app.register_blueprint(blueprint)
