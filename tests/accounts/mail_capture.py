"""Mail the log backend wrote during a block of a test, read back as (to, subject, body)."""

from __future__ import annotations

import logging
import re
from contextlib import contextmanager

_LINK = re.compile(r"https?://\S+")


@contextmanager
def captured_mail(caplog):
    caplog.clear()
    mails: list[dict] = []
    with caplog.at_level(logging.INFO, logger="marketplace.mail"):
        yield mails
    for record in caplog.records:
        if record.name != "marketplace.mail":
            continue
        to, subject, body = record.args
        mails.append({"to": to, "subject": subject, "body": body})


def link_in(mail: dict, path_part: str) -> str:
    """The path of the first link in the mail that contains ``path_part``."""
    for url in _LINK.findall(mail["body"]):
        if path_part in url:
            return "/" + url.split("://", 1)[1].split("/", 1)[1]
    raise AssertionError(f"no link with {path_part!r} in {mail['body']!r}")
