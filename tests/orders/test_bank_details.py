"""Bank-transfer details: copyable, unbroken values and a QR image to save (item 10)."""

import re
from io import BytesIO

import segno
from PIL import Image
from sqlalchemy import select

from marketplace.extensions import db
from marketplace.orders.models import Order
from marketplace.payments.services import vietqr_payload
from marketplace.payments.vietqr import parse_payload
from tests.helpers import place_order, post_form


def _placed(app, client, make_stall, make_product):
    product = make_product(make_stall(), name="Mận sấy", price=85_000, stock=10)
    done = place_order(app, client, [(product, 2)])
    token = done.headers["Location"].rsplit("/", 1)[1]
    with app.app_context():
        order = db.session.scalar(select(Order))
        return token, order.id, order.code


def _copyable(html: str) -> dict[str, str]:
    """The values offered with a copy button: {what: value}."""
    found = re.findall(
        r'<button type="button" class="copy" data-copy="([^"]+)" data-what="([^"]+)"', html
    )
    return {what: value for value, what in found}


def test_account_amount_and_memo_are_copyable_unbroken_values(
    app, client, make_stall, make_product
):
    token, _, code = _placed(app, client, make_stall, make_product)
    html = client.get(f"/checkout/{token}").get_data(as_text=True)
    assert _copyable(html) == {"account": "113001001932", "amount": "170000", "memo": code}
    for value in ("113001001932", code):
        assert f'<code class="copy-value">{value}</code>' in html
    assert '<code class="copy-value">170.000\u00a0₫</code>' in html
    assert 'src="/static/js/copy-buttons.js"' in html
    assert "hidden" in re.search(r'<button type="button" class="copy"[^>]*>', html).group(0)


def test_the_qr_image_downloads_for_whoever_may_see_the_order(
    app, client, make_stall, make_product, make_user, log_in
):
    token, order_id, code = _placed(app, client, make_stall, make_product)
    html = client.get(f"/checkout/{token}").get_data(as_text=True)
    url = f"/checkout/{token}/orders/{code}/qr.png"
    assert f'href="{url}"' in html and "download" in html
    image = client.get(url)
    assert image.status_code == 200
    assert image.mimetype == "image/png"
    assert image.headers["Content-Disposition"].startswith("attachment")
    assert f"VietQR-{code}.png" in image.headers["Content-Disposition"]
    with app.app_context():
        payload = vietqr_payload(db.session.get(Order, order_id))
    assert (parse_payload(payload).amount, parse_payload(payload).purpose) == (170_000, code)
    # The image draws that payload's symbol, module by module, with its quiet zone.
    picture = Image.open(BytesIO(image.get_data())).convert("L")
    matrix = segno.make_qr(payload, error="m").matrix
    scale = picture.width // (len(matrix) + 8)
    drawn = [
        [
            picture.getpixel(((c + 4) * scale + scale // 2, (r + 4) * scale + scale // 2)) < 128
            for c in range(len(matrix))
        ]
        for r in range(len(matrix))
    ]
    assert drawn == [[bool(dark) for dark in row] for row in matrix]

    stranger = app.test_client()
    assert stranger.get(f"/checkout/{'x' * 32}/orders/{code}/qr.png").status_code == 404
    assert stranger.get(f"/orders/lookup/{code}/qr.png").status_code == 404
    # Found with code and phone: the read-only page offers the same download.
    found = post_form(stranger, "/orders/lookup", {"code": code, "phone": "0987654321"})
    page = stranger.get(found.headers["Location"]).get_data(as_text=True)
    assert f'href="/orders/lookup/{code}/qr.png"' in page
    assert stranger.get(f"/orders/lookup/{code}/qr.png").status_code == 200
    # Once the order is no longer waiting for a transfer, there is nothing to pay with.
    post_form(client, f"/checkout/{token}/orders/{code}/cancel", {"confirm": "yes"})
    assert client.get(url).status_code == 404
