"""Fixtures: the app on a fresh database per test, on SQLite or PostgreSQL.

`pytest --db=sqlite` (the default) builds the schema once with the real migrations into a
template file and copies it for every test. `pytest --db=postgres` reads TEST_DATABASE_URL,
rebuilds the schema once with the migrations, and empties every table after each test.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade

from marketplace import create_app
from marketplace.accounts import services as accounts
from marketplace.extensions import db

pytest_plugins = ["tests.servers", "tests.payment_servers"]

TEST_PASSWORD = "mật-khẩu-thử-1"
_CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)">')


def pytest_addoption(parser):
    parser.addoption(
        "--db",
        choices=("sqlite", "postgres"),
        default="sqlite",
        help="database to run the suite on (postgres reads TEST_DATABASE_URL)",
    )


def pytest_report_header(config):
    return f"database: {config.getoption('--db')}"


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


def _migrate(database_url: str) -> None:
    app = create_app(base_config(database_url))
    with app.app_context():
        upgrade()
        db.engine.dispose()


@dataclass
class Database:
    kind: str
    template: str | None = None  # SQLite: the migrated file every test copies
    url: str | None = None  # PostgreSQL: the one database, emptied after each test


@pytest.fixture(scope="session")
def database(request, tmp_path_factory) -> Database:
    kind = request.config.getoption("--db")
    if kind == "postgres":
        url = os.environ.get("TEST_DATABASE_URL")
        if not url:
            pytest.exit("--db=postgres needs TEST_DATABASE_URL", returncode=4)
        engine = sa.create_engine(url)
        with engine.begin() as conn:
            conn.execute(sa.text("DROP SCHEMA public CASCADE"))
            conn.execute(sa.text("CREATE SCHEMA public"))
        engine.dispose()
        _migrate(url)
        return Database(kind, url=url)
    template = tmp_path_factory.mktemp("db") / "template.sqlite3"
    _migrate(f"sqlite:///{template}")
    return Database(kind, template=str(template))


@pytest.fixture
def database_url(database, tmp_path) -> str:
    if database.kind == "sqlite":
        path = tmp_path / "test.sqlite3"
        shutil.copyfile(database.template, path)
        return f"sqlite:///{path}"
    return database.url


def _empty_tables() -> None:
    tables = ", ".join(
        f'"{t.name}"' for t in db.metadata.sorted_tables if not t.info.get("reference_data")
    )
    if tables:
        db.session.execute(sa.text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        db.session.commit()


@pytest.fixture
def make_app(database, database_url, tmp_path):
    """Build an app on this test's database, with extra settings where a test needs them."""
    apps = []

    def factory(**overrides):
        overrides.setdefault("MEDIA_ROOT", str(tmp_path / "media"))
        app = create_app(base_config(database_url, **overrides))
        apps.append(app)
        return app

    yield factory
    for app in apps:
        with app.app_context():
            db.session.remove()
            if database.kind == "postgres" and app is apps[0]:
                _empty_tables()
            db.engine.dispose()


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def app_ctx(app):
    with app.app_context():
        yield app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


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


@pytest.fixture
def make_user(app):
    counter = iter(range(1, 10_000))

    def factory(
        *, email=None, password=TEST_PASSWORD, phone=None, is_admin=False, verified=True, **extra
    ):
        n = next(counter)
        with app.app_context():
            user = accounts.register_user(
                full_name=extra.pop("full_name", f"Người dùng {n}"),
                email=email or f"user{n}@example.vn",
                password=password,
                phone=phone,
                is_admin=is_admin,
                email_verified=verified,
                **extra,
            )
            db.session.commit()
            db.session.refresh(user)
            db.session.expunge(user)
        return user

    return factory


def login(client, identifier: str, password: str = TEST_PASSWORD, **extra):
    return post_form(client, "/login", {"identifier": identifier, "password": password, **extra})


@pytest.fixture
def log_in():
    """Log a test client in as a user: ``log_in(client, user)``."""

    def do(client, user, password: str = TEST_PASSWORD):
        response = login(client, user.email, password)
        assert response.status_code == 302, response.get_data(as_text=True)
        return response

    return do


# --- Stalls and products ------------------------------------------------------------------


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


@pytest.fixture
def make_stall(app, make_user):
    """A stall in the given status, owned by ``owner`` (a new user when not given)."""
    from marketplace.stalls import services as stalls
    from marketplace.stalls.models import Stall

    def factory(owner=None, *, status="approved", name="Mận Tam Hoa Bắc Hà", **place):
        owner = owner or make_user()
        with app.app_context():
            ids = reference_ids(**place)
            details = stalls.StallDetails(
                name=name,
                story="Câu chuyện của gian hàng.",
                province_id=ids["province_id"],
                commune_id=ids["commune_id"],
                pickup_address="Thôn Na Hối",
                contact_phone="0912 345 001",
                zalo_phone=None,
                bank_id=ids["bank_id"],
                bank_account_number="113001001932",
                bank_account_name="THAO THI MY",
            )
            from marketplace.accounts.models import User

            stall = stalls.apply_for_stall(db.session.get(User, owner.id), details)
            if status != "pending":
                db.session.execute(
                    sa.update(Stall).where(Stall.id == stall.id).values(status=status)
                )
            db.session.commit()
            stall = db.session.get(Stall, stall.id)
            db.session.expunge(stall)
        return stall

    return factory


@pytest.fixture
def make_product(app):
    from marketplace.catalog import services as catalog
    from marketplace.catalog.models import Product
    from marketplace.stalls.models import Stall

    def factory(stall, **fields):
        with app.app_context():
            values = {
                "name": "Mận sấy dẻo Tam Hoa",
                "description": "Mận hậu sấy dẻo, không đường.",
                "category_id": reference_ids()["category_id"],
                "price": 85_000,
                "stock": 10,
                "unit_label": "gói 500 g",
                "weight_grams": 520,
                "status": "active",
            }
            values.update(fields)
            live = db.session.get(Stall, stall.id)
            status = live.status
            live.status = "approved"  # products are created on approved stalls
            product = catalog.create_product(live, catalog.ProductDetails(**values))
            if values["status"] == "active":  # on sale as if its photo were uploaded (saves time)
                product.status = "active"
            live.status = status
            db.session.commit()
            product = db.session.get(Product, product.id)
            db.session.expunge(product)
        return product

    return factory


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
