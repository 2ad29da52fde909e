"""The "Nhắc tôi" form on a 360 px phone without JavaScript: it fits the screen and works."""

from datetime import timedelta

import pytest

from tests.livestreams.reminder_helpers import make_livestream, subscriptions


@pytest.fixture
def live(make_app, live_server):
    app = make_app()
    return app, live_server(app)


def test_remind_me_works_at_360px_without_javascript(live, browser, make_stall):
    app, base = live
    livestream_id = make_livestream(app, make_stall(), starts_in=timedelta(hours=2))
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, locale="vi-VN", java_script_enabled=False
    )
    page = context.new_page()
    page.goto(f"{base}/livestreams/{livestream_id}/remind")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the page scrolls sideways: {width} px"
    page.fill("#email", "lan@example.vn")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert "Hãy kiểm tra hộp thư" in page.inner_text(".flashes")
    assert [s.email for s in subscriptions(app, livestream_id)] == ["lan@example.vn"]
    context.close()
