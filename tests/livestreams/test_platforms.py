"""A session's link leads to the platform the owner chose, and nowhere else."""

import pytest

from marketplace.errors import DomainError
from marketplace.livestreams.models import Platform
from marketplace.livestreams.platforms import check_stream_url

P = Platform


@pytest.mark.parametrize(
    ("platform", "url"),
    [
        (P.TIKTOK, "https://www.tiktok.com/@manbacha/live"),
        (P.TIKTOK, "https://vt.tiktok.com/ZSabc123/"),
        (P.TIKTOK, "http://tiktok.com/@a/live"),
        (P.FACEBOOK, "https://www.facebook.com/manbacha/videos/123"),
        (P.FACEBOOK, "https://fb.watch/abc/"),
        (P.FACEBOOK, "https://m.facebook.com/story.php?id=1"),
        (P.YOUTUBE, "https://www.youtube.com/live/abc?si=x"),
        (P.YOUTUBE, "https://youtu.be/abc"),
        (P.ZALO, "https://zalo.me/g/abcdef"),
        (P.SHOPEE, "https://live.shopee.vn/share?session=1"),
        (P.OTHER, "https://example.vn/live"),
        (P.OTHER, "  https://xn--ch-phin-eua.vn/live  "),
    ],
)
def test_links_on_the_platform_are_accepted(app_ctx, platform, url):
    assert check_stream_url(url, platform) == url.strip()


@pytest.mark.parametrize(
    ("platform", "url"),
    [
        (P.TIKTOK, "https://www.facebook.com/a"),  # another platform
        (P.TIKTOK, "https://tiktok.com.evil.example/live"),  # a look-alike suffix
        (P.TIKTOK, "https://eviltiktok.com/live"),  # not a subdomain
        (P.TIKTOK, "https://www.tiktok.com@evil.example/"),  # user info
        (P.TIKTOK, "https://user:pw@www.tiktok.com/"),
        (P.TIKTOK, "https://www.tіktok.com/live"),  # Cyrillic і
        (P.TIKTOK, "ftp://tiktok.com/live"),
        (P.TIKTOK, "javascript://tiktok.com/%0aalert(1)"),
        (P.TIKTOK, "tiktok.com/@a/live"),  # no scheme
        (P.TIKTOK, "https://tiktok.com:8080/live"),
        (P.TIKTOK, "https://tiktok.com\\@evil.example/"),
        (P.TIKTOK, "https://tiktok.com/a b"),
        (P.YOUTUBE, "https://youtube.com./live"),
        (P.OTHER, "http://example.vn/live"),  # https only for other
        (P.OTHER, "https://localhost/live"),
        (P.OTHER, "https://127.0.0.1/live"),
        (P.OTHER, ""),
        (P.OTHER, "https://example.vn/" + "a" * 500),
    ],
)
def test_other_links_are_refused_on_the_url_field(app_ctx, platform, url):
    with pytest.raises(DomainError) as refused:
        check_stream_url(url, platform)
    assert refused.value.field == "stream_url"
