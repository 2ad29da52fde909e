"""Outgoing mail: written to the log by default, sent by SMTP when MAIL_SERVER is set.

Messages are queued with ``send_after_commit`` and leave only when the transaction that
caused them commits. Each message is rendered in its recipient's language.
"""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass
from email.message import EmailMessage

from flask import current_app, render_template
from flask_babel import force_locale

from marketplace.after_commit import on_commit

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Mail:
    to: str
    subject: str
    body: str


def render_mail(template: str, *, to: str, locale: str | None, **context) -> Mail:
    """Render ``templates/email/<template>.txt``; its first line is the subject."""
    # Links in mail use the configured public address, never the Host header of whichever
    # request caused the mail (which a client can forge), and work from CLI commands too.
    base_url = current_app.config["PUBLIC_BASE_URL"]
    with (
        current_app.test_request_context(base_url=base_url),
        force_locale(locale or current_app.config["BABEL_DEFAULT_LOCALE"]),
    ):
        text = render_template(f"email/{template}.txt", **context)
    subject, _, body = text.strip().partition("\n")
    return Mail(to=to, subject=subject.strip(), body=body.strip() + "\n")


def deliver(mail: Mail) -> None:
    config = current_app.config
    if not config.get("MAIL_SERVER"):
        log.info("mail to=%s subject=%r\n%s", mail.to, mail.subject, mail.body)
        return
    message = EmailMessage()
    message["From"] = config["MAIL_FROM"]
    message["To"] = mail.to
    message["Subject"] = mail.subject
    message.set_content(mail.body)
    smtp_class = smtplib.SMTP_SSL if config.get("MAIL_USE_SSL") else smtplib.SMTP
    with smtp_class(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=10) as smtp:
        if config.get("MAIL_USE_TLS"):
            smtp.starttls()
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        smtp.send_message(message)


def send_after_commit(mail: Mail) -> None:
    app = current_app._get_current_object()

    def send() -> None:
        with app.app_context():
            deliver(mail)

    on_commit(send)
