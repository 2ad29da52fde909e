"""A YouTube session can be watched on the session page, but only after the shopper asks for it:
the player (megabytes and YouTube's scripts, inside its own frame) is never loaded by default,
and no other platform's player is embedded."""

from __future__ import annotations

import re

import pytest

from marketplace.livestreams.models import Platform
from marketplace.livestreams.platforms import EMBED_ORIGIN, embed_url
from tests.livestreams.shopper_sessions import add_livestream

VIDEO = "dQw4w9WgXcQ"
PLAYER = f"{EMBED_ORIGIN}/embed/{VIDEO}?autoplay=1&rel=0"


@pytest.mark.parametrize(
    "url",
    [
        f"https://www.youtube.com/watch?v={VIDEO}",
        f"https://www.youtube.com/watch?feature=share&v={VIDEO}&t=30",
        f"https://youtube.com/live/{VIDEO}?si=abc",
        f"https://m.youtube.com/live/{VIDEO}",
        f"https://youtu.be/{VIDEO}",
        f"https://www.youtube.com/shorts/{VIDEO}",
        f"https://www.youtube.com/embed/{VIDEO}",
    ],
)
def test_youtube_video_links_get_the_privacy_enhanced_player(url):
    assert embed_url(url, Platform.YOUTUBE) == PLAYER


@pytest.mark.parametrize(
    ("url", "platform"),
    [
        ("https://www.youtube.com/@manbacha/live", Platform.YOUTUBE),  # a channel: no video id
        ("https://www.youtube.com/watch?v=short", Platform.YOUTUBE),
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ%22onload", Platform.YOUTUBE),
        (f"https://www.youtube.com/watch?v={VIDEO}x", Platform.YOUTUBE),
        (f"https://youtube.com.evil.vn/watch?v={VIDEO}", Platform.YOUTUBE),
        (f"https://evil.vn/youtu.be/{VIDEO}", Platform.YOUTUBE),
        (f"javascript:alert(1)//youtu.be/{VIDEO}", Platform.YOUTUBE),
        (f"https://www.youtube.com/watch?v={VIDEO}", Platform.OTHER),
        ("https://www.facebook.com/manbacha/videos/123", Platform.FACEBOOK),
        ("https://www.tiktok.com/@manbacha/live", Platform.TIKTOK),
    ],
)
def test_no_player_for_other_links_or_platforms(url, platform):
    assert embed_url(url, platform) is None


def _youtube_session(app, stall) -> int:
    return add_livestream(
        app, stall, platform="youtube", stream_url=f"https://www.youtube.com/live/{VIDEO}"
    )


def test_the_player_loads_only_when_asked(app, client, make_stall):
    livestream_id = _youtube_session(app, make_stall())

    page = client.get(f"/livestreams/{livestream_id}").get_data(as_text=True)
    assert "<iframe" not in page  # nothing from YouTube until the shopper asks
    assert f'href="/livestreams/{livestream_id}?player=1#player"' in page
    assert "Xem ngay trên trang này" in page
    assert 'href="https://www.youtube.com/live/' in page  # the platform button stays

    asked = client.get(f"/livestreams/{livestream_id}?player=1").get_data(as_text=True)
    frames = re.findall(r"<iframe[^>]*>", asked)
    assert len(frames) == 1
    assert f'src="{PLAYER.replace("&", "&amp;")}"' in frames[0]
    assert 'id="player"' in asked and "title=" in frames[0]
    assert '<script src="http' not in asked  # the player's scripts stay inside its frame


def test_other_platforms_never_get_a_frame(app, client, make_stall):
    livestream_id = add_livestream(app, make_stall())  # Facebook
    page = client.get(f"/livestreams/{livestream_id}?player=1").get_data(as_text=True)
    assert "<iframe" not in page and "?player=1#player" not in page
    assert 'href="https://www.facebook.com/manbacha/live"' in page


def _frame_sources(response) -> list[str]:
    policy = response.headers["Content-Security-Policy"]
    directive = next(d for d in policy.split(";") if d.strip().startswith("frame-src"))
    return directive.split()[1:]


def test_only_the_youtube_player_may_be_framed(app, client, make_stall):
    livestream_id = _youtube_session(app, make_stall())
    sources = _frame_sources(client.get(f"/livestreams/{livestream_id}?player=1"))
    assert EMBED_ORIGIN in sources
    assert not any("youtube.com" in s and s != EMBED_ORIGIN for s in sources)
    assert "*" not in sources and "https:" not in sources
