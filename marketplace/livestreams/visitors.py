"""Who is watching: the anonymous visitor cookie, bots, and counting views and heartbeats.

A **visitor** is a random id (``secrets.token_hex(16)``) in the long-lived ``vid`` cookie
(HttpOnly, SameSite=Lax, Secure over https, one year); no IP address is stored.

Counting a view needs no code in the session page: ``register_visitor_counting`` adds an
``after_request`` hook that counts one when the answer to ``livestreams.show`` is a 200 HTML
page, and sets the cookie when the request has none.

The rule for clients without cookies (link-preview fetchers, scripts): **a view is counted only
from a request that carries the visitor cookie**. A first visit can't be told from such a client,
so its page sets the cookie and includes a 1×1 image (``livestreams/_viewers.html``) whose request
carries it and counts the opening (no JavaScript needed); clients that keep no cookies, or load
no images, are never counted. Known bots (``BOT_USER_AGENT``) are never counted either, cookie
or not. The page includes the image only when the request had no cookie, so a returning visitor
costs no extra request.
"""

from __future__ import annotations

import logging
import re
import secrets
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

from flask import Flask, request
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from marketplace.config import adapter, setting
from marketplace.db import utcnow
from marketplace.errors import NotFound
from marketplace.extensions import db
from marketplace.livestreams.counters import Beat, CountersUnavailable, build_counters, counters
from marketplace.livestreams.models import Livestream, LivestreamStatus

log = logging.getLogger(__name__)
VISITOR_COOKIE = "vid"
VISITOR_COOKIE_AGE = timedelta(days=365)
_VISITOR_ID = re.compile(r"^[0-9a-f]{32}$")
# Crawlers, link-preview fetchers (Facebook, Zalo, chat apps), HTTP libraries and headless
# browsers. Zalo's in-app browser says "Zalo" too: only its fetchers' words match here; and
# "Cubot" is a phone brand, not a bot.
BOT_USER_AGENT = re.compile(
    r"(?<!cu)bot\b|crawl|spider|slurp|facebookexternalhit|facebookcatalog|meta-external"
    r"|zalo[^;)]*(?:preview|crawler|fetch)|preview|embedly|whatsapp|skypeuripreview"
    r"|curl|wget|python-requests|python-urllib|python-httpx|aiohttp|httpx|go-http-client"
    r"|java/|okhttp|libwww|node-fetch|axios|scrapy|headlesschrome|phantomjs|lighthouse"
    r"|pingdom|uptime|monitor|validator|feedfetcher|mediapartners",
    re.IGNORECASE,
)


def new_visitor_id() -> str:
    return secrets.token_hex(16)


def valid_visitor_id(value: str | None) -> str | None:
    return value if value and _VISITOR_ID.match(value) else None


@lru_cache(maxsize=4096)  # phones send a few hundred distinct user agents; the regex is slow
def is_bot(user_agent: str | None) -> bool:
    """An empty user agent, or one of the known bots: never counted."""
    return not user_agent or bool(BOT_USER_AGENT.search(user_agent))


def now() -> datetime:
    """The clock every count reads (tests replace ``utcnow`` here)."""
    return utcnow()


# --- The schedule, read once per worker for a few seconds (heartbeats skip the database) ---


@dataclass(frozen=True)
class Schedule:
    starts_at: datetime
    ends_at: datetime
    status: str

    def live_at(self, moment: datetime) -> bool:
        return self.status == LivestreamStatus.APPROVED and self.starts_at <= moment < self.ends_at


def schedule_of(livestream_id: int) -> Schedule | None:
    """A session's times and status, or None when it doesn't exist; cached per worker for
    ``LIVESTREAM_SCHEDULE_CACHE_SECONDS`` (so a cancellation reaches heartbeats that late)."""
    ttl = setting("LIVESTREAM_SCHEDULE_CACHE_SECONDS")
    cache = adapter("livestream_schedules")
    hit = cache.get(livestream_id)
    clock = time.monotonic()
    if hit and hit[0] > clock:
        return hit[1]
    row = db.session.execute(
        select(Livestream.starts_at, Livestream.ends_at, Livestream.status).where(
            Livestream.id == livestream_id
        )
    ).one_or_none()
    schedule = Schedule(*row) if row else None
    if ttl > 0:
        if len(cache) > 10_000:  # ids that don't exist must not grow it without bound
            cache.clear()
        cache[livestream_id] = (clock + ttl, schedule)
    return schedule


# --- Counting ---


def count_view(livestream_id: int, visitor_id: str | None, user_agent: str | None) -> bool:
    """Count an opening of the session page (the hook and the beacon); True if a new view."""
    if visitor_id is None or is_bot(user_agent):
        return False
    try:
        return counters().record_view(livestream_id, visitor_id, now())
    except CountersUnavailable as exc:  # the page still answers; this view is lost
        log.warning("view not counted, counters unavailable: %s", exc)
        return False


def count_beacon(livestream_id: int, visitor_id: str | None, user_agent: str | None) -> bool:
    """The page's image for a first visit; ``NotFound`` for a session that doesn't exist."""
    if schedule_of(livestream_id) is None:
        raise NotFound(_l("There is no such livestream."))
    return count_view(livestream_id, visitor_id, user_agent)


def heartbeat(livestream_id: int, visitor_id: str | None, user_agent: str | None) -> Beat | None:
    """A heartbeat: None when the session is not live (accepted and ignored), else what was
    counted and how many watch now. ``NotFound`` for a session that doesn't exist;
    ``CountersUnavailable`` when the counter store is down."""
    schedule = schedule_of(livestream_id)
    if schedule is None:
        raise NotFound(_l("There is no such livestream."))
    moment = now()
    if not schedule.live_at(moment):
        return None
    if visitor_id is None or is_bot(user_agent):
        return Beat(False, counters().concurrent_now(livestream_id, moment))
    return counters().record_heartbeat(livestream_id, visitor_id, moment)


# --- Wiring ---


def _is_session_page(response) -> bool:
    return (
        request.endpoint == "livestreams.show"
        and request.method == "GET"
        and response.status_code == 200
        and response.mimetype == "text/html"
    )


def _count_session_page(response):
    if not _is_session_page(response):
        return response
    visitor_id = valid_visitor_id(request.cookies.get(VISITOR_COOKIE))
    if visitor_id is None:  # first visit (or no cookies): the page's image counts it
        response.set_cookie(
            VISITOR_COOKIE,
            new_visitor_id(),
            max_age=VISITOR_COOKIE_AGE,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure or setting("SESSION_COOKIE_SECURE"),
        )
        return response
    livestream_id = (request.view_args or {}).get("livestream_id")
    if isinstance(livestream_id, int):
        count_view(livestream_id, visitor_id, request.user_agent.string)
    return response


def visitor_needs_beacon() -> bool:
    """For the session page: does this opening need the image to be counted (no cookie yet)?"""
    return valid_visitor_id(request.cookies.get(VISITOR_COOKIE)) is None


def livestream_live_now(livestream: Livestream) -> bool:
    """For the session page: is the viewer count (and its heartbeat script) shown?"""
    return Schedule(livestream.starts_at, livestream.ends_at, livestream.status).live_at(now())


def register_visitor_counting(app: Flask) -> None:
    """Build the counters and count session-page views. Register after the request boundary
    (after_request hooks run last-registered first, so these writes join its commit)."""
    app.extensions["livestream_counters"] = build_counters(app.config)
    app.extensions["livestream_schedules"] = {}
    app.after_request(_count_session_page)
    from marketplace.livestreams.hot_path import register_heartbeat_fast_path

    register_heartbeat_fast_path(app)  # heartbeats skip Flask's hooks (see hot_path)
    app.jinja_env.globals.update(
        visitor_needs_beacon=visitor_needs_beacon, livestream_live_now=livestream_live_now
    )
