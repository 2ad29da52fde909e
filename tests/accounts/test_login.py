import pytest

from tests.helpers import TEST_PASSWORD, csrf_token, login, post_form


def test_login_by_email_and_by_phone(client, make_user):
    make_user(email="panh@example.vn", phone="0987 654 321")
    assert login(client, "PANH@example.vn").status_code == 302
    assert "Đăng xuất" in client.get("/").get_data(as_text=True)
    post_form(client, "/logout")
    assert login(client, "0987654321").status_code == 302
    assert "Đăng xuất" in client.get("/").get_data(as_text=True)


def test_wrong_password_or_unknown_user_is_the_same_error(client, make_user):
    make_user(email="panh@example.vn")
    wrong = login(client, "panh@example.vn", "sai-mat-khau")
    unknown = login(client, "nobody@example.vn")
    for response in (wrong, unknown):
        assert response.status_code == 422
        assert "Sai email, số điện thoại hoặc mật khẩu." in response.get_data(as_text=True)
    assert "Đăng nhập" in client.get("/").get_data(as_text=True)


def test_logout_needs_post_and_logs_out(client, make_user, log_in):
    user = make_user()
    log_in(client, user)
    assert client.get("/logout").status_code == 405
    response = post_form(client, "/logout")
    assert response.status_code == 302
    assert client.get("/account").status_code == 302  # back to the login page


def test_session_is_new_after_login(client, make_user):
    user = make_user()
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
        session["lang"] = "en"
    login(client, user.email)
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session["lang"] == "en"  # the language choice survives


@pytest.mark.parametrize(
    "target,expected",
    [
        ("/account", "/account"),
        ("https://evil.example/phish", "/"),
        ("//evil.example", "/"),
        ("/\\evil.example", "/"),
    ],
)
def test_next_only_goes_to_this_site(client, make_user, target, expected):
    user = make_user()
    token = csrf_token(client)
    response = client.post(
        "/login",
        query_string={"next": target},
        data={"identifier": user.email, "password": TEST_PASSWORD, "csrf_token": token},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == expected


def test_post_without_csrf_token_is_refused(client, make_user):
    user = make_user()
    response = client.post("/login", data={"identifier": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 400
    assert "Biểu mẫu đã hết hạn" in response.get_data(as_text=True)
    assert "Đăng nhập" in client.get("/").get_data(as_text=True)  # still logged out
    bad = client.post(
        "/login",
        data={"identifier": user.email, "password": TEST_PASSWORD, "csrf_token": "forged"},
    )
    assert bad.status_code == 400


def test_repeated_failures_are_rate_limited(app, client, make_user):
    user = make_user(email="mai@example.vn")
    limit = int(app.config["LOGIN_RATE_LIMIT"].split()[0])
    for _ in range(limit):
        assert login(client, user.email, "sai-mat-khau").status_code == 422
    blocked = login(client, user.email)  # even the right password waits now
    assert blocked.status_code == 429
    page = blocked.get_data(as_text=True)
    assert "Bạn đã thử quá nhiều lần. Vui lòng đợi 15 phút rồi thử lại." in page
    assert "Retry-After" in blocked.headers
    # Another account from the same address is not locked by these failures.
    other = make_user(email="other@example.vn")
    assert login(client, other.email).status_code == 302


def test_successful_logins_do_not_count_towards_the_limit(app, client, make_user):
    user = make_user()
    limit = int(app.config["LOGIN_RATE_LIMIT"].split()[0])
    for _ in range(limit + 2):
        assert login(client, user.email).status_code == 302
        post_form(client, "/logout")


def test_rate_limit_answers_json_to_api_clients(app, client, make_user):
    user = make_user()
    token = csrf_token(client)
    for _ in range(int(app.config["LOGIN_RATE_LIMIT"].split()[0])):
        login(client, user.email, "sai-mat-khau")
    response = client.post(
        "/login",
        data={"identifier": user.email, "password": "x", "csrf_token": token},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 429
    assert response.json["error"]["name"] == "too_many_requests"
