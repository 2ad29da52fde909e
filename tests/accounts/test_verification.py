"""Email verification at registration; registration reveals no accounts (issue 7.16)."""

import re

from sqlalchemy import func, select

from marketplace.accounts.models import User
from marketplace.extensions import db
from marketplace.stalls.models import Stall
from tests.accounts.mail_capture import captured_mail, link_in
from tests.helpers import TEST_PASSWORD, login, post_form, register, stall_form_data


def _user(app, email):
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == email))
        if user is not None:
            db.session.expunge(user)
        return user


def test_registering_a_used_email_or_phone_looks_like_a_new_account(app, make_user, caplog):
    make_user(email="taken@example.vn", phone="0912 345 678", full_name="Chủ cũ")
    answers = {}
    with captured_mail(caplog) as mails:
        for case, fields in {
            "new": {"email": "new@example.vn", "phone": "0987 654 321"},
            "email": {"email": "TAKEN@example.vn"},
            "phone": {"email": "other@example.vn", "phone": "+84 912 345 678"},
        }.items():
            client = app.test_client()
            response = register(client, **fields)
            page = client.get(response.headers["Location"]).get_data(as_text=True)
            token = re.search(r'<meta name="csrf-token" content="([^"]+)">', page).group(1)
            page = page.replace(token, "(this session's CSRF token)")
            answers[case] = (response.status_code, response.headers["Location"], page)
            assert "Đăng xuất" not in page  # nobody is logged in before confirming
    assert answers["new"] == answers["email"] == answers["phone"]
    assert "Kiểm tra email" in answers["new"][2]
    by_to = {m["to"]: m for m in mails}
    assert set(by_to) == {"new@example.vn", "taken@example.vn", "other@example.vn"}
    # The existing account is told someone tried, with a way to log in or reset.
    assert "/login" in by_to["taken@example.vn"]["body"]
    assert "/password/forgot" in by_to["taken@example.vn"]["body"]
    assert _user(app, "taken@example.vn").full_name == "Chủ cũ"
    # A phone that belongs to someone else is left off the new account, and the mail says so.
    assert _user(app, "other@example.vn").phone is None
    assert "đã thuộc về một tài khoản khác" in by_to["other@example.vn"]["body"]
    assert "đã thuộc về" not in by_to["new@example.vn"]["body"]
    assert _user(app, "new@example.vn").phone == "+84987654321"
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(User)) == 3


def test_the_mailed_link_verifies_the_email(app, client, caplog):
    with captured_mail(caplog) as mails:
        register(client, email="my@example.vn")
    assert _user(app, "my@example.vn").email_verified_at is None
    path = link_in(mails[0], "/verify/")
    response = client.get(path)
    assert response.status_code == 302
    assert _user(app, "my@example.vn").email_verified_at is not None
    assert client.get("/verify/not-a-token").status_code == 400


def test_an_unverified_account_can_shop_but_not_open_a_stall(app, make_user, caplog):
    user = make_user(email="my@example.vn", verified=False)
    client = app.test_client()
    assert login(client, user.email).status_code == 302
    page = client.get("/stalls/apply").get_data(as_text=True)
    assert "Xác nhận email" in page
    assert 'action="/account/verify/resend"' in page
    with app.app_context():
        data = stall_form_data()
    refused = post_form(client, "/stalls/apply", data)
    assert refused.status_code == 403
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Stall)) == 0
    with captured_mail(caplog) as mails:
        assert post_form(client, "/account/verify/resend").status_code == 302
    assert [m["to"] for m in mails] == ["my@example.vn"]
    client.get(link_in(mails[0], "/verify/"))
    assert post_form(client, "/stalls/apply", data).status_code == 302


def test_resending_the_link_is_rate_limited(make_app, make_user):
    app = make_app(VERIFY_RESEND_RATE_LIMIT="2 per hour")
    user = make_user(verified=False)
    client = app.test_client()
    login(client, user.email)
    assert post_form(client, "/account/verify/resend").status_code == 302
    assert post_form(client, "/account/verify/resend").status_code == 302
    assert post_form(client, "/account/verify/resend").status_code == 429


def test_admin_and_demo_accounts_are_verified(app, runner):
    result = runner.invoke(
        args=["users", "create-admin", "admin@example.vn", "--password", TEST_PASSWORD]
    )
    assert result.exit_code == 0, result.output
    assert _user(app, "admin@example.vn").email_verified_at is not None
