"""The SMTP mail backend: the only module that imports ``smtplib``.

One connection per message (mail is rare: sign-ups, orders, stall reviews). ``MAIL_USE_SSL``
connects over TLS from the start (port 465); otherwise ``MAIL_USE_TLS`` upgrades the connection
with STARTTLS and fails rather than send in clear text when the server does not offer it. A
login is attempted only when a user name is configured.
"""

from __future__ import annotations

import smtplib
from email.message import EmailMessage

from marketplace.mail import Mail, MailError

TIMEOUT_SECONDS = 10


class SmtpMailer:
    def __init__(
        self,
        host: str,
        port: int,
        *,
        sender: str,
        use_ssl: bool = False,
        use_tls: bool = True,
        username: str | None = None,
        password: str = "",
        timeout: float = TIMEOUT_SECONDS,
    ) -> None:
        self.host = host
        self.port = port
        self.sender = sender
        self.use_ssl = use_ssl
        self.use_tls = use_tls and not use_ssl  # STARTTLS on a TLS connection makes no sense
        self.username = username
        self.password = password
        self.timeout = timeout

    def message(self, mail: Mail) -> EmailMessage:
        message = EmailMessage()
        message["From"] = self.sender
        message["To"] = mail.to
        message["Subject"] = mail.subject
        for name, value in mail.headers:
            message[name] = value
        message.set_content(mail.body)  # UTF-8, as Vietnamese needs
        return message

    def send(self, mail: Mail) -> None:
        smtp_class = smtplib.SMTP_SSL if self.use_ssl else smtplib.SMTP
        try:
            with smtp_class(self.host, self.port, timeout=self.timeout) as smtp:
                if self.use_tls:
                    smtp.starttls()
                if self.username:
                    smtp.login(self.username, self.password)
                smtp.send_message(self.message(mail))
        # Refused, timed out, rejected; UnicodeError: an address smtplib can't encode.
        except (OSError, smtplib.SMTPException, UnicodeError) as exc:
            raise MailError(f"{self.host}:{self.port}: {exc!r}") from exc
