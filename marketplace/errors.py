"""Domain errors, and the HTTP error pages that answer HTML or JSON."""

from __future__ import annotations

import logging

from flask import Flask, flash, jsonify, redirect, render_template, request
from flask_babel import lazy_gettext as _l
from flask_limiter.errors import RateLimitExceeded
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from marketplace.extensions import db

log = logging.getLogger(__name__)


class DomainError(Exception):
    """A rule of the marketplace was broken.

    ``status_code`` is what the caller gets when a view lets the error through: one handler
    (``_handle_domain_error``) reads it. 422 is input a form field can explain (a view that
    renders the form may catch it and show it beside ``field``), 409 is "no longer possible"
    (:class:`Conflict`), 404 is what the caller may not see (:class:`NotFound`), 503 is a
    service that is down. Subclasses set their own.
    """

    status_code = 422

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class NotFound(DomainError):
    """Missing, or not the caller's to see: both answer 404, so neither is revealed."""

    status_code = 404

    def __init__(self, message: str | None = None, field: str | None = None):
        super().__init__(message or _l("The page you asked for does not exist."), field)


class Conflict(DomainError):
    """The object changed meanwhile, so the action is stale.

    ``url`` is the object's page: a browser is sent there (303) with ``message``, which says what
    changed, instead of a dead-end 409 page whose reload would resubmit the POST. JSON clients
    get 409 with the message. A view that knows the page sets ``url`` (``conflict.at(url)``).
    """

    status_code = 409

    def __init__(self, message: str, field: str | None = None, url: str | None = None):
        super().__init__(message, field)
        self.url = url

    def at(self, url: str) -> Conflict:
        self.url = url
        return self


# Short names and plain-language messages for the pages people actually see.
ERROR_TEXTS = {
    400: ("bad_request", _l("Bad request"), _l("The request could not be understood.")),
    422: (
        "unprocessable",
        _l("Check what you sent"),
        _l("Some of what you sent can't be used. Go back, check it and try again."),
    ),
    403: ("forbidden", _l("Not allowed"), _l("You do not have permission to open this page.")),
    404: ("not_found", _l("Page not found"), _l("The page you asked for does not exist.")),
    405: ("method_not_allowed", _l("Method not allowed"), _l("This action is not allowed here.")),
    409: (
        "conflict",
        _l("Changed meanwhile"),
        _l("This changed meanwhile or is not possible now. Reload the page and check."),
    ),
    413: (
        "payload_too_large",
        _l("File too large"),
        _l("What you sent is too large. Photos can be at most 10 MB each."),
    ),
    429: (
        "too_many_requests",
        _l("Too many attempts"),
        _l("You have tried too many times. Please wait a few minutes and try again."),
    ),
    503: (
        "unavailable",
        _l("Not available right now"),
        _l("This service is not available right now. Please try again in a moment."),
    ),
    500: (
        "internal_error",
        _l("Something went wrong"),
        _l("Something went wrong on our side. Please try again in a moment."),
    ),
}


def wants_json() -> bool:
    """API paths and clients that prefer JSON get JSON; browsers get a page."""
    if request.path.startswith("/api/") or request.is_json:
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json" and (
        request.accept_mimetypes["application/json"] > request.accept_mimetypes["text/html"]
    )


def json_error(code: int, name: str, message: str):
    """The API's error body: ``{"error": {"code", "name", "message"}}`` with its status."""
    return jsonify(error={"code": code, "name": name, "message": str(message)}), code


def error_response(code: int, message: str | None = None):
    name, title, default_message = ERROR_TEXTS.get(
        code, ("error", _l("Error"), _l("The request could not be completed."))
    )
    text = str(message or default_message)
    if wants_json():
        return json_error(code, name, text)
    return render_template("errors/error.html", code=code, title=title, message=text), code


def _handle_http_exception(exc: HTTPException):
    # Werkzeug's stock descriptions are English boilerplate: show ours unless a view chose one.
    custom = exc.description != type(exc).description
    return error_response(exc.code or 500, exc.description if custom else None)


def _handle_conflict(exc: Conflict):
    # Nothing of a stale action is kept, even though a redirect is not an error status.
    db.session.rollback()
    if exc.url and not wants_json():
        flash(str(exc.message), "error")
        return redirect(exc.url, 303)
    return error_response(409, exc.message)


def _handle_domain_error(exc: DomainError):
    """A rule broken and not handled by the view: its class's status, its message, nothing kept."""
    db.session.rollback()
    return error_response(exc.status_code, exc.message)


def _handle_csrf_error(_exc: CSRFError):
    return error_response(
        400,
        _l("This form has expired or did not come from this site. Reload the page and try again."),
    )


def _handle_rate_limited(exc: RateLimitExceeded):
    minutes = max(1, -(-exc.limit.limit.get_expiry() // 60))
    return error_response(
        429,
        _l(
            "Too many attempts. Please wait %(minutes)s minutes and try again.",
            minutes=minutes,
        ),
    )


def _handle_unexpected(exc: Exception):
    if isinstance(exc, HTTPException):
        return _handle_http_exception(exc)
    log.exception("unhandled error", exc_info=exc)
    return error_response(500)


def _refuse_json_that_is_not_an_object():
    """Forms and the JSON endpoints read a JSON body as named fields: only an object has them.

    A list, a string or a number would otherwise reach code that calls ``.get`` on it.
    """
    if request.method in {"POST", "PUT", "PATCH", "DELETE"} and request.is_json:
        body = request.get_json(silent=True)
        if body is not None and not isinstance(body, dict):
            return error_response(400, _l("The body must be a JSON object."))
        if body is None and request.get_data():
            return error_response(400, _l("The body is not valid JSON."))
    return None


def register_error_handlers(app: Flask) -> None:
    app.before_request(_refuse_json_that_is_not_an_object)
    # Flask picks the closest class: Conflict's own handler, then every other DomainError.
    app.register_error_handler(Conflict, _handle_conflict)
    app.register_error_handler(DomainError, _handle_domain_error)
    app.register_error_handler(CSRFError, _handle_csrf_error)
    app.register_error_handler(RateLimitExceeded, _handle_rate_limited)
    app.register_error_handler(HTTPException, _handle_http_exception)
    app.register_error_handler(Exception, _handle_unexpected)
