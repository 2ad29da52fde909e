"""What shoppers see: /livestreams, the session page, the home page block."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from io import BytesIO

import pytest

from marketplace.db import utcnow
from marketplace.extensions import db
from tests.helpers import jpeg_bytes
from tests.livestreams.shopper_sessions import add_livestream


def _sections(page: str) -> dict[str, str]:
    """The list page cut at its section headings (by id)."""
    parts = re.split(r'<h2 id="(ls-\w+)"', page)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def test_list_shows_approved_sessions_where_they_belong(app, client, make_stall):
    stall = make_stall()
    now = utcnow()
    add_livestream(app, stall, title="Đang live mận")
    add_livestream(app, stall, title="Sắp live chè", starts_at=now + timedelta(days=1))
    add_livestream(
        app, stall, title="Vừa xong sầu riêng",
        starts_at=now - timedelta(days=2), ends_at=now - timedelta(days=2) + timedelta(hours=1),
    )  # fmt: skip
    add_livestream(
        app, stall, title="Lâu rồi", starts_at=now - timedelta(days=9),
        ends_at=now - timedelta(days=9) + timedelta(hours=1),
    )  # fmt: skip
    for status in ("pending", "rejected", "cancelled"):
        add_livestream(app, stall, title=f"Không công khai {status}", status=status,
                       starts_at=now + timedelta(days=2))  # fmt: skip
    response = client.get("/livestreams")
    assert response.status_code == 200
    sections = _sections(response.get_data(as_text=True))
    assert "Đang live mận" in sections["ls-live"]
    assert "Sắp live chè" in sections["ls-upcoming"]
    assert "Vừa xong sầu riêng" in sections["ls-recent"]
    page = response.get_data(as_text=True)
    assert "Lâu rồi" not in page and "Không công khai" not in page


def test_upcoming_grouped_by_vietnam_day_around_midnight(app, client, make_stall):
    stall = make_stall()
    tomorrow = (utcnow() + timedelta(days=2)).date()
    # 16:30 and 17:30 UTC on one UTC day are 23:30 and 00:30 in Vietnam: two days there.
    late = datetime(tomorrow.year, tomorrow.month, tomorrow.day, 16, 30, tzinfo=UTC)
    add_livestream(app, stall, title="Phiên khuya", starts_at=late)
    add_livestream(
        app, stall, title="Phiên nửa đêm", starts_at=late + timedelta(hours=1),
        ends_at=late + timedelta(hours=2),
    )  # fmt: skip
    page = client.get("/livestreams").get_data(as_text=True)
    upcoming = _sections(page)["ls-upcoming"]
    days = re.findall(r"<h3>([^<]+)</h3>", upcoming)
    vn_day = f"{tomorrow.day:02d}/{tomorrow.month:02d}/{tomorrow.year}"
    next_day = tomorrow + timedelta(days=1)
    vn_next = f"{next_day.day:02d}/{next_day.month:02d}/{next_day.year}"
    assert days == [vn_day, vn_next], days
    assert upcoming.index("Phiên khuya") < upcoming.index(vn_next) < upcoming.index("Phiên nửa đêm")
    assert "23:30" in upcoming and "00:30" in upcoming


def test_filters_by_province_and_platform(app, client, make_stall):
    lao_cai = make_stall(name="Mận Bắc Hà")
    dak_lak = make_stall(name="Sầu riêng Ea Knốp", province_code="dak-lak", commune="xã Ea Knốp")
    add_livestream(app, lao_cai, title="Live Lào Cai", platform="tiktok",
                   stream_url="https://www.tiktok.com/@manbacha/live")  # fmt: skip
    add_livestream(app, dak_lak, title="Live Đắk Lắk")
    page = client.get("/livestreams?province=dak-lak").get_data(as_text=True)
    assert "Live Đắk Lắk" in page and "Live Lào Cai" not in page
    page = client.get("/livestreams?platform=tiktok").get_data(as_text=True)
    assert "Live Lào Cai" in page and "Live Đắk Lắk" not in page


@pytest.mark.parametrize(
    "query", ["province=%00", "platform=%00", "province=" + "x" * 500, "platform=[]&province=1"]
)
def test_garbage_filters_are_ignored(app, client, make_stall, query):
    add_livestream(app, make_stall(), title="Live vẫn hiện")
    response = client.get(f"/livestreams?{query}")
    assert response.status_code == 200
    assert "Live vẫn hiện" in response.get_data(as_text=True)


def test_session_page(app, client, make_stall, make_product):
    stall = make_stall()
    product = make_product(stall, name="Mận sấy dẻo", price=85_000)
    sold_out = make_product(stall, name="Mận tươi", price=60_000, stock=0)
    livestream_id = add_livestream(
        app,
        stall,
        title="Hái mận tại vườn",
        featured=[(product, 69_000, 2), (sold_out, None, None)],
    )
    response = client.get(f"/livestreams/{livestream_id}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Hái mận tại vườn" in page and stall.name in page
    assert '<s class="muted">85.000' in page and "69.000" in page  # live now: struck through
    assert "Giá live: tối đa 2 mỗi người mua" in page
    assert "Mận tươi" in page and "Hết hàng" in page
    assert 'href="https://www.facebook.com/manbacha/live"' in page
    share = f"http://localhost/livestreams/{livestream_id}"
    assert f'<meta property="og:url" content="{share}">' in page
    assert '<meta property="og:title" content="Hái mận tại vườn' in page
    assert "sharer.php?u=http%3A//localhost/livestreams/" in page
    assert "sp.zalo.me/share?url=http%3A//localhost/livestreams/" in page
    assert '<script src="http' not in page  # no third-party script


def test_og_image_is_an_absolute_photo_url(app, client, make_stall, make_product):
    from marketplace.catalog import services
    from marketplace.catalog.models import Product

    stall = make_stall()
    product = make_product(stall)
    with app.test_request_context():
        services.add_photo(db.session.get(Product, product.id), BytesIO(jpeg_bytes(640, 480)))
        db.session.commit()
    livestream_id = add_livestream(app, stall, featured=[(product, None, None)])
    page = client.get(f"/livestreams/{livestream_id}").get_data(as_text=True)
    image = re.search(r'<meta property="og:image" content="([^"]+)">', page)
    assert image and image.group(1).startswith("http://localhost/media/"), page[:2000]


def test_upcoming_session_page_counts_down_and_labels_the_live_price(
    app, client, make_stall, make_product
):
    stall = make_stall()
    product = make_product(stall, price=85_000)
    starts = utcnow() + timedelta(hours=2, minutes=5, seconds=30)
    livestream_id = add_livestream(app, stall, starts_at=starts, featured=[(product, 69_000, None)])
    page = client.get(f"/livestreams/{livestream_id}").get_data(as_text=True)
    assert "Bắt đầu sau" in page and "2 giờ 5 phút" in page
    assert "Giá live 69.000" in page
    assert '<s class="muted">85.000' not in page  # not live yet: the normal price is charged


def test_ended_session_page_shows_normal_prices(app, client, make_stall, make_product):
    stall = make_stall()
    product = make_product(stall, price=85_000)
    ended = utcnow() - timedelta(hours=1)
    livestream_id = add_livestream(
        app, stall, starts_at=ended - timedelta(hours=1), ends_at=ended,
        featured=[(product, 69_000, None)],
    )  # fmt: skip
    page = client.get(f"/livestreams/{livestream_id}").get_data(as_text=True)
    assert "69.000" not in page and "85.000" in page


@pytest.mark.parametrize("status", ["pending", "rejected"])
def test_unapproved_sessions_are_previews_for_owner_and_admins_only(
    app, make_stall, make_user, log_in, status
):
    owner = make_user()
    livestream_id = add_livestream(app, make_stall(owner), status=status, title="Chưa duyệt")
    url = f"/livestreams/{livestream_id}"
    assert app.test_client().get(url).status_code == 404
    someone_else = make_user()
    make_stall(someone_else, name="Gian hàng khác")
    other_owner = app.test_client()
    log_in(other_owner, someone_else)
    assert other_owner.get(url).status_code == 404
    for user in (owner, make_user(is_admin=True)):
        client = app.test_client()
        log_in(client, user)
        response = client.get(url)
        assert response.status_code == 200
        assert "Xem trước" in response.get_data(as_text=True)


def test_cancelled_session_says_so(app, client, make_stall):
    livestream_id = add_livestream(app, make_stall(), status="cancelled", title="Phiên bị hủy")
    response = client.get(f"/livestreams/{livestream_id}")
    assert response.status_code == 410
    assert "đã bị hủy" in response.get_data(as_text=True)


@pytest.mark.parametrize("livestream_id", ["999999", "2147483648", "abc", "-1"])
def test_unknown_session_is_404(app, client, livestream_id):
    assert client.get(f"/livestreams/{livestream_id}").status_code == 404


def test_home_page_block_live_first_then_upcoming(app, client, make_stall):
    stall = make_stall()
    now = utcnow()
    add_livestream(app, stall, title="Sắp tới xa", starts_at=now + timedelta(days=3))
    add_livestream(app, stall, title="Sắp tới gần", starts_at=now + timedelta(hours=3))
    add_livestream(app, stall, title="Đang phát")
    add_livestream(
        app, stall, title="Chờ duyệt", status="pending", starts_at=now + timedelta(hours=5)
    )
    page = client.get("/").get_data(as_text=True)
    block = page[page.index("Livestream sắp diễn ra") :]
    assert block.index("Đang phát") < block.index("Sắp tới gần") < block.index("Sắp tới xa")
    assert "Chờ duyệt" not in page
    assert 'href="/livestreams"' in block
