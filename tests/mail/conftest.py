"""The loopback SMTP server's fixtures, for the tests in this folder."""

from tests.mail.smtp_server import smtp_server, tls_context  # noqa: F401
