"""Password reset by a mailed, signed, single-use link (issue 7.16)."""

import time

from sqlalchemy import select

from marketplace.accounts import tokens
from marketplace.accounts.models import User
from marketplace.extensions import db
from tests.accounts.mail_capture import captured_mail, link_in
from tests.helpers import TEST_PASSWORD, login, post_form

NEW_PASSWORD = "mật-khẩu-mới-2"


def _forgot(client, identifier):
    return post_form(client, "/password/forgot", {"identifier": identifier})


def _reset(client, path, password=NEW_PASSWORD, confirm=None):
    return post_form(client, path, {"password": password, "confirm": confirm or password})


def test_forgot_answers_the_same_whether_or_not_the_account_exists(client, make_user, caplog):
    make_user(email="mai@example.vn", phone="0912 345 678", preferred_language="en")
    answers = []
    with captured_mail(caplog) as mails:
        for identifier in ("mai@example.vn", "0912345678", "nobody@example.vn", "0987654321"):
            response = _forgot(client, identifier)
            answers.append((response.status_code, response.headers.get("Location")))
    assert len(set(answers)) == 1, answers
    assert answers[0][0] == 302
    page = client.get(answers[0][1]).get_data(as_text=True)
    assert "Nếu có tài khoản" in page
    # Only the real account gets mail, in its own language, once per request.
    assert [m["to"] for m in mails] == ["mai@example.vn", "mai@example.vn"]
    assert mails[0]["subject"] == "Reset your Chợ Phiên password"
    assert "1 hour" in mails[0]["body"]


def test_reset_sets_the_password_ends_other_sessions_and_is_single_use(
    app, client, make_user, caplog
):
    user = make_user(email="mai@example.vn")
    other_device = app.test_client()
    assert login(other_device, user.email).status_code == 302
    with captured_mail(caplog) as mails:
        _forgot(client, "mai@example.vn")
    path = link_in(mails[0], "/password/reset/")
    form = client.get(path)
    assert form.status_code == 200
    assert "Đặt mật khẩu mới" in form.get_data(as_text=True)
    response = _reset(client, path)
    assert response.status_code == 302
    assert "Đăng xuất" in client.get("/").get_data(as_text=True)  # logged in here
    assert other_device.get("/account").status_code == 302  # and out everywhere else
    with app.app_context():
        stored = db.session.scalar(select(User).where(User.id == user.id))
        assert stored.email_verified_at is not None  # the link proved the address
    fresh = app.test_client()
    assert login(fresh, user.email, TEST_PASSWORD).status_code == 422
    assert login(fresh, user.email, NEW_PASSWORD).status_code == 302
    # The link is used up.
    again = app.test_client()
    used = again.get(path)
    assert used.status_code == 400
    assert "Liên kết này không còn dùng được" in used.get_data(as_text=True)
    assert _reset(again, path, "mật-khẩu-thứ-ba").status_code == 400


def test_bad_and_expired_links_are_a_clear_page(app, client, make_user, monkeypatch):
    user = make_user()
    for path in ("/password/reset/garbage", "/password/reset/" + "x" * 300):
        response = client.get(path)
        assert response.status_code == 400
        assert "Liên kết này không còn dùng được" in response.get_data(as_text=True)
    with app.app_context():
        stored = db.session.get(User, user.id)
        real_time = time.time
        with monkeypatch.context() as m:
            m.setattr(time, "time", lambda: real_time() - 3601)
            old = tokens.password_reset_token(stored)
    response = client.get(f"/password/reset/{old}")
    assert response.status_code == 400
    assert _reset(client, f"/password/reset/{old}").status_code == 400


def test_reset_form_errors_keep_the_link_usable(client, make_user, caplog):
    make_user(email="mai@example.vn")
    with captured_mail(caplog) as mails:
        _forgot(client, "mai@example.vn")
    path = link_in(mails[0], "/password/reset/")
    assert _reset(client, path, "short", "short").status_code == 422
    assert _reset(client, path, NEW_PASSWORD, NEW_PASSWORD + "x").status_code == 422
    assert _reset(client, path).status_code == 302


def test_forgot_is_rate_limited_per_account_whatever_the_spelling(make_app, make_user, caplog):
    app = make_app(PASSWORD_RESET_RATE_LIMIT="2 per hour")
    make_user(email="mai@example.vn", phone="0912 345 678")
    with captured_mail(caplog) as mails:
        first = app.test_client()
        first.environ_base["REMOTE_ADDR"] = "198.51.100.1"
        second = app.test_client()
        second.environ_base["REMOTE_ADDR"] = "198.51.100.2"
        assert _forgot(first, "MAI@example.vn").status_code == 302
        assert _forgot(second, "0912 345 678").status_code == 302
        assert _forgot(second, "mai@example.vn").status_code == 429
    assert len(mails) == 2


def test_forgot_is_rate_limited_per_address(make_app):
    app = make_app(PASSWORD_RESET_IP_RATE_LIMIT="3 per hour")
    client = app.test_client()
    for n in range(3):
        assert _forgot(client, f"person{n}@example.vn").status_code == 302
    assert _forgot(client, "person9@example.vn").status_code == 429
