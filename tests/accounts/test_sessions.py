"""A per-user session version: logging out or changing the password ends the other sessions."""

from sqlalchemy import select

from marketplace.accounts.models import User
from marketplace.extensions import db
from tests.helpers import TEST_PASSWORD, login, post_form


def _is_logged_in(client) -> bool:
    return client.get("/account").status_code == 200


def test_logout_invalidates_the_other_sessions(app, make_user, log_in):
    user = make_user()
    phone, laptop = app.test_client(), app.test_client()
    log_in(phone, user)
    log_in(laptop, user)
    assert _is_logged_in(phone) and _is_logged_in(laptop)

    post_form(laptop, "/logout")

    assert not _is_logged_in(laptop)
    assert not _is_logged_in(phone)


def test_remember_me_cookie_is_revoked_too(app, make_user):
    user = make_user()
    phone = app.test_client()
    login(phone, user.email, remember="y")
    remember = phone.get_cookie("remember_token")
    assert remember is not None

    laptop = app.test_client()
    login(laptop, user.email)
    post_form(laptop, "/logout")

    # A browser that lost its session cookie but kept the remember-me cookie.
    restored = app.test_client()
    restored.set_cookie("remember_token", remember.value)
    assert not _is_logged_in(restored)


def test_password_change_keeps_this_session_and_ends_the_others(app, make_user, log_in):
    user = make_user()
    phone, laptop = app.test_client(), app.test_client()
    log_in(phone, user)
    log_in(laptop, user)

    response = post_form(
        laptop,
        "/account/password",
        {
            "current_password": TEST_PASSWORD,
            "new_password": "mật khẩu mới 2026",
            "confirm": "mật khẩu mới 2026",
        },
    )
    assert response.status_code == 302

    assert _is_logged_in(laptop)
    assert not _is_logged_in(phone)
    assert login(app.test_client(), user.email, TEST_PASSWORD).status_code == 422
    assert login(app.test_client(), user.email, "mật khẩu mới 2026").status_code == 302


def test_password_change_with_wrong_current_password_changes_nothing(app, make_user, log_in):
    user = make_user()
    client = app.test_client()
    log_in(client, user)
    with app.app_context():
        before = db.session.scalar(select(User).where(User.id == user.id))
        old_hash, old_version = before.password_hash, before.session_version
    response = post_form(
        client,
        "/account/password",
        {"current_password": "wrong", "new_password": "12345678", "confirm": "12345678"},
    )
    assert response.status_code == 422
    assert "Mật khẩu hiện tại không đúng." in response.get_data(as_text=True)
    with app.app_context():
        after = db.session.scalar(select(User).where(User.id == user.id))
        assert (after.password_hash, after.session_version) == (old_hash, old_version)


def test_a_forged_session_version_is_refused(app, make_user, log_in):
    user = make_user()
    client = app.test_client()
    log_in(client, user)
    with client.session_transaction() as session:
        session["_user_id"] = f"{user.id}.999"
    assert not _is_logged_in(client)


def test_session_cookie_flags(app, client, make_user):
    user = make_user()
    response = login(client, user.email)
    cookie = response.headers.get("Set-Cookie")
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # development; production turns it on (see test_config)
