from sqlalchemy import func, select

from marketplace.accounts.models import User
from marketplace.extensions import db
from tests.helpers import TEST_PASSWORD, register


def _user_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(User))


def test_register_creates_an_unconfirmed_account_and_normalises(app, client):
    response = register(client, email="  My@Example.VN ", phone="0912.345.678")
    assert response.status_code == 302
    assert response.headers["Location"] == "/register/check-email"
    with app.app_context():
        user = db.session.scalar(select(User))
        assert user.email == "my@example.vn"
        assert user.phone == "+84912345678"
        assert user.password_hash.startswith("scrypt:")
        assert TEST_PASSWORD not in user.password_hash
        assert user.email_verified_at is None
    page = client.get("/").get_data(as_text=True)
    # Not logged in yet: a new account looks the same as an address that already had one.
    assert "Đăng nhập" in page


# Registering a used email or phone is no longer a form error (it told anyone which addresses
# and numbers have accounts): see test_verification.py.


def test_bad_phone_is_a_form_error(app, client):
    for phone in ("12345", "0243 826 1234", "+1 202 555 0100", "không có"):
        response = register(client, phone=phone)
        assert response.status_code == 422, phone
        page = response.get_data(as_text=True)
        assert 'id="phone-error"' in page
        assert "Nhập số di động Việt Nam" in page
    assert _user_count(app) == 0


def test_password_rules(app, client):
    short = register(client, password="1234567", confirm="1234567")
    assert short.status_code == 422
    assert "Mật khẩu phải dài từ 8 đến 128 ký tự." in short.get_data(as_text=True)
    too_long = "a" * 129
    assert register(client, password=too_long, confirm=too_long).status_code == 422
    mismatch = register(client, confirm=TEST_PASSWORD + "x")
    assert "Hai mật khẩu không khớp nhau." in mismatch.get_data(as_text=True)
    assert _user_count(app) == 0
    # Exactly 8 characters is enough, non-ASCII ones included.
    assert register(client, password="đúng8kýt", confirm="đúng8kýt").status_code == 302


def test_form_keeps_what_was_typed_except_passwords(client):
    page = register(client, phone="123", full_name="Lò Văn Pành").get_data(as_text=True)
    assert 'value="Lò Văn Pành"' in page
    assert TEST_PASSWORD not in page


def test_all_errors_show_at_once(client):
    page = register(client, phone="12345", password="1234", confirm="1234").get_data(as_text=True)
    assert 'id="phone-error"' in page
    assert 'id="password-error"' in page
