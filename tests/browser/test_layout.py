"""The page frame at 360 px in headless Chromium: a one-row header, tables that don't scroll."""

import pytest

from marketplace.audit.services import record_decision
from marketplace.extensions import db
from tests.helpers import TEST_PASSWORD

# One row of 44 px targets plus a little padding; the old header wrapped to 145-190 px.
ONE_ROW = 64


@pytest.fixture
def live(make_app, live_server):
    app = make_app()
    return app, live_server(app)


@pytest.fixture
def chromium(browser):
    return browser


def _phone(chromium):
    return chromium.new_page(viewport={"width": 360, "height": 740}, locale="vi-VN")


def _log_in(page, base, user):
    page.goto(f"{base}/login")
    page.fill("#identifier", user.email)
    page.fill("#password", TEST_PASSWORD)
    page.click("main form button.button")
    page.wait_for_load_state()


def _header_height(page) -> float:
    return page.evaluate("document.querySelector('.site-header').getBoundingClientRect().height")


def test_header_is_one_row_at_360px(live, chromium, make_user, make_stall, make_product):
    _app, base = live
    shopper, owner = make_user(), make_user()
    admin = make_user(is_admin=True)
    product = make_product(make_stall(owner))
    heights = {}

    page = _phone(chromium)
    page.goto(f"{base}/")
    heights["logged out"] = _header_height(page)
    for name, user in (("shopper", shopper), ("owner", owner), ("admin", admin)):
        page.context.clear_cookies()
        _log_in(page, base, user)
        page.goto(f"{base}/products/{product.id}")
        page.fill("#quantity", "2")
        page.click("text=Thêm vào giỏ")
        page.wait_for_load_state()
        heights[name] = _header_height(page)
    print("header height at 360 px:", heights)
    assert page.locator(".site-header .cart-link .count").inner_text() == "2"
    assert all(h <= ONE_ROW for h in heights.values()), heights
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    # The menu holds the rest and opens from the keyboard, without JavaScript.
    menu = page.locator(".site-header details.menu")
    assert not page.get_by_role("button", name="Đăng xuất").is_visible()
    page.focus(".site-header details.menu > summary")
    page.keyboard.press("Enter")
    assert menu.get_attribute("open") is not None
    for name in ("Quản trị", "Gian hàng của tôi", "Đơn hàng của tôi", "Tài khoản"):
        assert page.get_by_role("link", name=name).first.is_visible(), name
    assert page.get_by_role("button", name="Đăng xuất").is_visible()
    english = page.locator(".site-header .language-switch button[value=en]")
    assert english.is_visible()
    targets = page.evaluate(
        """[...document.querySelectorAll(
                 '.site-header :is(a, button, summary, input:not([type=hidden]))')]
             .filter(e => e.offsetParent !== null)
             .map(e => [e.textContent.trim() || e.name, e.getBoundingClientRect().height])"""
    )
    assert all(height >= 44 for _, height in targets), targets
    with page.expect_navigation():
        english.click()
    assert page.evaluate("document.documentElement.lang") == "en"

    # The search box searches products.
    page.fill(".site-header input[name=q]", "mận")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/products" in page.url and "q=" in page.url


def _scrollable_regions(page) -> list:
    """Elements that scroll sideways (what axe's scrollable-region-focusable looks at)."""
    return page.evaluate(
        """[...document.querySelectorAll('main *')].filter(e => {
             const style = getComputedStyle(e);
             return ['auto', 'scroll'].includes(style.overflowX)
                    && e.scrollWidth > e.clientWidth + 1;
           }).map(e => e.outerHTML.slice(0, 80))"""
    )


def test_admin_tables_stack_at_360px(live, chromium, make_user, make_stall, tmp_path):
    app, base = live
    admin = make_user(is_admin=True, full_name="Cán bộ Đoàn Nguyễn Thị Hương Giang")
    for n in range(3):
        make_user(email=f"nguoi-dung-co-ten-rat-dai-so-{n}@hop-tac-xa-vung-cao.example.vn")
    stall = make_stall(name="Hợp tác xã Chè Shan Tuyết Cổ Thụ Tà Xùa")
    with app.app_context():
        record_decision(
            actor_id=admin.id,
            action="stall.request_changes",
            object_type="stall",
            object_id=stall.id,
            reason="Ảnh giấy chứng nhận OCOP bị mờ, vui lòng chụp lại rõ số chứng nhận.",
        )
        db.session.commit()

    page = _phone(chromium)
    _log_in(page, base, admin)
    for path in ("/admin/", "/admin/audit"):
        page.goto(f"{base}{path}")
        name = path.strip("/").replace("/", "-")
        page.screenshot(path=tmp_path / f"{name}.png", full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
        assert _scrollable_regions(page) == [], path

    # Each audit row reads as a card: labelled values, a translated action, a linked name.
    row = page.locator("table.stack tbody tr").first
    assert "Yêu cầu sửa" in row.inner_text()
    assert "stall.request_changes" not in page.content()
    assert row.get_by_role("link", name="Hợp tác xã Chè Shan Tuyết Cổ Thụ Tà Xùa").is_visible()
    label = page.evaluate(
        "getComputedStyle(document.querySelector('table.stack td'), '::before').content"
    )
    assert label.strip('"') == "Khi nào"
