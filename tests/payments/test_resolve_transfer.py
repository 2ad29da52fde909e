"""An admin resolving a bank transfer that needs a look: one decision, kept and audited once."""

import pytest
from sqlalchemy import select

from marketplace.accounts.models import User
from marketplace.audit.models import AuditEntry
from marketplace.errors import Conflict, DomainError
from marketplace.extensions import db
from marketplace.payments import services as payments
from marketplace.payments.models import BankTransfer, TransferStatus
from tests.helpers import post_form


@pytest.fixture
def transfer_id(app):
    with app.app_context():
        transfer = BankTransfer(
            provider_id="sepay-77",
            account_number="0011001932418",
            amount=50_000,
            content="CK khong ro ma",
            status=TransferStatus.UNKNOWN_CODE,
            raw={},
        )
        db.session.add(transfer)
        db.session.commit()
        return transfer.id


def test_two_admins_resolving_the_same_transfer_only_one_wins(app, make_user, transfer_id):
    first_admin, second_admin = make_user(is_admin=True), make_user(is_admin=True)
    with app.app_context():
        # The second admin's request loaded the transfer while it still needed a look...
        db.session().expire_on_commit = False
        seen_by_second = payments.transfer_to_resolve(transfer_id)
        db.session.commit()
        # ...then the first admin's request resolved it (its own session, committed)...
        with app.app_context():
            payments.resolve_transfer(
                payments.transfer_to_resolve(transfer_id),
                "Đã hoàn tiền cho người mua",
                by=db.session.get(User, first_admin.id),
            )
            db.session.commit()
        # ...and the second one, reading "unknown code" still, must not win as well.
        assert seen_by_second.status == TransferStatus.UNKNOWN_CODE
        with pytest.raises(Conflict):
            payments.resolve_transfer(
                seen_by_second, "Khách chuyển nhầm", by=db.session.get(User, second_admin.id)
            )
        db.session.commit()

    with app.app_context():
        transfer = db.session.get(BankTransfer, transfer_id)
        assert transfer.status == TransferStatus.RESOLVED
        assert transfer.resolved_note == "Đã hoàn tiền cho người mua"
        entries = db.session.scalars(
            select(AuditEntry).where(AuditEntry.object_type == "bank_transfer")
        ).all()
        assert [(e.action, e.actor_id, e.reason) for e in entries] == [
            ("transfer.resolve", first_admin.id, "Đã hoàn tiền cho người mua")
        ]


def test_a_resolution_needs_a_reason(app, make_user, transfer_id):
    admin = make_user(is_admin=True)
    with app.app_context():
        transfer = payments.transfer_to_resolve(transfer_id)
        with pytest.raises(DomainError) as refused:
            payments.resolve_transfer(transfer, "   ", by=db.session.get(User, admin.id))
        assert refused.value.field == "reason"
        db.session.rollback()
        assert db.session.get(BankTransfer, transfer_id).status == TransferStatus.UNKNOWN_CODE


def test_resolving_through_the_admin_page(app, make_user, log_in, transfer_id):
    client = app.test_client()
    admin = make_user(is_admin=True)
    log_in(client, admin)
    url = f"/admin/payments/transfers/{transfer_id}/resolve"
    missing = post_form(client, url, {"reason": ""})
    assert missing.status_code == 302
    with app.app_context():
        assert db.session.get(BankTransfer, transfer_id).status == TransferStatus.UNKNOWN_CODE
    done = post_form(client, url, {"reason": "Đã gọi cho người mua"})
    assert done.status_code == 302 and done.headers["Location"] == "/admin/payments"
    with app.app_context():
        transfer = db.session.get(BankTransfer, transfer_id)
        assert (transfer.status, transfer.resolved_note) == ("resolved", "Đã gọi cho người mua")
    assert (
        post_form(client, "/admin/payments/transfers/999999/resolve", {"reason": "x"}).status_code
        == 404
    )
