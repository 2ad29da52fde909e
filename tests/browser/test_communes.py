"""The commune field follows the province in a real browser (Debian's chromium)."""

import pytest
from sqlalchemy import select

from marketplace.extensions import db
from marketplace.stalls.models import Stall
from tests.helpers import TEST_PASSWORD


@pytest.fixture
def site(make_app, live_server):
    app = make_app()
    return app, live_server(app)


@pytest.fixture
def page(browser):
    return browser.new_page(viewport={"width": 360, "height": 760}, locale="vi-VN")


def _commune_labels(page) -> list[str]:
    return page.eval_on_selector_all("#commune_id option", "os => os.map(o => o.textContent)")


def test_choosing_a_province_loads_its_communes_only(site, page, make_user):
    app, base = site
    owner = make_user()
    page.goto(f"{base}/login")
    page.fill("#identifier", owner.email)
    page.fill("#password", TEST_PASSWORD)
    page.click("main form button.button")
    page.wait_for_url(f"{base}/")

    page.goto(f"{base}/stalls/apply")
    assert _commune_labels(page) == ["Chọn tỉnh, thành phố trước"]
    page.select_option("#province_id", label="Đà Nẵng")
    page.wait_for_selector("#commune_id option:text-is('phường Hải Châu')", state="attached")
    da_nang = _commune_labels(page)
    assert da_nang[0] == "Chọn xã, phường" and len(da_nang) == 1 + 94
    assert "phường Hải Châu" in da_nang and "phường Thuận Hóa" not in da_nang

    page.select_option("#province_id", label="Huế")
    page.wait_for_selector("#commune_id option:text-is('phường Thuận Hóa')", state="attached")
    hue = _commune_labels(page)
    assert len(hue) == 1 + 40 and "phường Hải Châu" not in hue
    page.select_option("#commune_id", label="phường Thuận Hóa")

    page.fill("#name", "Mè xửng Thuận Hóa")
    page.fill("#pickup_address", "12 Chi Lăng, phường Thuận Hóa, Huế")
    page.fill("#contact_phone", "0912 345 001")
    page.select_option("#bank_id", index=1)
    page.fill("#bank_account_number", "1130 0100 1932")
    page.fill("#bank_account_name", "Nguyen Thi Hoa")
    page.click("main form button.button")
    page.wait_for_url(f"{base}/my/stalls/*")
    with app.app_context():
        stall = db.session.scalar(select(Stall))
        assert (stall.province.name, stall.commune.name) == ("Huế", "phường Thuận Hóa")
