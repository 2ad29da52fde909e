"""Security headers, production guards and safe request logs (issue 7, item 18)."""

import logging

import pytest
import requests

from marketplace.config import ConfigurationError, load_config
from tests.helpers import place_order
from tests.servers import serving

STRONG_KEY = "k" * 40


# --- HSTS ---------------------------------------------------------------------------------


def test_hsts_only_in_production(make_app):
    development = make_app().test_client().get("/")
    assert "Strict-Transport-Security" not in development.headers
    production = make_app(MARKETPLACE_ENV="production", SECRET_KEY=STRONG_KEY)
    response = production.test_client().get("/")
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


# --- Cache-Control: no-store on personal pages --------------------------------------------


def _no_store(response) -> bool:
    return "no-store" in response.headers.get("Cache-Control", "")


def test_pages_with_personal_data_are_never_stored(
    app, client, make_user, make_stall, make_product, log_in
):
    product = make_product(make_stall(), price=85_000, stock=5)
    # A guest's checkout, orders and cart.
    placed = place_order(app, client, [(product, 1)])
    assert placed.status_code == 302, placed.get_data(as_text=True)
    checkout_page = placed.headers["Location"]
    assert checkout_page.startswith("/checkout/")
    assert _no_store(placed)  # the response that puts the checkout in the session
    for path in (checkout_page, "/orders", "/orders/lookup", "/cart", "/checkout", "/login"):
        response = client.get(path)
        assert response.status_code < 400, path
        assert _no_store(response), path

    # Public pages to a guest stay cacheable (so the test can tell the two apart), once the
    # first visits have set the session cookie (CSRF token of the page's forms, Flask-Login).
    guest = app.test_client()
    assert _no_store(guest.get(f"/products/{product.id}"))
    guest.get("/")
    for path in ("/", "/products", f"/products/{product.id}"):
        response = guest.get(path)
        assert response.status_code == 200, path
        assert not _no_store(response), path

    # Anything answered to a logged-in user, public pages included; owner and admin pages.
    admin = make_user(is_admin=True)
    member = app.test_client()
    log_in(member, admin)
    for path in ("/", "/products", "/account", "/my/stalls", "/admin/", "/admin/stalls"):
        response = member.get(path)
        assert response.status_code == 200, path
        assert _no_store(response), path
    # Static files are the same for everybody and stay cacheable.
    assert not _no_store(member.get("/static/css/app.css"))


# --- CSP img-src --------------------------------------------------------------------------


def _img_src(response) -> list[str]:
    policy = response.headers["Content-Security-Policy"]
    directive = next(d for d in policy.split(";") if d.strip().startswith("img-src"))
    return directive.split()[1:]


def test_img_src_allows_the_site_and_the_media_origin_only(make_app, s3_config):
    local = make_app().test_client().get("/")
    # Stripe.js may show its own images (card brands); otherwise only this site.
    assert [s for s in _img_src(local) if not s.endswith(".stripe.com")] == ["'self'", "data:"]

    presigned = make_app(**s3_config).test_client().get("/")
    sources = _img_src(presigned)
    assert "https:" not in sources
    assert s3_config["S3_ENDPOINT_URL"] in sources

    cdn = make_app(**{**s3_config, "S3_PUBLIC_BASE_URL": "https://anh.chophien.example/p/"})
    sources = _img_src(cdn.test_client().get("/"))
    assert "https:" not in sources and "https://anh.chophien.example" in sources


# --- Production guards --------------------------------------------------------------------


@pytest.fixture
def production_env(monkeypatch):
    for name in ("SECRET_KEY", "FLASK_DEBUG", "REDIS_URL", "WEB_CONCURRENCY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MARKETPLACE_ENV", "production")
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://u:p@db/market")
    return monkeypatch


def test_production_refuses_a_short_secret_key(production_env, tmp_path):
    production_env.setenv("SECRET_KEY", "x" * 31)
    with pytest.raises(ConfigurationError, match=r"SECRET_KEY.*32"):
        load_config(str(tmp_path))
    production_env.setenv("SECRET_KEY", "x" * 32)
    assert load_config(str(tmp_path))["SECRET_KEY"] == "x" * 32


def test_production_refuses_flask_debug(production_env, tmp_path):
    production_env.setenv("SECRET_KEY", STRONG_KEY)
    production_env.setenv("FLASK_DEBUG", "1")
    with pytest.raises(ConfigurationError, match="FLASK_DEBUG"):
        load_config(str(tmp_path))
    production_env.setenv("FLASK_DEBUG", "0")
    load_config(str(tmp_path))


def _rate_limit_warnings(caplog):
    return [r for r in caplog.records if r.levelno == logging.WARNING and "REDIS_URL" in r.message]


def test_warns_when_several_workers_keep_rate_limits_per_process(make_app, monkeypatch, caplog):
    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.setenv("WEB_CONCURRENCY", "4")
    with caplog.at_level(logging.WARNING):
        make_app(RATELIMIT_STORAGE_URI="memory://", REDIS_URL="")
    assert len(_rate_limit_warnings(caplog)) == 1
    assert "4" in _rate_limit_warnings(caplog)[0].message

    caplog.clear()
    monkeypatch.setenv("WEB_CONCURRENCY", "1")
    with caplog.at_level(logging.WARNING):
        make_app(REDIS_URL="")
    assert _rate_limit_warnings(caplog) == []

    monkeypatch.setenv("WEB_CONCURRENCY", "4")
    with caplog.at_level(logging.WARNING):
        make_app(REDIS_URL="redis://127.0.0.1:6379/0")
    assert _rate_limit_warnings(caplog) == []


# --- Logs: no capability links, no forged lines --------------------------------------------


def test_checkout_tokens_never_reach_the_logs(make_app, capsys):
    app = make_app()  # built here, so its log handler writes to the captured stdout
    with serving(app) as base:
        token = "Sup3rSecretCheckoutToken"
        for path in (f"/checkout/{token}", f"/checkout/{token}/pay", f"/checkout/{token}/paid"):
            requests.get(base + path, timeout=10)
    out = capsys.readouterr().out
    # Both our request log and werkzeug's access log answered these requests.
    assert "marketplace.request: GET /checkout/<redacted>" in out
    assert "werkzeug: 127.0.0.1" in out and "GET /checkout/<redacted>/pay HTTP/1.1" in out
    assert token not in out


def test_line_breaks_in_a_path_cannot_forge_log_lines(make_app, capsys):
    app = make_app()
    forged = "2026-11-23 13:00:00,000 INFO [-] marketplace.request: GET /admin/ 200"
    app.test_client().get("/nothing%0D%0A" + forged.replace(" ", "%20") + "%1b[2J")
    lines = capsys.readouterr().out.splitlines()
    request_lines = [line for line in lines if "marketplace.request:" in line]
    assert len(request_lines) == 1
    assert request_lines[0].startswith(tuple("0123456789"))  # a real line, with its timestamp
    assert "/nothing\\r\\n2026" in request_lines[0] and "\\x1b[2J" in request_lines[0]
    assert not any(line.startswith(forged) for line in lines)


def test_mail_written_to_the_log_keeps_checkout_links_only_in_development(make_app, capsys):
    from marketplace.mail import Mail, deliver

    link = "http://127.0.0.1:5000/checkout/Sup3rSecretCheckoutToken"
    for environment, shown in (("development", True), ("production", False)):
        app = make_app(MARKETPLACE_ENV=environment, SECRET_KEY=STRONG_KEY)
        with app.app_context():
            deliver(Mail(to="quan@example.vn", subject="Đơn hàng", body=f"Xem đơn: {link}\n"))
        out = capsys.readouterr().out
        # In development the log is the demo's mailbox; in production it is only a log.
        assert (link in out) is shown, environment
        assert shown or "/checkout/<redacted>" in out
