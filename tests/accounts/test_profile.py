from sqlalchemy import select

from marketplace.accounts.models import User
from marketplace.extensions import db
from tests.helpers import post_form


def _profile(client, **fields):
    data = {"full_name": "Lò Văn Pành", "phone": "", "preferred_language": "vi"}
    data.update(fields)
    return post_form(client, "/account", data)


def test_profile_needs_login(client):
    response = client.get("/account")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


def test_update_profile(app, client, make_user, log_in):
    user = make_user()
    log_in(client, user)
    response = _profile(
        client, full_name="  Lò Văn Pành ", phone="0912 111 222", preferred_language="en"
    )
    assert response.status_code == 302
    with app.app_context():
        saved = db.session.get(User, user.id)
        assert (saved.full_name, saved.phone, saved.preferred_language) == (
            "Lò Văn Pành",
            "+84912111222",
            "en",
        )
    # The profile's language now wins over everything else.
    assert "Log out" in client.get("/", headers={"Accept-Language": "vi"}).get_data(as_text=True)


def test_profile_phone_taken_by_someone_else(app, client, make_user, log_in):
    make_user(phone="0912 111 222")
    user = make_user(full_name="Hồ Văn Sơn")
    log_in(client, user)
    response = _profile(client, phone="0912111222")
    assert response.status_code == 422
    assert "Số điện thoại này đã được dùng" in response.get_data(as_text=True)
    with app.app_context():
        saved = db.session.scalar(select(User).where(User.id == user.id))
        assert (saved.full_name, saved.phone) == ("Hồ Văn Sơn", None)


def test_profile_rejects_unknown_language(client, make_user, log_in):
    log_in(client, make_user())
    assert _profile(client, preferred_language="fr").status_code == 422


def test_profile_shows_the_phone_as_people_write_it(client, make_user, log_in):
    log_in(client, make_user(phone="+84912111222"))
    assert 'value="0912 111 222"' in client.get("/account").get_data(as_text=True)
