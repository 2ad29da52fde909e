"""The livestream pages on a 360 px phone in headless Chromium: nothing scrolls sideways, the
countdown ticks with JavaScript and reads the same without it, and a shopper buys at the
live price from the session page."""

from __future__ import annotations

import os
from datetime import timedelta

import pytest
import sqlalchemy as sa

from marketplace.db import utcnow
from marketplace.extensions import db
from marketplace.orders.models import Order
from tests.livestreams.shopper_sessions import add_livestream

SCREENSHOTS = os.environ.get("LIVESTREAM_SCREENSHOTS")  # a folder, to look at the page


@pytest.fixture
def live(make_app, live_server):
    app = make_app()
    return app, live_server(app)


def _phone(browser, javascript=True):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, locale="vi-VN", java_script_enabled=javascript
    )
    return context.new_page()


def _no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_session_pages_fit_a_phone(live, browser, make_stall, make_product):
    app, base = live
    stall = make_stall(name="Hợp tác xã Mận Tam Hoa Bắc Hà Lào Cai")
    product = make_product(stall, name="Mận sấy dẻo Tam Hoa túi 500 g loại đặc biệt", price=85_000)
    live_id = add_livestream(
        app, stall, featured=[(product, 69_000, 2)],
        title="Hái mận tại vườn cùng thanh niên Bắc Hà — giá live chỉ trong phiên",
    )  # fmt: skip
    soon = make_stall(name="Chè Shan Tuyết")
    soon_id = add_livestream(
        app, soon, starts_at=utcnow() + timedelta(hours=2, minutes=5), title="Phiên chè"
    )
    page = _phone(browser)
    for path in ("/livestreams", f"/livestreams/{live_id}", f"/livestreams/{soon_id}", "/"):
        page.goto(f"{base}{path}")
        _no_sideways_scroll(page)
    # Upcoming: the server's "2 giờ 5 phút" becomes a ticking h:mm:ss.
    page.goto(f"{base}/livestreams/{soon_id}")
    page.wait_for_function(
        "/^2:0[45]:\\d\\d$/.test(document.querySelector('[data-countdown]').textContent)"
    )
    # The live session: add to cart and buy at the live price.
    page.goto(f"{base}/livestreams/{live_id}")
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/livestream-360.png", full_page=True)
    assert page.locator(".live-price").first.inner_text() == "69.000\u00a0₫"
    page.click("text=Thêm vào giỏ")
    page.wait_for_load_state()
    page.goto(f"{base}/cart")
    _no_sideways_scroll(page)
    assert "69.000" in page.locator(".cart-lines").inner_text()


def test_countdown_without_javascript(live, browser, make_stall):
    app, base = live
    soon_id = add_livestream(
        app, make_stall(), starts_at=utcnow() + timedelta(hours=2, minutes=5, seconds=30)
    )
    page = _phone(browser, javascript=False)
    page.goto(f"{base}/livestreams/{soon_id}")
    assert page.locator("[data-countdown]").inner_text() == "2 giờ 5 phút"
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Order.id))) == 0
