"""Logs to stdout with a request id on every line, and one access line per request.

Checkout links (``/checkout/<token>``) are capabilities: whoever has one sees and pays that
checkout, so no log line carries the token. Paths are logged with control characters escaped,
so a ``%0D%0A`` in a URL can't start a forged line.
"""

from __future__ import annotations

import logging
import re
import sys
import time
import uuid

from flask import Flask, g, has_app_context, request

_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
# Reminder links (confirm, unsubscribe) are capabilities too, if smaller ones.
_CHECKOUT_TOKEN = re.compile(r"(/checkout/|/livestreams/reminders/)(?!<redacted>)[^/?#\s\"']+")
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# The log mail backend's records: in development the log is the demo's mailbox, and a guest's
# mail must keep the link to their checkout. In production these are redacted as well.
MAIL_LOGGER = "marketplace.mail"
log = logging.getLogger("marketplace.request")


def redact_capability_links(text: str) -> str:
    return _CHECKOUT_TOKEN.sub(r"\1<redacted>", text)


def loggable_path(path: str) -> str:
    """A request path safe for a one-line log: no checkout token, control characters escaped."""
    escaped = path.replace("\r", "\\r").replace("\n", "\\n")
    escaped = _CONTROL_CHARACTERS.sub(lambda m: f"\\x{ord(m.group()):02x}", escaped)
    return redact_capability_links(escaped)


class RedactCapabilityLinks(logging.Filter):
    """Removes checkout tokens from every line the handler writes (werkzeug's access log too)."""

    def __init__(self, keep_mail_links: bool) -> None:
        super().__init__()
        self.keep_mail_links = keep_mail_links

    def filter(self, record: logging.LogRecord) -> bool:
        if self.keep_mail_links and record.name == MAIL_LOGGER:
            return True
        message = record.getMessage()
        redacted = redact_capability_links(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        # g lives on the app context: the heartbeat's fast path has no request context.
        record.request_id = getattr(g, "request_id", "-") if has_app_context() else "-"
        return True


def configure_logging(level: str, production: bool = False) -> None:
    handler = logging.StreamHandler(sys.stdout)
    handler.addFilter(RequestIdFilter())
    handler.addFilter(RedactCapabilityLinks(keep_mail_links=not production))
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s")
    )
    root = logging.getLogger()
    # Replace, not add: the factory runs once per test and must not stack handlers.
    for old in [h for h in root.handlers if getattr(h, "_marketplace", False)]:
        root.removeHandler(old)
    handler._marketplace = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level.upper())


def request_id_from(incoming: str) -> str:
    """A proxy's X-Request-ID when it looks like an id (so logs can't be forged), else a new one."""
    return incoming if _VALID_REQUEST_ID.match(incoming) else uuid.uuid4().hex


def access_line(method: str, path: str, status: int, started: float | None) -> None:
    """The one access line per request (``started``: its ``time.perf_counter()``)."""
    duration_ms = (time.perf_counter() - started) * 1000 if started else 0.0
    log.info("%s %s %s %.1fms", method, loggable_path(path), status, duration_ms)


def register_request_logging(app: Flask) -> None:
    @app.before_request
    def assign_request_id():
        g.request_id = request_id_from(request.headers.get("X-Request-ID", ""))
        g.request_started = time.perf_counter()

    @app.after_request
    def log_request(response):
        request_id = getattr(g, "request_id", None)
        if request_id:
            response.headers["X-Request-ID"] = request_id
        access_line(
            request.method, request.path, response.status_code, getattr(g, "request_started", None)
        )
        return response
