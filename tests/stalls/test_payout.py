"""A payout-account change on an approved stall waits for review (issue 7.14).

The old account stays in use until an admin approves; every order keeps the account it was
placed with and its VietQR code is built from it; each step is audited and mailed to the owner.
"""

import logging

import pytest
from sqlalchemy import select

from marketplace.audit.models import AuditEntry
from marketplace.extensions import db
from marketplace.orders.models import Order
from marketplace.payments.services import vietqr_payload
from marketplace.payments.vietqr import parse_payload
from marketplace.reference.models import Bank
from marketplace.stalls.models import Stall
from tests.helpers import csrf_token, place_order, post_form, stall_form_data

OLD_ACCOUNT = "113001001932"  # make_stall's
NEW_ACCOUNT = "0011001932418"


@pytest.fixture
def shop(app, make_user, make_stall, make_product, log_in):
    owner = make_user(full_name="Thào Thị Mỷ")
    stall = make_stall(owner)
    product = make_product(stall, price=85_000, stock=50)
    client = app.test_client()
    log_in(client, owner)
    return client, owner, stall, product


@pytest.fixture
def admin_client(app, make_user, log_in):
    client = app.test_client()
    admin = make_user(is_admin=True)
    log_in(client, admin)
    client.admin = admin
    return client


def _new_bank_form():
    vcb = db.session.scalar(select(Bank).where(Bank.bin == "970436"))
    return stall_form_data(
        bank_id=str(vcb.id), bank_account_number=NEW_ACCOUNT, bank_account_name="Thao Thi My B"
    )


def _change_payout(app, client, stall):
    with app.app_context():
        data = _new_bank_form()
    return post_form(client, f"/my/stalls/{stall.id}/edit", data)


def _order(app, product) -> int:
    place_order(app, app.test_client(), [(product, 1)])
    with app.app_context():
        return db.session.scalars(select(Order.id).order_by(Order.id.desc())).first()


def _qr(app, order_id) -> tuple[str, str]:
    with app.app_context():
        qr = parse_payload(vietqr_payload(db.session.get(Order, order_id)))
        return qr.bank_bin, qr.account


def _audit(app, stall):
    with app.app_context():
        return [
            (e.action, e.actor_id, e.reason)
            for e in db.session.scalars(
                select(AuditEntry)
                .where(AuditEntry.object_type == "stall", AuditEntry.object_id == stall.id)
                .order_by(AuditEntry.id)
            )
        ]


def _decide(client, stall, decision, reason=""):
    """The review page's payout form, as the browser sends it (its fields are prefixed)."""
    token = csrf_token(client)
    data = {"payout-reason": reason, "payout-csrf_token": token, "csrf_token": token}
    return client.post(f"/admin/stalls/{stall.id}/payout/{decision}", data=data)


def _mails(caplog):
    """The payout-change mails (order mails go out in these tests too)."""
    return [
        r.getMessage()
        for r in caplog.records
        if r.name == "marketplace.mail" and "Tài khoản nhận tiền mới" in r.getMessage()
    ]


def test_a_change_waits_and_orders_keep_the_old_account(app, shop, caplog):
    client, owner, stall, product = shop
    before = _order(app, product)
    with caplog.at_level(logging.INFO, logger="marketplace.mail"):
        response = _change_payout(app, client, stall)
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "chờ duyệt" in page and NEW_ACCOUNT in page
    with app.app_context():
        row = db.session.get(Stall, stall.id)
        assert row.bank_account_number == OLD_ACCOUNT  # still paying into the old account
        assert row.payout_change_account_number == NEW_ACCOUNT
        assert row.name == "Mận Tam Hoa Bắc Hà"
    assert [(a, actor) for a, actor, _ in _audit(app, stall)] == [
        ("stall.payout_request", owner.id)
    ]
    [mail] = _mails(caplog)
    assert owner.email in mail and NEW_ACCOUNT[-4:] in mail and "chờ duyệt" in mail
    after = _order(app, product)
    assert _qr(app, before) == ("970415", OLD_ACCOUNT)
    assert _qr(app, after) == ("970415", OLD_ACCOUNT)


def test_approval_moves_new_orders_and_old_orders_keep_theirs(app, shop, admin_client, caplog):
    client, owner, stall, product = shop
    before = _order(app, product)
    _change_payout(app, client, stall)
    review = admin_client.get(f"/admin/stalls/{stall.id}").get_data(as_text=True)
    assert NEW_ACCOUNT in review
    assert "Mận Tam Hoa Bắc Hà" in admin_client.get("/admin/stalls").get_data(as_text=True)
    with caplog.at_level(logging.INFO, logger="marketplace.mail"):
        done = post_form(
            admin_client, f"/admin/stalls/{stall.id}/payout/approve", {"payout-reason": ""}
        )
    assert done.status_code == 302
    with app.app_context():
        row = db.session.get(Stall, stall.id)
        assert (row.bank.bin, row.bank_account_number, row.bank_account_name) == (
            "970436",
            NEW_ACCOUNT,
            "THAO THI MY B",
        )
        assert row.payout_change_requested_at is None
    assert _audit(app, stall)[-1][:2] == ("stall.payout_approve", admin_client.admin.id)
    _request, mail = _mails(caplog)
    assert owner.email in mail and "đã được duyệt" in mail
    after = _order(app, product)
    assert _qr(app, after) == ("970436", NEW_ACCOUNT)
    assert _qr(app, before) == ("970415", OLD_ACCOUNT)
    with app.app_context():
        kept = db.session.get(Order, before)
        assert (kept.payout_account_number, kept.payout_account_name) == (
            OLD_ACCOUNT,
            "THAO THI MY",
        )
    # Deciding it again is stale: back to the stall's page.
    again = post_form(
        admin_client, f"/admin/stalls/{stall.id}/payout/approve", {"payout-reason": ""}
    )
    assert again.status_code == 303


def test_rejection_needs_a_reason_keeps_the_account_and_tells_the_owner(
    app, shop, admin_client, caplog
):
    client, owner, stall, _ = shop
    _change_payout(app, client, stall)
    assert _decide(admin_client, stall, "reject", " ").status_code == 422
    with caplog.at_level(logging.INFO, logger="marketplace.mail"):
        done = _decide(admin_client, stall, "reject", "Tên chủ tài khoản không khớp.")
    assert done.status_code == 302
    with app.app_context():
        row = db.session.get(Stall, stall.id)
        assert row.bank_account_number == OLD_ACCOUNT
        assert row.payout_change_account_number is None
    assert _audit(app, stall)[-1] == (
        "stall.payout_reject",
        admin_client.admin.id,
        "Tên chủ tài khoản không khớp.",
    )
    _request, mail = _mails(caplog)
    assert owner.email in mail and "Tên chủ tài khoản không khớp." in mail


def test_only_the_owner_requests_and_only_admins_decide(app, shop, make_user, log_in):
    _, _, stall, _ = shop
    stranger = app.test_client()
    log_in(stranger, make_user())
    assert _change_payout(app, stranger, stall).status_code == 404
    with app.app_context():
        assert db.session.get(Stall, stall.id).payout_change_requested_at is None
    url = f"/admin/stalls/{stall.id}/payout/approve"
    assert stranger.post(url, data={"csrf_token": csrf_token(stranger)}).status_code == 403


def test_a_stall_not_yet_approved_edits_its_account_freely(app, make_user, make_stall, log_in):
    owner = make_user()
    stall = make_stall(owner, status="pending")
    client = app.test_client()
    log_in(client, owner)
    assert _change_payout(app, client, stall).status_code == 302
    with app.app_context():
        row = db.session.get(Stall, stall.id)
        assert row.bank_account_number == NEW_ACCOUNT
        assert row.payout_change_requested_at is None
    assert _audit(app, stall) == []


def test_admin_edits_through_owner_pages_are_audited(app, shop, admin_client):
    _, _, stall, product = shop
    with app.app_context():
        data = stall_form_data(story="Sửa bởi quản trị viên.")
    assert post_form(admin_client, f"/my/stalls/{stall.id}/edit", data).status_code == 302
    assert _audit(app, stall) == [("stall.admin_edit", admin_client.admin.id, None)]
    page = admin_client.get(f"/my/products/{product.id}/edit").get_data(as_text=True)
    assert "Mận sấy dẻo Tam Hoa" in page
    product_form = {
        "name": "Mận sấy dẻo Tam Hoa",
        "description": "Sửa bởi quản trị viên.",
        "category_id": "",
        "price": "85000",
        "stock": "50",
        "unit_label": "gói 500 g",
        "weight_grams": "520",
        "status": "active",
        "ocop_stars": "0",
    }
    with app.app_context():
        from tests.helpers import reference_ids

        product_form["category_id"] = str(reference_ids()["category_id"])
    saved = post_form(admin_client, f"/my/products/{product.id}/edit", product_form)
    assert saved.status_code == 302, saved.get_data(as_text=True)
    with app.app_context():
        entries = db.session.scalars(
            select(AuditEntry.action).where(
                AuditEntry.object_type == "product", AuditEntry.object_id == product.id
            )
        ).all()
    assert entries == ["product.admin_edit"]
    deleted = post_form(admin_client, f"/my/products/{product.id}/delete")
    assert deleted.status_code == 302
    with app.app_context():
        assert db.session.scalars(
            select(AuditEntry.action).where(AuditEntry.object_type == "product")
        ).all() == ["product.admin_edit", "product.admin_delete"]


def test_the_migration_gives_existing_orders_their_stalls_account(tmp_path):
    """Orders placed before the snapshot existed get their stall's account when migrating."""
    from datetime import UTC, datetime

    import sqlalchemy as sa
    from flask_migrate import upgrade

    from marketplace import create_app
    from tests.helpers import base_config, reference_ids

    app = create_app(base_config(f"sqlite:///{tmp_path}/backfill.sqlite3"))
    with app.app_context():
        upgrade(revision="a2a799f4155c")  # the schema before this change
        tables = sa.MetaData()
        tables.reflect(db.engine)

        def insert(table: str, **given) -> int:
            """A row with the given values and placeholders in the other required columns."""
            values = dict(given)
            for column in tables.tables[table].columns:
                if column.name in values or column.nullable or column.primary_key:
                    continue
                python_type = column.type.python_type
                values[column.name] = {
                    int: 1,
                    bool: False,
                    datetime: datetime.now(UTC),
                }.get(python_type, f"{table}-{column.name}")
            return db.session.execute(tables.tables[table].insert().values(**values)).lastrowid

        ids = reference_ids()
        owner = insert("users", email="my@example.vn")
        stall = insert(
            "stalls",
            owner_id=owner,
            status="approved",
            province_id=ids["province_id"],
            commune_id=ids["commune_id"],
            bank_id=ids["bank_id"],
            bank_account_number="777",
            bank_account_name="THAO THI MY",
        )
        checkout = insert("checkouts", province_id=ids["province_id"], commune_id=ids["commune_id"])
        insert(
            "orders",
            code="CP00000001",
            checkout_id=checkout,
            stall_id=stall,
            status="pending_payment",
            payment_method="vietqr",
            total=85_000,
        )
        db.session.commit()
        upgrade()
        row = db.session.execute(
            sa.text("SELECT payout_bank_id, payout_account_number, payout_account_name FROM orders")
        ).one()
        assert tuple(row) == (ids["bank_id"], "777", "THAO THI MY")
        db.session.remove()
        db.engine.dispose()


def test_the_buyer_sees_the_account_the_order_was_placed_with(app, shop, admin_client):
    client, _owner, stall, product = shop
    buyer = app.test_client()
    placed = place_order(app, buyer, [(product, 1)])
    checkout_page = placed.headers["Location"]
    _change_payout(app, client, stall)
    post_form(admin_client, f"/admin/stalls/{stall.id}/payout/approve", {"payout-reason": ""})
    page = buyer.get(checkout_page).get_data(as_text=True)
    assert OLD_ACCOUNT in page and "THAO THI MY" in page
    assert NEW_ACCOUNT not in page
