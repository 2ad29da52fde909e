from sqlalchemy import func, select

from marketplace.accounts.models import User
from marketplace.demo_data import DEMO_PEOPLE
from marketplace.extensions import db
from tests.conftest import login


def _snapshot(app):
    with app.app_context():
        return [
            (u.id, u.email, u.phone, u.full_name, u.password_hash, u.is_admin)
            for u in db.session.scalars(select(User).order_by(User.id))
        ]


def test_seed_demo_is_idempotent(app, runner):
    first = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0, first.output
    assert f"{len(DEMO_PEOPLE)} users created" in first.output
    after_first = _snapshot(app)
    assert len(after_first) == len(DEMO_PEOPLE)

    second = runner.invoke(args=["seed-demo"])
    assert second.exit_code == 0, second.output
    assert "0 users created" in second.output
    assert _snapshot(app) == after_first


def test_seeded_demo_logins_work(app, runner):
    runner.invoke(args=["seed-demo"])
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
