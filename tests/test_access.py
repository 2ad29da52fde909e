import pytest
from flask_login import login_user
from werkzeug.exceptions import NotFound

from marketplace.accounts.access import get_owned_or_404
from marketplace.accounts.models import User
from marketplace.extensions import db


def test_admin_page_for_guest_shopper_and_admin(app, make_user, log_in):
    guest = app.test_client()
    response = guest.get("/admin/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/login?next=%2Fadmin%2F"

    shopper = app.test_client()
    log_in(shopper, make_user())
    assert shopper.get("/admin/").status_code == 403
    assert "Bạn không có quyền mở trang này." in shopper.get("/admin/").get_data(as_text=True)
    assert "/admin/" not in shopper.get("/").get_data(as_text=True)  # not offered in the menu

    admin = app.test_client()
    log_in(admin, make_user(is_admin=True))
    assert admin.get("/admin/").status_code == 200
    assert 'href="/admin/"' in admin.get("/").get_data(as_text=True)


def test_admin_page_answers_json_403(app, make_user, log_in):
    client = app.test_client()
    log_in(client, make_user())
    response = client.get("/admin/", headers={"Accept": "application/json"})
    assert response.status_code == 403
    assert response.json["error"]["name"] == "forbidden"


def _load_as(app, user, object_id):
    with app.test_request_context():
        login_user(db.session.get(User, user.id))
        return get_owned_or_404(User, object_id)


def test_owned_object_loads_for_its_owner_and_admins_only(app, make_user):
    owner, stranger, admin = make_user(), make_user(), make_user(is_admin=True)
    assert _load_as(app, owner, owner.id).id == owner.id
    assert _load_as(app, admin, owner.id).id == owner.id
    with pytest.raises(NotFound):
        _load_as(app, stranger, owner.id)
    with pytest.raises(NotFound):
        _load_as(app, owner, 987654)


def test_owned_object_is_404_for_guests(app, make_user):
    owner = make_user()
    with app.test_request_context(), pytest.raises(NotFound):
        get_owned_or_404(User, owner.id)
