"""Routes of the livestreams blueprint: public — what shoppers see.

- ``/livestreams``: live now, upcoming by day (Vietnam time), recently ended; filters by the
  stall's province and the platform (unknown values are ignored);
- ``/livestreams/<id>``: the session page. Approved sessions are public; a cancelled one answers
  410 with a short page saying so (people arrive from reminders and shared links); pending and
  rejected ones are 404 except to their owner and admins, who see a preview with a banner.

Attribution (``livestreams/attribution.py``): the session page and any page opened with
``?live=<id>`` remember the visit in the signed session; checkout reads it.
"""

from __future__ import annotations

from urllib.parse import urljoin

from flask import abort, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from marketplace.config import setting
from marketplace.db import utcnow
from marketplace.i18n import format_local_datetime
from marketplace.livestreams import attribution, listing
from marketplace.livestreams.models import LivestreamStatus, Platform
from marketplace.livestreams.platforms import embed_url
from marketplace.livestreams.views import bp
from marketplace.photos.models import photo_url


@bp.before_app_request
def remember_share_link() -> None:
    """``?live=<id>`` on any page (a shared link): remember it for attribution. No query here:
    checkout checks the session when it matters."""
    if request.method != "GET" or "live" not in request.args:
        return
    livestream_id = attribution.parse_livestream_id(request.args.get("live"))
    if livestream_id is not None:
        _remember(livestream_id)


def _remember(livestream_id: int) -> None:
    """The last session opened wins; the same one again refreshes its time once a minute (not
    a new cookie on every page)."""
    now = utcnow()
    kept = attribution.decode_visit(session.get(attribution.SESSION_KEY))
    if (
        kept is None
        or kept.livestream_id != livestream_id
        or (now - kept.opened_at).total_seconds() >= 60
    ):
        session[attribution.SESSION_KEY] = attribution.encode_visit(livestream_id, now)


@bp.get("/livestreams")
def index():
    filters = listing.clean_filters(request.args.get("province"), request.args.get("platform"))
    now, zone = utcnow(), setting("BABEL_DEFAULT_TIMEZONE")
    return render_template(
        "livestreams/list.html",
        listing=listing.public_listing(now, filters, zone),
        filters=filters,
        now=now,
        provinces=listing.provinces(),
        platforms=list(Platform),
    )


def countdown(seconds: float) -> str:
    """``2 giờ 5 phút``: days, hours and minutes until the start (at least one minute)."""
    minutes = max(1, int(seconds // 60))
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = []
    if days:
        parts.append(ngettext("%(num)s day", "%(num)s days", days))
    if hours:
        parts.append(ngettext("%(num)s hour", "%(num)s hours", hours))
    if minutes and not days:
        parts.append(ngettext("%(num)s minute", "%(num)s minutes", minutes))
    return " ".join(parts)


def _og_image(livestream, featured) -> str | None:
    """An absolute URL of the first featured product's photo, else the stall's logo."""
    photo = next((f.product.cover for f in featured if f.product.cover), livestream.stall.logo)
    return urljoin(request.url_root, photo_url(photo, 800)) if photo else None


def _watch_url(url: str) -> str | None:
    """The platform link, only if it is a web address (booking checks it; never a script)."""
    return url if url.lower().startswith(("https://", "http://")) else None


def _when(livestream) -> str:
    return _(
        "%(start)s–%(end)s (Vietnam time)",
        start=format_local_datetime(livestream.starts_at),
        end=format_local_datetime(livestream.ends_at, "HH:mm"),
    )


@bp.get("/livestreams/<int:livestream_id>")
def show(livestream_id: int):
    livestream = listing.session_for_page(livestream_id)
    if livestream is None or not listing.may_see(livestream, current_user):
        abort(404)
    now = utcnow()
    if livestream.status == LivestreamStatus.CANCELLED and not listing.is_preview(
        livestream, current_user
    ):
        return render_template("livestreams/cancelled.html", livestream=livestream), 410
    if livestream.status == LivestreamStatus.APPROVED:
        _remember(livestream.id)
    page = listing.session_page(livestream, now)
    return render_template(
        "livestreams/show.html",
        livestream=livestream,
        phase=page.phase,
        featured=page.featured,
        offers=page.offers,
        when=_when(livestream),
        countdown=countdown((livestream.starts_at - now).total_seconds()),
        preview=livestream.status != LivestreamStatus.APPROVED,
        share_url=url_for("livestreams.show", livestream_id=livestream.id, _external=True),
        og_image=_og_image(livestream, page.featured),
        watch_url=_watch_url(livestream.stream_url),
        player=embed_url(livestream.stream_url, livestream.platform),
        show_player=request.args.get("player") == "1",
        now=now,
    )
