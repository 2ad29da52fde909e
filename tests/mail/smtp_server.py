"""A real SMTP server on loopback (aiosmtpd), for testing the SMTP mail backend.

``smtp_server(**options)`` starts one on 127.0.0.1 on a free port and stops it when the test
ends; the options are aiosmtpd's SMTP options (``auth_required``, ``authenticator``,
``require_starttls``, ``tls_context``...). Every message it accepts is kept, parsed, in
``server.messages``; the logins it saw in ``server.logins``.
"""

from __future__ import annotations

import socket
import ssl
import subprocess
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Received:
    message: EmailMessage
    mail_from: str
    rcpt_tos: list[str]
    tls: bool


@dataclass
class SmtpServer:
    port: int
    messages: list[Received] = field(default_factory=list)
    logins: list[tuple[str, str]] = field(default_factory=list)

    def config(self, **overrides) -> dict:
        """App settings that send mail to this server (no STARTTLS, no login unless asked)."""
        return {
            "MAIL_SERVER": "127.0.0.1",
            "MAIL_PORT": self.port,
            "MAIL_USE_TLS": False,
            "MAIL_USE_SSL": False,
            **overrides,
        }


class _Handler:
    def __init__(self, server: SmtpServer) -> None:
        self.server = server

    async def handle_DATA(self, smtp, session, envelope):
        self.server.messages.append(
            Received(
                message=message_from_bytes(envelope.original_content, policy=policy.default),
                mail_from=envelope.mail_from,
                rcpt_tos=list(envelope.rcpt_tos),
                # session.ssl after STARTTLS; the transport's TLS object for implicit TLS.
                tls=session.ssl is not None
                or smtp.transport.get_extra_info("ssl_object") is not None,
            )
        )
        return "250 OK"


class _Authenticator:
    """Accepts one user name and password; records every attempt."""

    def __init__(self, server: SmtpServer, username: str, password: str) -> None:
        self.server, self.username, self.password = server, username, password

    def __call__(self, smtp, session, envelope, mechanism, auth_data):
        if not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        login = (auth_data.login.decode(), auth_data.password.decode())
        self.server.logins.append(login)
        return AuthResult(success=login == (self.username, self.password), handled=False)


@pytest.fixture
def smtp_server():
    controllers = []

    def start(*, username: str | None = None, password: str = "", **options) -> SmtpServer:
        for _ in range(5):  # the free port can be taken between probing and binding
            server = SmtpServer(port=free_port())
            if username is not None:
                options.update(
                    auth_required=True,
                    auth_require_tls=False,
                    authenticator=_Authenticator(server, username, password),
                )
            controller = Controller(
                _Handler(server), hostname="127.0.0.1", port=server.port, **options
            )
            try:
                controller.start()
            except (OSError, RuntimeError):
                continue
            controllers.append(controller)
            return server
        raise RuntimeError("no free port for the SMTP server")

    yield start
    for controller in controllers:
        controller.stop()


@pytest.fixture(scope="session")
def tls_context(tmp_path_factory) -> ssl.SSLContext:
    """A server-side TLS context with a self-signed certificate for 127.0.0.1 (for STARTTLS)."""
    folder = tmp_path_factory.mktemp("smtp-tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(  # noqa: S603
        [  # noqa: S607
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context
