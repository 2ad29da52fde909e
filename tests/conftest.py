"""Fixtures: the app on a fresh database per test, on SQLite or PostgreSQL.

`pytest --db=sqlite` (the default) builds the schema once with the real migrations into a
template file and copies it for every test. `pytest --db=postgres` reads TEST_DATABASE_URL,
rebuilds the schema once with the migrations, and empties every table after each test.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade

from marketplace import create_app
from marketplace.accounts import services as accounts
from marketplace.extensions import db
from tests.helpers import TEST_PASSWORD, base_config, login, reference_ids

pytest_plugins = ["tests.servers", "tests.payment_servers", "tests.redis_server"]


def pytest_addoption(parser):
    parser.addoption(
        "--db",
        choices=("sqlite", "postgres"),
        default="sqlite",
        help="database to run the suite on (postgres reads TEST_DATABASE_URL)",
    )


def pytest_report_header(config):
    return f"database: {config.getoption('--db')}"


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


@pytest.fixture
def log_in():
    """Log a test client in as a user: ``log_in(client, user)``."""

    def do(client, user, password: str = TEST_PASSWORD):
        response = login(client, user.email, password)
        assert response.status_code == 302, response.get_data(as_text=True)
        return response

    return do


# --- Stalls and products ------------------------------------------------------------------


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
