"""Outgoing mail: a small interface with a log and an SMTP backend, like photo storage.

The rest of the code renders a message with ``render_mail`` and queues it with
``send_after_commit``: it leaves only when the transaction that caused it commits, and a
backend that fails (an SMTP server that refuses the connection) is logged without undoing what
the user did. ``build_mailer`` picks the backend from the configuration: the log backend unless
``MAIL_SERVER`` is set. ``smtplib`` is imported only by ``marketplace.mail.smtp``. Each message
is rendered in its recipient's language.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from flask import current_app, render_template
from flask_babel import force_locale

from marketplace.after_commit import on_commit
from marketplace.config import ConfigurationError, adapter, setting

# Not "marketplace.mail": that logger is the log backend's mailbox, read back by the tests.
_delivery_log = logging.getLogger("marketplace.mail.delivery")


@dataclass(frozen=True)
class Mail:
    to: str
    subject: str
    body: str
    # Extra header lines, e.g. List-Unsubscribe (RFC 8058) on livestream reminders.
    headers: tuple[tuple[str, str], ...] = ()


class MailError(Exception):
    """The mail backend could not send a message (server unreachable, refused, login failed)."""


class Mailer(Protocol):
    def send(self, mail: Mail) -> None:
        """Send one message now; raises ``MailError`` if it could not be handed over."""


def build_mailer(config: Mapping[str, Any]) -> Mailer:
    """SMTP to ``MAIL_SERVER`` when it is set, else the log (development's mailbox)."""
    server = str(config.get("MAIL_SERVER") or "").strip()
    if not server:
        from marketplace.mail.log import LogMailer

        return LogMailer()

    from marketplace.mail.smtp import SmtpMailer

    try:
        port = int(config.get("MAIL_PORT") or 587)
    except (TypeError, ValueError) as exc:
        raise ConfigurationError("MAIL_PORT must be a whole number") from exc
    sender = str(config.get("MAIL_FROM") or "").strip()
    if not sender:
        raise ConfigurationError("MAIL_SERVER is set: MAIL_FROM must name the sender")
    username = config.get("MAIL_USERNAME") or None
    password = config.get("MAIL_PASSWORD") or ""
    # smtplib sends the login in ASCII only; say so at start-up, not at the first mail.
    if not (username or "").isascii() or not password.isascii():
        raise ConfigurationError("MAIL_USERNAME and MAIL_PASSWORD must be ASCII for SMTP login")
    return SmtpMailer(
        server,
        port,
        sender=sender,
        use_ssl=bool(config.get("MAIL_USE_SSL")),
        use_tls=bool(config.get("MAIL_USE_TLS")),
        username=username,
        password=password,
    )


def current_mailer() -> Mailer:
    return adapter("mailer")


def render_mail(template: str, *, to: str, locale: str | None, **context) -> Mail:
    """Render ``templates/email/<template>.txt``; its first line is the subject."""
    # Links in mail use the configured public address, never the Host header of whichever
    # request caused the mail (which a client can forge), and work from CLI commands too.
    base_url = setting("PUBLIC_BASE_URL")
    with (
        current_app.test_request_context(base_url=base_url),
        force_locale(locale or setting("BABEL_DEFAULT_LOCALE")),
    ):
        text = render_template(f"email/{template}.txt", **context)
    subject, _, body = text.strip().partition("\n")
    return Mail(to=to, subject=subject.strip(), body=body.strip() + "\n")


def deliver(mail: Mail) -> bool:
    """Send ``mail`` now with the app's backend; a failure is logged, never raised."""
    try:
        current_mailer().send(mail)
    except MailError as exc:
        # No body: it may carry a capability link, and this line is not the mailbox.
        _delivery_log.error("mail to=%s subject=%r not sent: %s", mail.to, mail.subject, exc)
        return False
    return True


def send_after_commit(mail: Mail) -> None:
    app = current_app._get_current_object()

    def send() -> None:
        with app.app_context():
            deliver(mail)

    on_commit(send)


__all__ = [
    "Mail",
    "MailError",
    "Mailer",
    "build_mailer",
    "current_mailer",
    "deliver",
    "render_mail",
    "send_after_commit",
]
