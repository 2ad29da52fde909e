"""The log mail backend: each message is one log line on the ``marketplace.mail`` logger.

In development the log is the demo's mailbox, so a guest's mail keeps the link to their
checkout; in production the logging filter in ``marketplace.request_log`` redacts checkout links
on this logger as on every other.
"""

from __future__ import annotations

import logging

from marketplace.mail import Mail
from marketplace.request_log import MAIL_LOGGER

log = logging.getLogger(MAIL_LOGGER)


class LogMailer:
    def send(self, mail: Mail) -> None:
        log.info("mail to=%s subject=%r\n%s", mail.to, mail.subject, mail.body)
