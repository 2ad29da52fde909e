"""Login limits that slow guessing without letting an attacker lock the owner out (issue 7.13)."""

from tests.helpers import TEST_PASSWORD, csrf_token, login, post_form

WRONG = "sai-mat-khau"


def _client_at(app, address: str, **headers):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    if headers:
        client.environ_base.update(
            {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()}
        )
    return client


def test_email_and_phone_spellings_share_one_budget(make_app, make_user):
    app = make_app(LOGIN_RATE_LIMIT="4 per 15 minutes")
    user = make_user(email="mai@example.vn", phone="0912 345 678")
    client = app.test_client()
    for identifier in ("mai@example.vn", "MAI@example.vn ", "0912345678", "+84 912 345 678"):
        assert login(client, identifier, WRONG).status_code == 422
    assert login(client, user.email).status_code == 429
    assert login(client, "0912.345.678").status_code == 429


def test_attacker_at_one_address_does_not_lock_out_the_owner_at_another(make_app, make_user):
    app = make_app(LOGIN_RATE_LIMIT="3 per 15 minutes")
    user = make_user(email="mai@example.vn")
    attacker = _client_at(app, "198.51.100.7")
    for _ in range(3):
        assert login(attacker, user.email, WRONG).status_code == 422
    assert login(attacker, user.email).status_code == 429
    owner = _client_at(app, "203.0.113.20")
    assert login(owner, user.email).status_code == 302


def test_guessing_one_account_from_many_addresses_is_slowed_but_known_devices_get_in(
    make_app, make_user
):
    app = make_app(LOGIN_RATE_LIMIT="3 per 15 minutes", LOGIN_ACCOUNT_RATE_LIMIT="6 per hour")
    user = make_user(email="mai@example.vn")
    # The owner logged in on their phone last week: the phone is a known device.
    phone = _client_at(app, "203.0.113.20")
    assert login(phone, user.email).status_code == 302
    post_form(phone, "/logout")
    for n in range(6):
        attacker = _client_at(app, f"198.51.100.{n + 1}")
        assert login(attacker, user.email, WRONG).status_code == 422
    # A new address, even with the right password, now waits...
    assert login(_client_at(app, "198.51.100.99"), user.email).status_code == 429
    # ...but the owner's known device, at any address, still gets in.
    phone.environ_base["REMOTE_ADDR"] = "203.0.113.21"
    assert login(phone, user.email).status_code == 302


def test_a_known_device_for_one_account_is_not_known_for_another(make_app, make_user):
    app = make_app(LOGIN_RATE_LIMIT="3 per 15 minutes", LOGIN_ACCOUNT_RATE_LIMIT="3 per hour")
    mine = make_user(email="mine@example.vn")
    victim = make_user(email="victim@example.vn")
    device = _client_at(app, "198.51.100.1")
    assert login(device, mine.email).status_code == 302
    post_form(device, "/logout")
    for n in range(3):
        login(_client_at(app, f"198.51.100.{n + 10}"), victim.email, WRONG)
    assert login(device, victim.email).status_code == 429


def test_one_address_guessing_many_accounts_is_slowed(make_app, make_user):
    app = make_app(LOGIN_IP_RATE_LIMIT="4 per hour")
    users = [make_user() for _ in range(5)]
    client = app.test_client()
    for user in users[:4]:
        assert login(client, user.email, WRONG).status_code == 422
    assert login(client, users[4].email).status_code == 429


def test_forwarded_for_is_ignored_without_trusted_proxies(make_app, make_user):
    app = make_app(LOGIN_RATE_LIMIT="3 per 15 minutes")
    user = make_user()
    for n in range(3):
        client = _client_at(app, "127.0.0.1", x_forwarded_for=f"198.51.100.{n}")
        assert login(client, user.email, WRONG).status_code == 422
    client = _client_at(app, "127.0.0.1", x_forwarded_for="198.51.100.200")
    assert login(client, user.email).status_code == 429


def test_forwarded_for_is_honoured_for_the_configured_hops_only(make_app, make_user):
    app = make_app(TRUSTED_PROXY_HOPS=1, LOGIN_RATE_LIMIT="3 per 15 minutes")
    user = make_user()
    # Behind one proxy: the proxy appends the real address; what the client sent comes before.
    for n in range(3):
        spoofing = _client_at(app, "10.0.0.2", x_forwarded_for=f"192.0.2.{n}, 198.51.100.7")
        assert login(spoofing, user.email, WRONG).status_code == 422
    still = _client_at(app, "10.0.0.2", x_forwarded_for="192.0.2.99, 198.51.100.7")
    assert login(still, user.email).status_code == 429
    # Another real client behind the same proxy is not locked out.
    other = _client_at(app, "10.0.0.2", x_forwarded_for="203.0.113.5")
    assert login(other, user.email).status_code == 302


def test_registration_is_rate_limited_per_address(make_app):
    app = make_app(REGISTER_RATE_LIMIT="2 per hour")
    client = app.test_client()
    for n in range(2):
        response = post_form(
            client,
            "/register",
            {
                "full_name": "Thào Thị Mỷ",
                "email": f"my{n}@example.vn",
                "password": TEST_PASSWORD,
                "confirm": TEST_PASSWORD,
            },
        )
        assert response.status_code == 302
    response = post_form(
        client,
        "/register",
        {
            "full_name": "X",
            "email": "x@example.vn",
            "password": TEST_PASSWORD,
            "confirm": TEST_PASSWORD,
        },
    )
    assert response.status_code == 429


def test_order_lookup_is_rate_limited_per_address(make_app):
    app = make_app(ORDER_LOOKUP_RATE_LIMIT="3 per hour")
    client = app.test_client()
    token = csrf_token(client)
    data = {"code": "CP-0000-0000", "phone": "0912 345 678", "csrf_token": token}
    for _ in range(3):
        assert client.post("/orders/lookup", data=data).status_code != 429
    assert client.post("/orders/lookup", data=data).status_code == 429
