from sqlalchemy import func, select

from marketplace.extensions import db
from marketplace.stalls.models import Stall
from tests.helpers import post_form, reference_ids, stall_form_data


def _stall_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Stall))


def test_apply_for_a_stall(app, client, make_user, log_in):
    owner = make_user()
    log_in(client, owner)
    with app.app_context():
        data = stall_form_data()
    response = post_form(client, "/stalls/apply", data)
    assert response.status_code == 302, response.get_data(as_text=True)
    with app.app_context():
        stall = db.session.scalar(select(Stall))
        assert stall.status == "pending"
        assert stall.owner_id == owner.id
        assert stall.slug == "man-tam-hoa-bac-ha"
        assert stall.bank_account_number == "113001001932"
        assert stall.bank_account_name == "THAO THI MY"  # written the way the bank does
        assert stall.contact_phone == "+84912345001"
        assert "bac ha" in stall.search_key and "lao cai" in stall.search_key
    dashboard = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Đang chờ duyệt" in dashboard
    # Not public while pending.
    assert client.get("/stalls/man-tam-hoa-bac-ha").status_code == 404


def test_same_name_gets_its_own_slug(app, client, make_user, log_in, make_stall):
    make_stall(name="Mận Tam Hoa Bắc Hà")
    log_in(client, make_user())
    with app.app_context():
        data = stall_form_data()
    post_form(client, "/stalls/apply", data)
    with app.app_context():
        slugs = set(db.session.scalars(select(Stall.slug)))
    assert slugs == {"man-tam-hoa-bac-ha", "man-tam-hoa-bac-ha-2"}


def test_apply_errors_are_shown_and_nothing_is_saved(app, client, make_user, log_in):
    log_in(client, make_user())
    with app.app_context():
        other = reference_ids("dak-lak", "xã Buôn Đôn")
        cases = {
            "commune_id": stall_form_data(commune_id=str(other["commune_id"])),
            "bank_account_number": stall_form_data(bank_account_number="12ab34"),
            "bank_account_name": stall_form_data(bank_account_name="Mỷ & co."),
            "contact_phone": stall_form_data(contact_phone="123"),
            "name": stall_form_data(name=""),
        }
    for field, data in cases.items():
        response = post_form(client, "/stalls/apply", data)
        assert response.status_code == 422, field
        assert f'id="{field}-error"' in response.get_data(as_text=True), field
    assert _stall_count(app) == 0


def test_apply_needs_login(client):
    response = client.get("/stalls/apply")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_an_owner_may_have_several_stalls(app, make_user, make_stall, client, log_in):
    owner = make_user()
    make_stall(owner, name="Mận Tam Hoa")
    make_stall(owner, name="Chè Shan Tuyết Tà Xùa", status="pending")
    log_in(client, owner)
    page = client.get("/my/stalls").get_data(as_text=True)
    assert "Mận Tam Hoa" in page and "Chè Shan Tuyết Tà Xùa" in page
