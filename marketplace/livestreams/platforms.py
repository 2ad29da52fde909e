"""Which stream or room URLs belong to which platform.

A session's link is shown to every shopper as a button, so it must really lead to the platform
the owner chose: http(s) only (https only for "other"), a host that is one of the platform's
domains or a subdomain of one, no user name or password in the URL (``https://tiktok.com@evil``),
no Unicode look-alike hosts (IDN), and ``tiktok.com.evil.com`` is not TikTok.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from flask_babel import lazy_gettext as _l

from marketplace.errors import DomainError
from marketplace.livestreams.models import Platform

PLATFORM_DOMAINS: dict[Platform, tuple[str, ...]] = {
    Platform.TIKTOK: ("tiktok.com",),
    Platform.FACEBOOK: ("facebook.com", "fb.com", "fb.watch", "fb.gg"),
    Platform.YOUTUBE: ("youtube.com", "youtu.be"),
    Platform.ZALO: ("zalo.me", "zalo.vn"),
    Platform.SHOPEE: ("shopee.vn", "shp.ee"),
    Platform.OTHER: (),  # any https host
}

MAX_URL_LENGTH = 500
# A DNS name in ASCII (punycode included): labels of letters, digits and hyphens.
_HOST = re.compile(r"(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}", re.ASCII)


def _host_of(url: str) -> str | None:
    """The URL's lower-case host if it is a plain DNS name without user info; else None."""
    if not url.isascii() or any(c.isspace() or ord(c) < 32 or c == "\\" for c in url):
        return None
    try:
        parts = urlsplit(url)
        port = parts.port  # raises on a port that is not a number
    except ValueError:
        return None
    if "@" in parts.netloc or port not in (None, 80, 443):
        return None
    host = (parts.hostname or "").lower()
    return host if _HOST.fullmatch(host) else None


def on_platform(host: str, platform: Platform) -> bool:
    domains = PLATFORM_DOMAINS[platform]
    if not domains:
        return True
    return any(host == d or host.endswith("." + d) for d in domains)


def check_stream_url(url: str, platform: Platform) -> str:
    """The URL, stripped, if it is a link to ``platform``; DomainError on the ``stream_url``
    field otherwise."""
    url = (url or "").strip()
    if not url:
        raise DomainError(_l("Paste the link of your live or room."), field="stream_url")
    if len(url) > MAX_URL_LENGTH:
        raise DomainError(_l("This link is too long."), field="stream_url")
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    allowed = ("https",) if platform == Platform.OTHER else ("http", "https")
    host = _host_of(url)
    if scheme not in allowed or host is None:
        if platform == Platform.OTHER:
            raise DomainError(
                _l("Enter a full link starting with https://, e.g. https://example.vn/live."),
                field="stream_url",
            )
        raise DomainError(
            _l(
                "Enter a full link starting with https://, e.g. %(example)s.",
                example=EXAMPLES[platform],
            ),
            field="stream_url",
        )
    if not on_platform(host, platform):
        raise DomainError(
            _l(
                "This link is not on %(platform)s: use a link on %(domains)s.",
                platform=platform.label,
                domains=", ".join(PLATFORM_DOMAINS[platform]),
            ),
            field="stream_url",
        )
    return url


# The one player shown on our pages: YouTube's privacy-enhanced host (no cookies until the video
# plays), in a frame of its own, loaded only when the shopper asks for it. The other platforms
# have no player that works without their scripts on our page (TikTok, Zalo, Shopee) or track
# every visitor of the frame (Facebook's video plugin), so they keep the plain button.
EMBED_ORIGIN = "https://www.youtube-nocookie.com"
_VIDEO_ID = re.compile(r"[A-Za-z0-9_-]{11}", re.ASCII)
_VIDEO_PATHS = ("live", "shorts", "embed")  # youtube.com/live/<id>, /shorts/<id>, /embed/<id>


def _youtube_video_id(url: str) -> str | None:
    host = _host_of(url)
    if host is None or not url.lower().startswith(("https://", "http://")):
        return None
    if not on_platform(host, Platform.YOUTUBE):
        return None
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    if host == "youtu.be" or host.endswith(".youtu.be"):
        candidate = segments[0] if len(segments) == 1 else None
    elif segments == ["watch"]:
        values = parse_qs(parts.query).get("v", [])
        candidate = values[0] if len(values) == 1 else None
    elif len(segments) == 2 and segments[0] in _VIDEO_PATHS:
        candidate = segments[1]
    else:
        candidate = None  # a channel page (/@name/live): no video to play
    return candidate if candidate and _VIDEO_ID.fullmatch(candidate) else None


def embed_url(url: str, platform: Platform) -> str | None:
    """The player's address for a session's link, or None when we show only the button."""
    if platform != Platform.YOUTUBE:
        return None
    video = _youtube_video_id(url or "")
    return f"{EMBED_ORIGIN}/embed/{video}?autoplay=1&rel=0" if video else None


EXAMPLES = {
    Platform.TIKTOK: "https://www.tiktok.com/@gianhang/live",
    Platform.FACEBOOK: "https://www.facebook.com/gianhang/live",
    Platform.YOUTUBE: "https://www.youtube.com/live/abc123",
    Platform.ZALO: "https://zalo.me/gianhang",
    Platform.SHOPEE: "https://live.shopee.vn/share?session=123",
    Platform.OTHER: "https://example.vn/live",
}
