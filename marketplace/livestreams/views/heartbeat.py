"""Routes of the livestreams blueprint: heartbeat (see the package docstring).

The hottest path of the product: no user load, no Flask session, no template. The visitor is the
``vid`` cookie (never the body). The route is CSRF-exempt: it carries no authority (the cookie is
an anonymous random id, not a login) and changes nothing anybody owns; a cross-site POST arrives
without the SameSite=Lax cookie and is ignored; and checking a CSRF token would load and write
the session on every heartbeat.

``POST /livestreams/<id>/heartbeat`` takes an empty body or a JSON object (``{}``), answers
``{"live": true, "counted": bool, "concurrent": N}``; a session that is not live answers
``{"live": false, "concurrent": 0}`` (accepted, ignored); a heartbeat within 20 s of the
visitor's last counted one is accepted and not counted (``"counted": false``), not a 429: the
script's timer drifts, and the answer is still useful. Garbage → 400, unknown session → 404,
both as JSON. The common case never reaches this route: ``hot_path`` answers it in front of
Flask, with the same rules and answer, and hands everything else (errors included) to it.
"""

import base64

from flask import jsonify, make_response, request
from flask_babel import lazy_gettext as _l

from marketplace.errors import NotFound, json_error
from marketplace.extensions import csrf, limiter
from marketplace.livestreams import visitors
from marketplace.livestreams.counters import CountersUnavailable
from marketplace.livestreams.hot_path import MAX_BODY, answer, body_is_acceptable
from marketplace.livestreams.views import bp

# A transparent 1×1 GIF: the first-visit image of the session page.
PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


def _body_is_acceptable() -> bool:
    if (request.content_length or 0) > MAX_BODY:
        return False
    return body_is_acceptable(request.get_data())


def _no_store(response):
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/livestreams/<int:livestream_id>/heartbeat")
@csrf.exempt
@limiter.exempt  # its own per-visitor rule; and no limiter bookkeeping on the hottest path
def heartbeat(livestream_id: int):
    if not _body_is_acceptable():
        return json_error(400, "bad_request", _l("A heartbeat's body is empty or a JSON object."))
    try:
        beat = visitors.heartbeat(
            livestream_id,
            visitors.valid_visitor_id(request.cookies.get(visitors.VISITOR_COOKIE)),
            request.user_agent.string,
        )
    except NotFound:
        return json_error(404, "not_found", _l("There is no such livestream."))
    except CountersUnavailable:
        return json_error(503, "unavailable", _l("Viewers can't be counted right now."))
    return _no_store(jsonify(answer(beat)))


@bp.get("/livestreams/<int:livestream_id>/seen.gif")
def seen(livestream_id: int):
    """The session page's image for a first visit: its request carries the cookie the page
    set, and counts the opening (see ``visitors``)."""
    visitors.count_beacon(
        livestream_id,
        visitors.valid_visitor_id(request.cookies.get(visitors.VISITOR_COOKIE)),
        request.user_agent.string,
    )
    return _no_store(make_response((PIXEL, 200, {"Content-Type": "image/gif"})))
