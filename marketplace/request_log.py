"""Logs to stdout with a request id on every line, and one access line per request."""

from __future__ import annotations

import logging
import re
import sys
import time
import uuid

from flask import Flask, g, has_request_context, request

_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
log = logging.getLogger("marketplace.request")


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = getattr(g, "request_id", "-") if has_request_context() else "-"
        return True


def configure_logging(level: str) -> None:
    handler = logging.StreamHandler(sys.stdout)
    handler.addFilter(RequestIdFilter())
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


def register_request_logging(app: Flask) -> None:
    @app.before_request
    def assign_request_id():
        incoming = request.headers.get("X-Request-ID", "")
        # Trust a proxy's id only when it looks like an id, so logs can't be forged.
        g.request_id = incoming if _VALID_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        g.request_started = time.perf_counter()

    @app.after_request
    def log_request(response):
        request_id = getattr(g, "request_id", None)
        if request_id:
            response.headers["X-Request-ID"] = request_id
        started = getattr(g, "request_started", None)
        duration_ms = (time.perf_counter() - started) * 1000 if started else 0.0
        log.info("%s %s %s %.1fms", request.method, request.path, response.status_code, duration_ms)
        return response
