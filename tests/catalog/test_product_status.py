"""A product goes on sale with its first photo; the owner sees 'needs a photo' and 'sold out'."""

from sqlalchemy import select

from marketplace.catalog.models import Product
from marketplace.extensions import db
from tests.catalog.test_products import _form
from tests.catalog.test_products import add_photo as _upload
from tests.helpers import place_order, post_form


def _product(app, product_id) -> Product:
    with app.app_context():
        product = db.session.get(Product, product_id)
        orderable = product.is_orderable
        db.session.expunge(product)
    product.orderable = orderable
    return product


def _visible(client, product_id) -> bool:
    listed = f"/products/{product_id}" in client.get("/products").get_data(as_text=True)
    detail = client.get(f"/products/{product_id}").status_code
    assert listed == (detail == 200)
    return listed


def test_a_product_without_a_photo_is_not_for_sale_until_it_has_one(
    app, client, make_user, make_stall, log_in
):
    owner = make_user()
    stall = make_stall(owner)
    owner_client = app.test_client()
    log_in(owner_client, owner)

    response = post_form(owner_client, f"/my/stalls/{stall.id}/products/new", _form(app))
    assert response.status_code == 302
    with app.app_context():
        product_id = db.session.scalar(select(Product.id))
    product = _product(app, product_id)
    assert product.status == "needs_photo" and not product.orderable
    assert not _visible(client, product_id)
    assert post_form(client, "/cart/add", {"product_id": product_id, "quantity": "1"}).status_code
    assert "Mận sấy" not in client.get("/cart").get_data(as_text=True)
    dashboard = owner_client.get(f"/my/stalls/{stall.id}").get_data(as_text=True)
    assert "Cần thêm ảnh" in dashboard and "Đang bán" not in dashboard
    edit = owner_client.get(f"/my/products/{product_id}/edit").get_data(as_text=True)
    assert "Thêm một ảnh để bắt đầu bán" in edit
    # Saving it again (the owner's choice is still 'active') keeps it waiting for its photo.
    resaved = post_form(owner_client, f"/my/products/{product_id}/edit", _form(app, stock="9"))
    assert resaved.status_code == 302
    assert _product(app, product_id).status == "needs_photo"

    # The first photo puts it on sale: shown, orderable, and the checkout takes it.
    assert _upload(owner_client, product_id).status_code == 302
    product = _product(app, product_id)
    assert product.status == "active" and product.orderable
    assert _visible(client, product_id)
    assert place_order(app, app.test_client(), [(product, 1)]).status_code == 302

    # Removing its last photo takes it off sale again.
    with app.app_context():
        photo_id = db.session.scalar(select(Product).where(Product.id == product_id)).cover.id
    post_form(owner_client, f"/my/products/{product_id}/photos/{photo_id}/delete")
    product = _product(app, product_id)
    assert product.status == "needs_photo" and not product.orderable
    assert not _visible(client, product_id)


def test_a_draft_stays_a_draft_when_its_photo_arrives(app, make_user, make_stall, log_in):
    owner = make_user()
    stall = make_stall(owner)
    owner_client = app.test_client()
    log_in(owner_client, owner)
    post_form(owner_client, f"/my/stalls/{stall.id}/products/new", _form(app, status="draft"))
    with app.app_context():
        product_id = db.session.scalar(select(Product.id))
    _upload(owner_client, product_id)
    assert _product(app, product_id).status == "draft"


def test_the_owner_sees_sold_out_not_for_sale(app, make_user, make_stall, make_product, log_in):
    owner = make_user()
    stall = make_stall(owner)
    make_product(stall, name="Chè Shan Tuyết", stock=0)
    owner_client = app.test_client()
    log_in(owner_client, owner)
    dashboard = owner_client.get(f"/my/stalls/{stall.id}").get_data(as_text=True)
    assert "Hết hàng" in dashboard and "Đang bán" not in dashboard
