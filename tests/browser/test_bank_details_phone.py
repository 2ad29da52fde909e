"""Bank-transfer details on a 360 px phone: nothing breaks mid-string, copy buttons copy."""

import pytest

from tests.helpers import place_order


@pytest.fixture
def site(app, live_server):
    return live_server(app)


def test_transfer_details_fit_a_phone_and_copy(
    app, client, site, make_stall, make_product, tmp_path, browser
):
    product = make_product(make_stall(), name="Mận sấy", price=1_285_000, stock=10)
    done = place_order(app, client, [(product, 9)])  # 11.565.000 ₫: a long amount
    path = done.headers["Location"]
    context = browser.new_context(viewport={"width": 360, "height": 760}, locale="vi-VN")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site)
    page = context.new_page()
    page.goto(site + path)
    values = page.locator(".vietqr .copy-value")
    assert values.count() == 3
    for i in range(3):  # each value on one line, inside the screen
        lines, right = values.nth(i).evaluate(
            "el => [el.getClientRects().length, el.getBoundingClientRect().right]"
        )
        assert lines == 1 and right <= 360, values.nth(i).inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    # The QR scales to the screen (a viewBox) instead of losing its right side.
    qr = page.locator(".vietqr .qr svg").evaluate(
        "el => [el.viewBox.baseVal.width, el.getBoundingClientRect().width,"
        " el.getBoundingClientRect().right]"
    )
    assert qr[0] > 0 and qr[1] <= 260 and qr[2] <= 360, qr
    page.screenshot(path=tmp_path / "bank-details-360.png", full_page=True)
    memo = page.locator('button.copy[data-what="memo"]')
    assert memo.is_visible()  # shown by the script, hidden without it
    memo.click()
    page.wait_for_function(
        "() => document.querySelector('button.copy[data-what=memo]').textContent === 'Đã chép'"
    )
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == memo.get_attribute("data-copy") and copied.startswith("CP")
    with page.expect_download() as download:
        page.get_by_text("Lưu ảnh mã QR").click()
    assert download.value.suggested_filename == f"VietQR-{copied}.png"
