from collections import Counter

from sqlalchemy import func, select

from marketplace.accounts.models import User
from marketplace.catalog.models import Product
from marketplace.demo.catalogue import DEMO_PEOPLE, EXTRA_OWNERS
from marketplace.extensions import db
from marketplace.photos.models import Photo
from marketplace.reference.models import Province
from marketplace.stalls.models import Stall
from tests.helpers import login


def _snapshot(app):
    with app.app_context():
        users = [
            (u.id, u.email, u.phone, u.full_name, u.password_hash, u.is_admin)
            for u in db.session.scalars(select(User).order_by(User.id))
        ]
        stalls = [
            (s.id, s.slug, s.owner_id, s.status, s.logo_photo_id)
            for s in db.session.scalars(select(Stall).order_by(Stall.id))
        ]
        products = [
            (p.id, p.stall_id, p.name, p.price, p.stock, p.ocop_expires_on)
            for p in db.session.scalars(select(Product).order_by(Product.id))
        ]
        photos = list(db.session.scalars(select(Photo.key_prefix).order_by(Photo.id)))
        keys = app.extensions["storage"].list_keys()
    return users, stalls, products, photos, keys


def test_seed_demo_is_idempotent_and_fills_the_catalogue(app, runner, client):
    first = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0, first.output
    after_first = _snapshot(app)
    users, stalls, products, photos, keys = after_first
    assert len(users) == len(DEMO_PEOPLE) + len(EXTRA_OWNERS)
    statuses = Counter(s[3] for s in stalls)
    assert statuses["approved"] >= 30 and statuses["pending"] >= 3
    assert len(products) >= 120
    assert len(photos) > len(products)  # every product has a photo, stalls a logo
    assert len(keys) >= 2 * len(photos)  # every photo has its variants in storage
    assert len({s[2] for s in stalls}) >= 10  # many owners
    with app.app_context():
        provinces = set(db.session.scalars(select(Province.name).join(Stall)))
    assert {"Lào Cai", "Điện Biên", "Quảng Trị", "Đắk Lắk", "Thái Nguyên"} <= provinces

    second = runner.invoke(args=["seed-demo"])
    assert second.exit_code == 0, second.output
    assert (
        "0 users created, 0 stalls created, 0 products created, 0 photos created" in second.output
    )
    assert _snapshot(app) == after_first

    # The demo is browsable: the search examples find their products.
    assert "Mận" in client.get("/products?q=man+say").get_data(as_text=True)
    assert "Shan Tuyết" in client.get("/products?q=che+shan+tuyet").get_data(as_text=True)


def test_seeded_demo_logins_work(app, runner):
    runner.invoke(args=["seed-demo", "--no-photos"])
    admin = next(p for p in DEMO_PEOPLE if p.role == "admin")
    client = app.test_client()
    assert login(client, admin.email, app.config["DEMO_PASSWORD"]).status_code == 302
    assert client.get("/admin/").status_code == 200
    with app.app_context():
        places = {p.place.split(", ")[-1].split(" (")[0] for p in DEMO_PEOPLE}
        assert {"Lào Cai", "Điện Biên", "Quảng Trị", "Đắk Lắk", "Thái Nguyên"} <= places


def test_seed_if_empty_leaves_a_used_database_alone(app, runner, make_user):
    make_user()
    result = runner.invoke(args=["seed-demo", "--if-empty"])
    assert result.exit_code == 0
    assert "not seeded" in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(User)) == 1


def test_seed_refuses_production(make_app):
    app = make_app(MARKETPLACE_ENV="production")
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code != 0
    assert "Refusing" in result.output


def test_create_grant_and_revoke_admin(app, runner):
    created = runner.invoke(
        args=[
            "users",
            "create-admin",
            "hà@doanthanhnien.vn",
            "--name",
            "Nguyễn Thu Hà",
            "--password",
            "mat-khau-quan-tri",
        ]
    )
    assert created.exit_code == 0, created.output
    client = app.test_client()
    assert login(client, "hà@doanthanhnien.vn", "mat-khau-quan-tri").status_code == 302
    assert client.get("/admin/").status_code == 200

    revoked = runner.invoke(args=["users", "revoke-admin", "hà@doanthanhnien.vn"])
    assert revoked.exit_code == 0
    # Losing the role ends the admin's sessions at once.
    assert client.get("/admin/").status_code == 302

    granted = runner.invoke(args=["users", "grant-admin", "HÀ@doanthanhnien.vn"])
    assert granted.exit_code == 0
    with app.app_context():
        assert db.session.scalar(select(User.is_admin)) is True


def test_admin_commands_report_unknown_accounts(runner):
    result = runner.invoke(args=["users", "grant-admin", "nobody@example.vn"])
    assert result.exit_code != 0
    assert "nobody@example.vn" in result.output


def test_create_admin_rejects_a_short_password(app, runner):
    result = runner.invoke(args=["users", "create-admin", "a@example.vn", "--password", "short"])
    assert result.exit_code != 0
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(User)) == 0
