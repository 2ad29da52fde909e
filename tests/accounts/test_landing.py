"""Where people land after logging in (issue 7.8)."""

from tests.helpers import TEST_PASSWORD, csrf_token, login


def test_admin_lands_on_the_admin_dashboard(client, make_user):
    admin = make_user(is_admin=True)
    assert login(client, admin.email).headers["Location"] == "/admin/"


def test_an_owner_lands_on_their_stall(client, make_user, make_stall):
    owner = make_user()
    stall = make_stall(owner, status="pending")
    assert login(client, owner.email).headers["Location"] == f"/my/stalls/{stall.id}"


def test_an_owner_of_several_stalls_lands_on_the_list(client, make_user, make_stall):
    owner = make_user()
    make_stall(owner)
    make_stall(owner, name="Chè Shan Tuyết")
    assert login(client, owner.email).headers["Location"] == "/my/stalls"


def test_a_shopper_lands_on_the_home_page(client, make_user):
    assert login(client, make_user().email).headers["Location"] == "/"


def test_a_valid_next_wins(client, make_user, make_stall):
    admin = make_user(is_admin=True)
    token = csrf_token(client)
    response = client.post(
        "/login",
        query_string={"next": "/cart"},
        data={"identifier": admin.email, "password": TEST_PASSWORD, "csrf_token": token},
    )
    assert response.headers["Location"] == "/cart"
