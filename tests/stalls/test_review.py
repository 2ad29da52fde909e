"""The approval state machine, its audit entries, and the owner's mail."""

import logging

import pytest
from sqlalchemy import select

from marketplace.audit.models import AuditEntry
from marketplace.db import compare_and_set
from marketplace.extensions import db
from marketplace.stalls.models import Stall, StallStatus
from tests.helpers import post_form, stall_form_data


@pytest.fixture
def admin_client(app, make_user, log_in):
    client = app.test_client()
    admin = make_user(is_admin=True, full_name="Nguyễn Thu Hà")
    log_in(client, admin)
    client.admin = admin
    return client


def _decide(client, stall, action, reason=""):
    return post_form(client, f"/admin/stalls/{stall.id}/{action}", {"reason": reason})


def _state(app, stall):
    with app.app_context():
        row = db.session.get(Stall, stall.id)
        entries = db.session.scalars(
            select(AuditEntry).where(AuditEntry.object_id == stall.id).order_by(AuditEntry.id)
        ).all()
        return row.status, row.status_reason, [(e.action, e.actor_id, e.reason) for e in entries]


def test_review_queue_shows_pending_stalls(admin_client, make_stall):
    make_stall(status="pending", name="Sầu riêng Ea Knốp")
    make_stall(status="approved", name="Cà phê Khe Sanh")
    page = admin_client.get("/admin/stalls").get_data(as_text=True)
    assert "Sầu riêng Ea Knốp" in page
    assert "Cà phê Khe Sanh" not in page


def test_approve(app, admin_client, make_stall, caplog):
    stall = make_stall(status="pending")
    with caplog.at_level(logging.INFO, logger="marketplace.mail"):
        assert _decide(admin_client, stall, "approve").status_code == 302
    status, _, audit = _state(app, stall)
    assert status == StallStatus.APPROVED
    assert audit == [("stall.approve", admin_client.admin.id, None)]
    mails = [r.getMessage() for r in caplog.records if r.name == "marketplace.mail"]
    assert len(mails) == 1
    assert f"to={stall.owner_id}" not in mails[0]  # addressed by email, not id
    assert "Gian hàng Mận Tam Hoa Bắc Hà đã mở cửa" in mails[0]
    with app.app_context():
        assert db.session.get(Stall, stall.id).approved_at is not None


@pytest.mark.parametrize(
    "start,action,end",
    [
        ("pending", "reject", "rejected"),
        ("pending", "request_changes", "changes_requested"),
        ("approved", "suspend", "suspended"),
        ("suspended", "reinstate", "approved"),
    ],
)
def test_decisions_need_a_reason_and_are_audited(
    app, admin_client, make_stall, start, action, end, caplog
):
    stall = make_stall(status=start)
    missing = _decide(admin_client, stall, action, reason="  ")
    assert missing.status_code == 422
    assert "Hãy ghi lý do" in missing.get_data(as_text=True)
    assert _state(app, stall) == (start, None, [])

    with caplog.at_level(logging.INFO, logger="marketplace.mail"):
        ok = _decide(admin_client, stall, action, reason="Ảnh logo bị mờ, xin gửi lại.")
    assert ok.status_code == 302
    status, reason, audit = _state(app, stall)
    assert (status, reason) == (end, "Ảnh logo bị mờ, xin gửi lại.")
    assert audit == [(f"stall.{action}", admin_client.admin.id, "Ảnh logo bị mờ, xin gửi lại.")]
    mails = [r.getMessage() for r in caplog.records if r.name == "marketplace.mail"]
    assert len(mails) == 1 and "Ảnh logo bị mờ, xin gửi lại." in mails[0]


@pytest.mark.parametrize(
    "start,action",
    [
        ("approved", "approve"),
        ("pending", "suspend"),
        ("rejected", "approve"),
        ("approved", "reinstate"),
        ("suspended", "request_changes"),
    ],
)
def test_transitions_outside_the_table_change_nothing(app, admin_client, make_stall, start, action):
    stall = make_stall(status=start)
    response = _decide(admin_client, stall, action, reason="lý do")
    assert response.status_code == 303  # back to the stall's page, saying what it is now
    assert response.headers["Location"] == f"/admin/stalls/{stall.id}"
    assert _state(app, stall) == (start, None, [])


def test_unknown_action_is_404(admin_client, make_stall):
    assert _decide(admin_client, make_stall(status="pending"), "delete").status_code == 404


def test_only_admins_decide(app, make_user, make_stall, log_in):
    stall = make_stall(status="pending")
    owner_client = app.test_client()
    log_in(owner_client, make_user())
    assert _decide(owner_client, stall, "approve").status_code == 403
    assert _state(app, stall)[0] == "pending"


def test_owner_sees_the_reason_edits_and_resubmits(
    app, admin_client, make_user, make_stall, log_in
):
    owner = make_user()
    stall = make_stall(owner, status="pending")
    _decide(admin_client, stall, "request_changes", reason="Thiếu số tài khoản đúng.")
    client = app.test_client()
    log_in(client, owner)
    page = client.get(f"/my/stalls/{stall.id}").get_data(as_text=True)
    assert "Thiếu số tài khoản đúng." in page
    with app.app_context():
        data = stall_form_data(bank_account_number="0011001932418")
    response = post_form(client, f"/my/stalls/{stall.id}/edit", data)
    assert response.status_code == 302
    status, _, _ = _state(app, stall)
    assert status == "pending"
    assert "Mận Tam Hoa Bắc Hà" in admin_client.get("/admin/stalls").get_data(as_text=True)


def test_compare_and_set_lets_only_one_decision_win(app, make_stall):
    stall = make_stall(status="pending")
    with app.app_context():
        first = compare_and_set(Stall, stall.id, {"pending"}, status="approved")
        second = compare_and_set(Stall, stall.id, {"pending"}, status="rejected")
        db.session.commit()
        assert (first, second) == (True, False)
        assert db.session.get(Stall, stall.id).status == "approved"


def test_audit_log_page(admin_client, make_stall):
    stall = make_stall(status="pending", name="Mật ong bạc hà")
    _decide(admin_client, stall, "reject", reason="Trùng gian hàng đã có.")
    page = admin_client.get("/admin/audit").get_data(as_text=True)
    assert "Từ chối gian hàng" in page and "Trùng gian hàng đã có." in page
    assert "stall.reject" not in page  # the log speaks words, not codes
    history = admin_client.get(f"/admin/stalls/{stall.id}").get_data(as_text=True)
    assert "Trùng gian hàng đã có." in history


def test_mail_links_use_the_public_address_not_the_host_header(app, make_user, make_stall, caplog):
    from marketplace.accounts.models import User
    from marketplace.stalls.services import decide

    stall = make_stall(status="pending")
    admin = make_user(is_admin=True)
    # A request whose Host header a client forged.
    with (
        caplog.at_level(logging.INFO, logger="marketplace.mail"),
        app.test_request_context(base_url="http://evil.example"),
    ):
        decide(db.session.get(Stall, stall.id), "approve", db.session.get(User, admin.id), "")
        db.session.commit()
    [mail] = [r.getMessage() for r in caplog.records if r.name == "marketplace.mail"]
    assert f"{app.config['PUBLIC_BASE_URL']}/my/stalls/{stall.id}" in mail
    assert "evil.example" not in mail
