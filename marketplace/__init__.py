"""Chợ Phiên: the application factory."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from flask import Flask
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from werkzeug.routing import IntegerConverter, UnicodeConverter

from marketplace.config import load_config
from marketplace.db import ping_on_checkout, render_migration_type
from marketplace.extensions import babel, csrf, db, limiter, login_manager, migrate
from marketplace.i18n import select_locale
from marketplace.livestreams.platforms import EMBED_ORIGIN
from marketplace.livestreams.visitors import register_visitor_counting
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
    register_proxy_fix(app)
    configure_logging(
        app.config["LOG_LEVEL"], production=app.config["MARKETPLACE_ENV"] == "production"
    )
    warn_about_per_process_rate_limits(app)
    register_extensions(app)
    register_request_boundary(app)
    register_request_logging(app)
    register_adapters(app)
    register_security_headers(app)  # after the adapters: the CSP names the photo storage
    register_blueprints(app)
    register_hooks(app)
    register_visitor_counting(app)  # after the boundary and the headers: its writes join the commit
    register_template_helpers(app)
    register_state_enums(app)
    from marketplace.errors import register_error_handlers

    register_error_handlers(app)
    from marketplace.cli import register_cli

    register_cli(app)
    return app


def warn_about_per_process_rate_limits(app: Flask) -> None:
    """Without Redis each worker counts login attempts on its own: N workers allow N times more."""
    from marketplace.config import configured_workers

    workers = configured_workers()
    if workers > 1 and not app.config["REDIS_URL"]:
        logging.getLogger(__name__).warning(
            "REDIS_URL is not set and %d workers are configured (WEB_CONCURRENCY or --workers): "
            "each worker keeps its own rate-limit counters, so limits are %d times looser. "
            "Set REDIS_URL to share them.",
            workers,
            workers,
        )


def register_proxy_fix(app: Flask) -> None:
    """Behind N trusted proxies, take the client's address and scheme from the last N entries
    of X-Forwarded-For/-Proto (what our proxies appended); with none, the headers are ignored."""
    hops = app.config["TRUSTED_PROXY_HOPS"]
    if hops > 0:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]


def register_extensions(app: Flask) -> None:
    import marketplace.models  # noqa: F401  (all tables on the metadata)

    db.init_app(app)
    with app.app_context():  # pool_pre_ping, except on the heartbeat's fast path
        for engine in db.engines.values():
            ping_on_checkout(engine)
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


def _media_origins(config, storage) -> set[str]:
    """Where photos are loaded from, when not from this site: the CDN, or the bucket's host.

    Asking the storage for the URL of a photo gives the exact origin of presigned URLs too
    (e.g. ``https://<bucket>.s3.<region>.amazonaws.com`` on AWS); the settings are the fallback
    when the storage can't sign without credentials.
    """
    from marketplace.storage import StorageError

    origins = {_origin(config.get("S3_PUBLIC_BASE_URL") or "")}
    if storage is not None:
        try:
            origins.add(_origin(storage.url("csp-probe/photo.webp")))
        except StorageError:  # e.g. no credentials to sign with: use the settings
            origins.add(_origin(config.get("S3_ENDPOINT_URL") or ""))
    return origins - {""}


def content_security_policy(config, storage=None) -> str:
    """Only our own scripts, plus Stripe.js and the Stripe API for the card form; frames only
    from Stripe and YouTube's privacy-enhanced player (a session page's click-to-load player).

    Images: this site (local photos are served under /media), ``data:`` URIs, the photo storage
    when it is elsewhere (CDN or bucket) and Stripe's own origins; not any ``https:`` host.
    """
    stripe_origins = {
        o for o in (_origin(config["STRIPE_JS_URL"]), _origin(config["STRIPE_API_BASE"])) if o
    } | ({"https://api.stripe.com"} if not config["STRIPE_API_BASE"] else set())
    stripe = " ".join(sorted(stripe_origins))
    images = " ".join(
        ["'self'", "data:", *sorted(_media_origins(config, storage) | stripe_origins)]
    )
    return (
        f"default-src 'self'; script-src 'self' {stripe}; frame-src {stripe} {EMBED_ORIGIN}; "
        f"connect-src 'self' {stripe}; img-src {images}; "
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )


# URL families whose pages show somebody's own data (a checkout token is a capability link).
PERSONAL_PATH_PREFIXES = (
    "/checkout",
    "/orders",
    "/cart",
    "/account",
    "/my/",
    "/admin",
    "/login",
    "/register",
    "/logout",
    "/livestreams/reminders/",  # a subscriber's confirm and unsubscribe pages (capability links)
)
HSTS = "max-age=31536000; includeSubDomains"


def must_not_be_stored(request, response) -> bool:
    """Decided here, for every response, so that a new personal page can't be forgotten.

    Not stored: the personal URL families, any response that changes the session or sets a
    cookie (e.g. the one that remembers a guest's checkouts; a stored copy would hand that
    cookie to the next person) and anything answered to a logged-in user. Static files and
    photos are the same for everybody and stay cacheable.
    """
    from flask import session
    from flask_login import current_user

    if request.endpoint in {"static", "media.media"}:
        return False
    if response.headers.get("Cache-Control") == "no-store":
        return True  # already decided (the heartbeat: so no user is loaded to decide it)
    if request.path.startswith(PERSONAL_PATH_PREFIXES):
        return True
    if session.modified or "Set-Cookie" in response.headers:
        return True
    return bool(current_user and current_user.is_authenticated)


def register_security_headers(app: Flask) -> None:
    from flask import request

    policy = content_security_policy(app.config, app.extensions.get("storage"))
    production = app.config["MARKETPLACE_ENV"] == "production"

    headers = {
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "Content-Security-Policy": policy,
    }
    if production:
        headers["Strict-Transport-Security"] = HSTS
    app.extensions["security_headers"] = headers  # the heartbeat's fast path sends them too

    @app.after_request
    def add_security_headers(response):
        for name, value in headers.items():
            response.headers.setdefault(name, value)
        return response

    # The session cookie is added after every after_request function: session.modified says
    # whether it will be.
    @app.after_request
    def forbid_storing_personal_pages(response):
        if must_not_be_stored(request, response):
            response.headers["Cache-Control"] = "no-store"
        return response


def register_adapters(app: Flask) -> None:
    """The edges chosen by configuration: photo storage, the card gateway and mail."""
    from marketplace.mail import build_mailer
    from marketplace.payments.stripe_gateway import build_gateway
    from marketplace.storage import build_storage
    from marketplace.storage.local import LocalStorage, register_local_media

    app.extensions["stripe_gateway"] = build_gateway(app.config)
    app.extensions["mailer"] = build_mailer(app.config)
    storage = build_storage(app.config)
    app.extensions["storage"] = storage
    if isinstance(storage, LocalStorage):
        register_local_media(app, storage)


def register_hooks(app: Flask) -> None:
    """Where a package lets the packages above it take part (``marketplace/hooks.py``): the
    layers only import downwards, so the upper package's function is registered here."""
    from marketplace import hooks
    from marketplace.accounts.hooks import LANDING, LOGGED_IN
    from marketplace.cart.hooks import LIVE_BOUGHT
    from marketplace.cart.session import merge_at_login
    from marketplace.catalog.services import dashboard_panel as products_panel
    from marketplace.orders.checkout import live_units_bought
    from marketplace.orders.hooks import VIETQR_PNG, VIETQR_SVG
    from marketplace.orders.queries import dashboard_panel as orders_panel
    from marketplace.payments.services import order_qr_png, order_qr_svg
    from marketplace.stalls.hooks import DASHBOARD
    from marketplace.stalls.views import landing

    hooks.register(app, LOGGED_IN, merge_at_login)
    hooks.register(app, LANDING, landing)
    hooks.register(app, DASHBOARD, products_panel)
    hooks.register(app, DASHBOARD, orders_panel)
    hooks.register(app, VIETQR_SVG, order_qr_svg)
    hooks.register(app, VIETQR_PNG, order_qr_png)
    hooks.register(app, LIVE_BOUGHT, live_units_bought)


def register_template_helpers(app: Flask) -> None:
    """Filters and globals for templates: i18n's own, then the features' (registered here, as
    ``i18n`` sits below the features and must not import them)."""
    from marketplace.accounts.phone import format_vn_phone, phone_link
    from marketplace.audit.labels import action_label, object_label
    from marketplace.i18n import register_template_helpers as register_i18n_helpers
    from marketplace.photos.models import photo_srcset, photo_url

    register_i18n_helpers(app)
    app.jinja_env.filters.update(
        phone=format_vn_phone,
        phone_link=phone_link,
        audit_action=action_label,
        audit_object=object_label,
    )
    app.jinja_env.globals.update(photo_url=photo_url, photo_srcset=photo_srcset)


def register_state_enums(app: Flask) -> None:
    """The status enums for templates: their members carry their labels (``status.label``)."""
    from marketplace.catalog.models import ProductStatus
    from marketplace.livestreams.models import LivestreamStatus, Platform
    from marketplace.orders.models import OrderStatus, PaymentMethod
    from marketplace.stalls.models import StallStatus

    app.jinja_env.globals.update(
        LivestreamStatus=LivestreamStatus,
        OrderStatus=OrderStatus,
        PaymentMethod=PaymentMethod,
        Platform=Platform,
        ProductStatus=ProductStatus,
        StallStatus=StallStatus,
    )


def register_blueprints(app: Flask) -> None:
    from marketplace.accounts.views import bp as accounts_bp
    from marketplace.admin.views import bp as admin_bp
    from marketplace.cart.views import bp as cart_bp
    from marketplace.catalog.views import bp as catalog_bp
    from marketplace.home.views import bp as home_bp
    from marketplace.livestats.views import bp as livestats_bp
    from marketplace.livestreams.views import bp as livestreams_bp
    from marketplace.ops import bp as ops_bp
    from marketplace.orders.views import bp as orders_bp
    from marketplace.payments.views import bp as payments_bp
    from marketplace.reference.views import bp as reference_bp
    from marketplace.stalls.views import bp as stalls_bp

    for blueprint in (
        home_bp,
        accounts_bp,
        stalls_bp,
        catalog_bp,
        cart_bp,
        orders_bp,
        payments_bp,
        livestreams_bp,
        livestats_bp,
        admin_bp,
        ops_bp,
        reference_bp,
    ):
        app.register_blueprint(blueprint)
