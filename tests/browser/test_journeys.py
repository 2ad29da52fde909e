"""Whole journeys in headless Chromium (Debian's chromium, driven by Playwright) at 360 px."""

import re

import pytest
from sqlalchemy import select

from marketplace.extensions import db
from marketplace.orders.models import Order


@pytest.fixture
def site(make_app, stripe_config, live_server):
    app = make_app(**stripe_config)
    return app, live_server(app)


def _phone_page(browser):
    return browser.new_page(viewport={"width": 360, "height": 760}, locale="vi-VN")


def _log_in(page, base, email, password, lands_on="/"):
    page.goto(f"{base}/login")
    page.fill("#identifier", email)
    page.fill("#password", password)
    page.click("main form button.button")
    page.wait_for_url(f"{base}{lands_on}")


def test_buy_from_two_stalls_pay_by_card_and_by_vietqr(
    site, browser, make_user, make_stall, make_product, tmp_path
):
    app, base = site
    tea_owner, plum_owner = make_user(), make_user()
    tea = make_product(
        make_stall(tea_owner, name="Chè Tà Xùa"), name="Chè sấy lạnh", price=125_000, stock=5
    )
    plum_stall = make_stall(plum_owner, name="Mận Bắc Hà")
    plums = make_product(plum_stall, name="Mận sấy", price=85_000, stock=5)
    shopper = make_user(email="quan@example.vn")

    page = _phone_page(browser)
    _log_in(page, base, shopper.email, "mật-khẩu-thử-1")
    for product, quantity in ((tea, "2"), (plums, "1")):
        page.goto(f"{base}/products/{product.id}")
        page.fill("#quantity", quantity)
        page.click("text=Thêm vào giỏ")
    page.goto(f"{base}/checkout")
    page.check(f"input[name=method_{tea.stall_id}][value=card]")
    page.fill("#phone", "0987 654 321")
    page.select_option("#province_id", label="Lào Cai")
    page.select_option("#commune_id", label="xã Bắc Hà")
    page.fill("#street", "Thôn Na Hối")
    page.click("main form button.button >> nth=-1")
    page.wait_for_url(re.compile(r".*/checkout/[^/]+$"))
    assert page.locator(".vietqr svg").count() == 1  # the plum order's VietQR code

    page.click("text=bằng thẻ")
    assert "Thanh toán thử." in page.content()
    page.fill("#card-element input[placeholder=number]", "4242424242424242")
    page.fill("#card-element input[placeholder=exp_month]", "12")
    page.fill("#card-element input[placeholder=exp_year]", "34")
    page.fill("#card-element input[placeholder=cvc]", "123")
    page.click("#card-submit")
    page.wait_for_url(re.compile(r".*/checkout/[^/]+$"), timeout=20_000)
    assert "Đã nhận thanh toán" in page.content()
    page.screenshot(path=tmp_path / "paid.png", full_page=True)

    with app.app_context():
        vietqr = db.session.scalar(select(Order).where(Order.payment_method == "vietqr"))
        assert vietqr.status == "pending_payment"
        order_id = vietqr.id
    owner = _phone_page(browser)
    # A stall owner lands on their stall's dashboard.
    _log_in(owner, base, plum_owner.email, "mật-khẩu-thử-1", f"/my/stalls/{plum_stall.id}")
    owner.goto(f"{base}/my/orders/{order_id}")
    owner.click("text=Tôi đã nhận được tiền chuyển khoản")
    owner.wait_for_load_state()
    with app.app_context():
        statuses = {
            o.payment_method.value: o.status.value for o in db.session.scalars(select(Order))
        }
    assert statuses == {"card": "paid", "vietqr": "paid"}
    # Nothing on the pages overflows a 360 px screen.
    for p in (page, owner):
        assert p.evaluate("document.documentElement.scrollWidth") <= 360
