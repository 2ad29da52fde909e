"""Plain helpers and constants the tests share: import them from here, not from conftest.

Fixtures live in ``tests/conftest.py`` (the app, users, stalls, products) and in
``tests/servers.py`` / ``tests/payment_servers.py`` (real servers); everything here is an ordinary
function a test calls with the client or app it already has.
"""

from __future__ import annotations

import re

from sqlalchemy import event

from marketplace.extensions import db

TEST_PASSWORD = "mật-khẩu-thử-1"
_CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)">')


def base_config(database_url: str, **overrides) -> dict:
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key-of-at-least-32-bytes",  # production needs 32
        "SQLALCHEMY_DATABASE_URI": database_url,
        "RATELIMIT_STORAGE_URI": "memory://",
        "LOG_LEVEL": "INFO",
    }
    config.update(overrides)
    return config


def csrf_token(client, path: str = "/") -> str:
    """The CSRF token of this client's session, read from the page like a browser would."""
    response = client.get(path)
    match = _CSRF_META.search(response.get_data(as_text=True))
    assert match, f"no CSRF meta tag on {path}"
    return match.group(1)


def post_form(client, path: str, data: dict | None = None, **kwargs):
    """POST a form with the session's CSRF token, as the browser would."""
    data = dict(data or {})
    data.setdefault("csrf_token", csrf_token(client))
    return client.post(path, data=data, **kwargs)


def login(client, identifier: str, password: str = TEST_PASSWORD, **extra):
    return post_form(client, "/login", {"identifier": identifier, "password": password, **extra})


def reference_ids(province_code: str = "lao-cai", commune: str = "xã Bắc Hà") -> dict:
    from sqlalchemy import select

    from marketplace.reference.models import Bank, Category, Commune, Province

    province = db.session.scalar(select(Province).where(Province.code == province_code))
    commune_row = db.session.scalar(
        select(Commune).where(Commune.province_id == province.id, Commune.name == commune)
    )
    bank = db.session.scalar(select(Bank).where(Bank.bin == "970415"))
    category = db.session.scalar(select(Category).where(Category.slug == "dried-fruit"))
    return {
        "province_id": province.id,
        "commune_id": commune_row.id,
        "bank_id": bank.id,
        "category_id": category.id,
    }


def stall_form_data(**overrides) -> dict:
    ids = reference_ids()
    data = {
        "name": "Mận Tam Hoa Bắc Hà",
        "story": "Ba thế hệ trồng mận trên cao nguyên trắng.",
        "province_id": str(ids["province_id"]),
        "commune_id": str(ids["commune_id"]),
        "pickup_address": "Thôn Na Hối, xã Bắc Hà, tỉnh Lào Cai",
        "contact_phone": "0912 345 001",
        "zalo_phone": "",
        "bank_id": str(ids["bank_id"]),
        "bank_account_number": "1130 0100 1932",
        "bank_account_name": "Thào Thị Mỷ",
    }
    data.update(overrides)
    return data


def jpeg_bytes(width: int = 1200, height: int = 900, color=(180, 40, 60), **save) -> bytes:
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, "JPEG", **save)
    return buffer.getvalue()


# --- Cart and checkout -------------------------------------------------------------------

_TOKEN_INPUT = re.compile(r'<input id="token" name="token" type="hidden" value="([^"]+)">')
# What the buyer was shown (product, price, quantity): sent back so a price change is caught.
_SHOWN_INPUT = re.compile(r'<input id="shown" name="shown" type="hidden" value="([^"]*)">')


def add_to_cart(client, product_id: int, quantity: int | str = 1):
    data = {"product_id": str(product_id), "quantity": str(quantity)}
    return post_form(client, "/cart/add", data)


def checkout_data(client, **overrides) -> dict:
    """The checkout form as a browser would send it (fresh token from the page)."""
    page = client.get("/checkout").get_data(as_text=True)
    match = _TOKEN_INPUT.search(page)
    assert match, "no checkout form"
    ids = reference_ids("dak-lak", "xã Ea Knốp")
    data = {
        "token": match.group(1),
        "name": "Trần Minh Quân",
        "phone": "0987 654 321",
        "email": "quan@example.vn",
        "province_id": str(ids["province_id"]),
        "commune_id": str(ids["commune_id"]),
        "street": "Buôn Ea Knốp",
        "note": "Gọi trước khi giao",
    }
    shown = _SHOWN_INPUT.search(page)
    if shown:
        data["shown"] = shown.group(1)
    data.update(overrides)
    return data


def place_order(app, client, products_and_quantities, **overrides):
    """Add to the cart and check out; returns the response of the checkout POST."""
    for product, quantity in products_and_quantities:
        add_to_cart(client, product.id, quantity)
    with app.app_context():
        data = checkout_data(client, **overrides)
    return post_form(client, "/checkout", data)


# --- Measuring ---------------------------------------------------------------------------


def count_statements(app, client, url: str) -> int:
    """How many SQL statements one GET of ``url`` runs (the page must answer 200)."""
    with app.app_context():
        engine = db.engine
    statements = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(statements)


def register(client, **fields):
    """Send the sign-up form (a Vietnamese name, no phone) with the fields given replaced."""
    data = {
        "full_name": "Thào Thị Mỷ",
        "email": "my@example.vn",
        "phone": "",
        "password": TEST_PASSWORD,
        "confirm": TEST_PASSWORD,
    }
    data.update(fields)
    return post_form(client, "/register", data)


def live_session_with_offer(stall, product) -> int:
    """An approved session of the stall, live now, featuring the product at a live price."""
    from datetime import timedelta

    from marketplace.db import utcnow
    from marketplace.extensions import db
    from marketplace.livestreams.models import Livestream, LivestreamProduct

    starts = utcnow() - timedelta(minutes=10)
    livestream = Livestream(
        stall_id=stall.id, title="Phiên live mận", platform="facebook",
        stream_url="https://www.facebook.com/manbacha/live", starts_at=starts,
        ends_at=starts + timedelta(hours=1), status="approved",
        products=[LivestreamProduct(product_id=product.id, live_price=1_000, per_buyer_limit=2)],
    )  # fmt: skip
    db.session.add(livestream)
    db.session.commit()
    return livestream.id


def studio_with_session(stall, status: str = "approved") -> tuple[int, int]:
    """A studio, and a session of the stall booked in it three days ahead: (session, studio)."""
    from datetime import UTC, datetime, time, timedelta

    from marketplace.extensions import db
    from marketplace.livestreams.models import Livestream, Studio

    ids = reference_ids()
    studio = Studio(
        name="Nhà văn hoá số xã Bắc Hà", province_id=ids["province_id"],
        commune_id=ids["commune_id"], opens_at=time(7), closes_at=time(22),
    )  # fmt: skip
    starts = datetime.now(UTC).replace(hour=5, minute=0, second=0, microsecond=0)
    starts += timedelta(days=3)
    livestream = Livestream(
        stall_id=stall.id, studio=studio, title="Livestream mận Bắc Hà", platform="tiktok",
        stream_url="https://www.tiktok.com/@manbacha/live", starts_at=starts,
        ends_at=starts + timedelta(hours=1), status=status,
    )  # fmt: skip
    db.session.add(livestream)
    db.session.commit()
    return livestream.id, studio.id


# Enough room for many unpaid orders from one test client and one test address.
ROOMY_CHECKOUT_LIMITS = {
    "CHECKOUT_RATE_LIMIT": "1000 per minute",
    "CHECKOUT_MAX_UNPAID_ORDERS": 100,
    "CHECKOUT_MAX_UNPAID_UNITS": 1000,
    "CHECKOUT_MAX_UNPAID_ORDERS_PER_ADDRESS": 100,
    "CHECKOUT_MAX_UNPAID_UNITS_PER_ADDRESS": 1000,
}
