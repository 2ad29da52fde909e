"""The SMTP mail backend against a real SMTP server on loopback (aiosmtpd).

Mail leaves after the commit of the request that caused it; a server that is down or refuses
the message is logged, and what the user did stays done.
"""

from __future__ import annotations

import logging
import re

import pytest
from sqlalchemy import select

from marketplace.accounts.models import User
from marketplace.config import ConfigurationError
from marketplace.extensions import db
from marketplace.mail import Mail, build_mailer, deliver
from marketplace.mail.log import LogMailer
from marketplace.mail.smtp import SmtpMailer
from tests.helpers import register
from tests.mail.smtp_server import free_port

PASSWORD = "mật-khẩu-dài-để-thử-1"


def _register(client, email="my@example.vn"):
    return register(client, email=email, password=PASSWORD, confirm=PASSWORD)


def _user_exists(app, email) -> bool:
    with app.app_context():
        return db.session.scalar(select(User.id).where(User.email == email)) is not None


def _delivery_errors(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "marketplace.mail.delivery"]


def test_the_backend_follows_mail_server():
    assert isinstance(build_mailer({}), LogMailer)
    assert isinstance(build_mailer({"MAIL_SERVER": "  "}), LogMailer)
    smtp = build_mailer(
        {
            "MAIL_SERVER": "smtp.example.vn",
            "MAIL_PORT": "465",
            "MAIL_FROM": "a@example.vn",
            "MAIL_USE_SSL": True,
            "MAIL_USE_TLS": True,
        }
    )
    assert isinstance(smtp, SmtpMailer)
    assert (smtp.host, smtp.port, smtp.use_ssl, smtp.use_tls) == (
        "smtp.example.vn",
        465,
        True,
        False,
    )
    with pytest.raises(ConfigurationError, match="MAIL_FROM"):
        build_mailer({"MAIL_SERVER": "smtp.example.vn", "MAIL_FROM": ""})
    with pytest.raises(ConfigurationError, match="ASCII"):
        build_mailer(
            {
                "MAIL_SERVER": "smtp.example.vn",
                "MAIL_USERNAME": "shop",
                "MAIL_PASSWORD": "bí-mật",
                "MAIL_FROM": "a@b.vn",
            }
        )
    with pytest.raises(ConfigurationError, match="MAIL_PORT"):
        build_mailer({"MAIL_SERVER": "smtp.example.vn", "MAIL_PORT": "25x", "MAIL_FROM": "a@b.vn"})


def test_signup_mail_arrives_by_smtp_in_vietnamese(make_app, smtp_server, caplog):
    server = smtp_server()
    app = make_app(**server.config(MAIL_FROM="Chợ Phiên <no-reply@chophien.vn>"))
    client = app.test_client()
    with caplog.at_level(logging.INFO, logger="marketplace.mail"):
        assert _register(client).status_code == 302
    [received] = server.messages
    message = received.message
    assert message["From"] == "Chợ Phiên <no-reply@chophien.vn>"
    assert message["To"] == "my@example.vn"
    assert message["Subject"] == "Xác nhận email của bạn trên Chợ Phiên"
    assert received.rcpt_tos == ["my@example.vn"]
    assert received.mail_from == "no-reply@chophien.vn"
    assert not received.tls  # MAIL_USE_TLS=false here: plain SMTP, as configured
    assert message.get_content_charset() == "utf-8"
    body = message.get_content()
    assert "Thào Thị Mỷ" in body
    # The link in the mail, sent through SMTP, confirms the address.
    [link] = re.findall(r"https?://\S+/verify/\S+", body)
    assert link.startswith(app.config["PUBLIC_BASE_URL"])
    client.get("/" + link.split("://", 1)[1].split("/", 1)[1])
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "my@example.vn"))
        assert user.email_verified
    # Sent by SMTP, so not written to the log's mailbox, and nothing failed.
    assert not [r for r in caplog.records if r.name == "marketplace.mail"]
    assert _delivery_errors(caplog) == []


# aiosmtpd warns that AUTH without TLS is unsafe: here it is loopback, and STARTTLS is tested below.
@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_login_is_attempted_when_a_user_name_is_set(make_app, smtp_server, caplog):
    server = smtp_server(username="shop@chophien.vn", password="bi-mat-42")
    ok = make_app(**server.config(MAIL_USERNAME="shop@chophien.vn", MAIL_PASSWORD="bi-mat-42"))
    assert _register(ok.test_client(), "a@example.vn").status_code == 302
    assert server.logins == [("shop@chophien.vn", "bi-mat-42")]
    assert [m.message["To"] for m in server.messages] == ["a@example.vn"]

    # A wrong password and no login at all are both refused; each is logged, and the
    # account is created all the same.
    wrong = make_app(**server.config(MAIL_USERNAME="shop@chophien.vn", MAIL_PASSWORD="sai"))
    anonymous = make_app(**server.config())
    with caplog.at_level(logging.INFO):
        assert _register(wrong.test_client(), "b@example.vn").status_code == 302
        # smtplib tries each mechanism the server offers (PLAIN, then LOGIN).
        assert set(server.logins[1:]) == {("shop@chophien.vn", "sai")}
        logins_so_far = len(server.logins)
        assert _register(anonymous.test_client(), "c@example.vn").status_code == 302
    assert len(server.logins) == logins_so_far  # no login attempted without a user name
    assert [m.message["To"] for m in server.messages] == ["a@example.vn"]
    errors = _delivery_errors(caplog)
    assert len(errors) == 2
    assert "to=b@example.vn" in errors[0] and "SMTPAuthenticationError" in errors[0]
    assert "to=c@example.vn" in errors[1]
    assert _user_exists(wrong, "b@example.vn") and _user_exists(anonymous, "c@example.vn")


def test_starttls_is_used_when_asked_and_never_skipped(make_app, smtp_server, tls_context, caplog):
    tls_server = smtp_server(tls_context=tls_context, require_starttls=True)
    with_tls = make_app(**tls_server.config(MAIL_USE_TLS=True))
    assert _register(with_tls.test_client(), "a@example.vn").status_code == 302
    [received] = tls_server.messages
    assert received.tls and received.message["To"] == "a@example.vn"

    # Without MAIL_USE_TLS the server that demands STARTTLS refuses the message; with it, a
    # server that does not offer STARTTLS gets nothing in clear text.
    without_tls = make_app(**tls_server.config(MAIL_USE_TLS=False))
    plain_server = smtp_server()
    insisting = make_app(**plain_server.config(MAIL_USE_TLS=True))
    with caplog.at_level(logging.INFO):
        assert _register(without_tls.test_client(), "b@example.vn").status_code == 302
        assert _register(insisting.test_client(), "c@example.vn").status_code == 302
    assert len(tls_server.messages) == 1 and plain_server.messages == []
    errors = _delivery_errors(caplog)
    assert len(errors) == 2
    assert "to=b@example.vn" in errors[0] and "to=c@example.vn" in errors[1]
    assert "STARTTLS" in errors[1]


def test_a_refused_connection_is_logged_and_the_signup_stays_done(make_app, caplog):
    closed_port = free_port()  # bound and released: nothing listens there
    app = make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=closed_port, MAIL_USE_TLS=False)
    client = app.test_client()
    with caplog.at_level(logging.INFO):
        response = _register(client)
    assert response.status_code == 302
    assert _user_exists(app, "my@example.vn")
    [error] = _delivery_errors(caplog)
    assert "to=my@example.vn" in error
    assert f"127.0.0.1:{closed_port}" in error and "ConnectionRefusedError" in error
    # The page after the redirect answers normally.
    assert client.get(response.headers["Location"]).status_code == 200


def test_deliver_reports_failure_without_raising(make_app):
    app = make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port(), MAIL_USE_TLS=False)
    with app.app_context():
        assert deliver(Mail(to="quan@example.vn", subject="Đơn hàng", body="Xin chào\n")) is False


def test_mail_use_ssl_speaks_tls_from_the_first_byte(make_app, smtp_server, tls_context):
    server = smtp_server(ssl_context=tls_context)
    # MAIL_USE_TLS stays at its default (true): with SSL there is no STARTTLS to ask for.
    app = make_app(**server.config(MAIL_USE_SSL=True, MAIL_USE_TLS=True))
    assert _register(app.test_client()).status_code == 302
    [received] = server.messages
    assert received.tls and received.message["To"] == "my@example.vn"
