"""The heartbeat's fast path: a WSGI layer in front of the Flask app that answers the common
heartbeat itself, and hands everything else to Flask unchanged.

A heartbeat arrives from every viewer every 30 s: the hottest request of the product. Through
Flask it ran about a dozen hooks that do nothing for it (rate-limit bookkeeping for an exempt
route, the CSRF check of an exempt route, the JSON guard, opening the session cookie, Flask-Login,
the request boundary's commit of an empty transaction, ...); together they cost more than the
counting. Here a heartbeat is:

- ``POST /livestreams/<id>/heartbeat`` with a ``Content-Length`` of at most ``MAX_BODY`` and a
  body that is empty or a JSON object;
- counted with ``visitors.heartbeat`` inside an app context only (the same rules, the same
  schedule cache, the same counters), committed, and answered with the JSON of the Flask route,
  its headers (security headers, ``Cache-Control: no-store``, ``X-Request-ID``) and one access
  log line.

Anything else — another URL or method, a body that is not acceptable, an unknown session, the
counter store down, any exception — goes to the Flask route (``views/heartbeat.py``), which
answers it exactly as before (400/404/503 in JSON with a translated message, the 500 handler).
A hit is never counted twice: the fast path hands over only before it counted, or after a
failure that rolled its write back; and should a write have landed before the failure showed
(a reply lost after Redis or PostgreSQL committed), the route's retry falls within the 20 s
rule and is not counted. So it also takes its database connection without the pool's
ping (``db.unpinged_checkouts``): on a dead connection the statement fails, nothing is written,
the pool is invalidated, and the route does the heartbeat again on a pinged connection.
"""

from __future__ import annotations

import io
import json
import logging
import re
import time

from flask import Flask, g
from werkzeug.http import parse_cookie

from marketplace.db import unpinged_checkouts
from marketplace.errors import NotFound
from marketplace.extensions import db
from marketplace.livestreams import visitors
from marketplace.livestreams.counters import Beat, CountersUnavailable
from marketplace.request_log import access_line, request_id_from

log = logging.getLogger(__name__)
MAX_BODY = 1024
_PATH = re.compile(r"^/livestreams/([1-9][0-9]{0,9})/heartbeat$")
MAX_ID = 2**31 - 1  # what the <int:> converter accepts (a larger id is the route's 404)


def body_is_acceptable(body: bytes) -> bool:
    """Empty, or a JSON object (the heartbeat's whole input besides the cookie)."""
    if not body.strip():
        return True
    try:
        return isinstance(json.loads(body), dict)
    except (ValueError, RecursionError):  # not JSON, not UTF-8, or nested too deep
        return False


def answer(beat: Beat | None) -> dict:
    """The heartbeat's JSON answer: what the Flask route and the fast path both send."""
    if beat is None:
        return {"live": False, "concurrent": 0}
    return {"live": True, "counted": beat.counted, "concurrent": beat.concurrent}


class HeartbeatFastPath:
    def __init__(self, app: Flask, wsgi_app):
        self.app = app
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        match = _PATH.match(environ.get("PATH_INFO", ""))
        if match is None or environ.get("REQUEST_METHOD") != "POST":
            return self.wsgi_app(environ, start_response)
        livestream_id = int(match.group(1))
        body = self._body(environ)
        if livestream_id > MAX_ID or body is None or not body_is_acceptable(body):
            return self.wsgi_app(environ, start_response)
        started = time.perf_counter()
        with self.app.app_context():
            g.request_id = request_id_from(environ.get("HTTP_X_REQUEST_ID", ""))
            beat = self._count(livestream_id, environ)
            if beat is False:
                return self.wsgi_app(environ, start_response)
            payload = (json.dumps(answer(beat), separators=(",", ":")) + "\n").encode()
            headers = [
                ("Content-Type", "application/json"),
                ("Content-Length", str(len(payload))),
                ("Cache-Control", "no-store"),
                ("X-Request-ID", g.request_id),
                *self.app.extensions["security_headers"].items(),
            ]
            start_response("200 OK", headers)
            access_line("POST", environ["PATH_INFO"], 200, started)
        return [payload]

    @staticmethod
    def _body(environ) -> bytes | None:
        """The body (put back for Flask), or None when it can't be read cheaply here."""
        if environ.get("HTTP_TRANSFER_ENCODING"):
            return None
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return None
        if length < 0 or length > MAX_BODY:
            return None
        body = environ["wsgi.input"].read(length) if length else b""
        environ["wsgi.input"] = io.BytesIO(body)  # the Flask route reads it again if it must
        return body

    @staticmethod
    def _count(livestream_id: int, environ) -> Beat | bool | None:
        """What ``visitors.heartbeat`` answers, committed; False to hand over to Flask."""
        visitor_id = visitors.valid_visitor_id(
            parse_cookie(environ.get("HTTP_COOKIE", "")).get(visitors.VISITOR_COOKIE)
        )
        try:
            with unpinged_checkouts():
                beat = visitors.heartbeat(livestream_id, visitor_id, environ.get("HTTP_USER_AGENT"))
                if db.session.registry.has():  # Redis and a cached schedule: no session at all
                    db.session.commit()
            return beat
        except NotFound:  # nothing was written
            db.session.rollback()
            return False  # the route's 404
        except CountersUnavailable:
            db.session.rollback()
            return False  # the route's 503
        except Exception:  # the route does it again and answers with the app's 500 handler
            db.session.rollback()
            log.exception("heartbeat fast path failed; handing over to the route")
            return False


def register_heartbeat_fast_path(app: Flask) -> None:
    app.wsgi_app = HeartbeatFastPath(app, app.wsgi_app)  # type: ignore[method-assign]
