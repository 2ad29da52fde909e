"""Booking a live session on a 360 px phone in Vietnamese, and approving it: the owner's form
and list, the admin's queue, review and agenda, none scrolling sideways."""

import pytest

from tests.helpers import TEST_PASSWORD
from tests.livestreams.booking_world import future_day, make_studio


@pytest.fixture
def live(make_app, live_server):
    app = make_app()
    return app, live_server(app)


def _phone(browser):
    return browser.new_page(viewport={"width": 360, "height": 740}, locale="vi-VN")


def _log_in(page, base, user):
    page.goto(f"{base}/login")
    page.fill("#identifier", user.email)
    page.fill("#password", TEST_PASSWORD)
    page.click("main form button.button")
    page.wait_for_load_state()


def _fits(page, path):
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, path


def test_an_owner_books_and_an_admin_approves_on_a_phone(
    live, browser, make_user, make_stall, make_product
):
    app, base = live
    owner = make_user(full_name="Thào Thị Mỷ")
    stall = make_stall(owner, name="Hợp tác xã Chè Shan Tuyết Cổ Thụ Tà Xùa")
    plum = make_product(stall, name="Mận hậu sấy dẻo không đường Bắc Hà", price=85_000)
    make_studio(app, name="Nhà văn hoá số xã Bắc Hà")
    day = future_day()

    page = _phone(browser)
    _log_in(page, base, owner)
    page.goto(f"{base}/my/stalls/{stall.id}")
    page.click("text=Livestream")
    page.click("text=Đặt lịch livestream")
    _fits(page, "form")
    page.fill("#title", "Mận Bắc Hà mùa đầu tiên")
    page.select_option("#platform", "tiktok")
    page.fill("#stream_url", "https://www.tiktok.com/@manbacha/live")
    page.fill("#starts_on", day.isoformat())
    page.fill("#starts_time", "19:00")
    page.fill("#ends_time", "20:30")
    page.select_option("#studio_id", label="Nhà văn hoá số xã Bắc Hà (07:00–22:00)")
    page.check(f"#products-{plum.id}")
    page.fill(f"#live_price_{plum.id}", "79.000")
    page.fill(f"#per_buyer_limit_{plum.id}", "2")
    page.click("main form button.button")
    page.wait_for_load_state()
    assert "Đã đặt lịch" in page.inner_text("body")
    assert "Chờ duyệt" in page.inner_text("main")
    _fits(page, "list")

    admin = _phone(browser)
    _log_in(admin, base, make_user(is_admin=True))
    admin.goto(f"{base}/admin/")
    admin.click("text=Buổi livestream chờ duyệt")
    _fits(admin, "queue")
    admin.click("text=Mận Bắc Hà mùa đầu tiên")
    _fits(admin, "review")
    assert "79.000" in admin.inner_text("main")
    admin.click("button:has-text('Duyệt')")
    admin.wait_for_load_state()
    admin.goto(f"{base}/admin/livestreams/agenda?day={day.isoformat()}")
    _fits(admin, "agenda")
    assert "Mận Bắc Hà mùa đầu tiên" in admin.inner_text("main")
    assert "đã đặt 90 phút" in admin.inner_text("main")

    page.reload()
    assert "Đã duyệt" in page.inner_text("main")
