from datetime import date, timedelta
from io import BytesIO

import pytest
from sqlalchemy import func, select

from marketplace.catalog.models import Product
from marketplace.extensions import db
from marketplace.stalls.models import Stall
from tests.helpers import jpeg_bytes, post_form, reference_ids


def _form(app, **overrides):
    with app.app_context():
        category_id = reference_ids()["category_id"]
    data = {
        "name": "Mận sấy dẻo Tam Hoa",
        "description": "Mận hậu Bắc Hà sấy dẻo.\nKhông đường, không phẩm màu.",
        "category_id": str(category_id),
        "price": "85000",
        "stock": "40",
        "unit_label": "gói 500 g",
        "weight_grams": "520",
        "status": "active",
        "ocop_stars": "4",
        "ocop_certificate": "OCOP-LC-2024-0153",
        "ocop_expires_on": (date.today() + timedelta(days=400)).isoformat(),
    }
    data.update(overrides)
    return data


@pytest.fixture
def owner_client(app, make_user, make_stall, log_in):
    owner = make_user()
    stall = make_stall(owner)
    client = app.test_client()
    log_in(client, owner)
    client.stall = stall
    return client


def add_photo(client, product_id):
    """Upload a photo: a product goes on sale with its first one."""
    return post_form(
        client,
        f"/my/products/{product_id}/photos",
        {"photo": (BytesIO(jpeg_bytes(640, 480)), "anh.jpg")},
        content_type="multipart/form-data",
    )


def _products(app):
    with app.app_context():
        return db.session.scalars(select(Product)).all()


def test_owner_creates_a_product_and_shoppers_see_it(app, owner_client, client):
    response = post_form(
        owner_client, f"/my/stalls/{owner_client.stall.id}/products/new", _form(app)
    )
    assert response.status_code == 302
    [product] = _products(app)
    assert (product.price, product.stock, product.ocop_stars) == (85_000, 40, 4)
    assert add_photo(owner_client, product.id).status_code == 302
    page = client.get(f"/products/{product.id}").get_data(as_text=True)
    assert "Mận sấy dẻo Tam Hoa" in page
    assert "85.000\u00a0₫" in page
    assert "OCOP ★★★★" in page
    assert "Không đường, không phẩm màu." in page


def test_bad_numbers_are_form_errors_and_nothing_is_saved(app, owner_client):
    url = f"/my/stalls/{owner_client.stall.id}/products/new"
    for field, value in [
        ("price", "0"),
        ("price", "-5000"),
        ("price", "12.5"),
        ("price", "một trăm"),
        ("stock", "-1"),
        ("weight_grams", "abc"),
    ]:
        response = post_form(owner_client, url, _form(app, **{field: value}))
        assert response.status_code == 422, (field, value)
        assert f'id="{field}-error"' in response.get_data(as_text=True), (field, value)
    missing_cert = post_form(owner_client, url, _form(app, ocop_certificate=""))
    assert missing_cert.status_code == 422
    assert _products(app) == []


def test_description_is_text_not_html(app, owner_client, client):
    post_form(
        owner_client,
        f"/my/stalls/{owner_client.stall.id}/products/new",
        _form(app, description="<script>alert(1)</script>\n<b>đậm</b>"),
    )
    [product] = _products(app)
    add_photo(owner_client, product.id)
    page = client.get(f"/products/{product.id}").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_no_products_on_a_stall_that_is_not_approved(app, make_user, make_stall, log_in):
    owner = make_user()
    stall = make_stall(owner, status="pending")
    client = app.test_client()
    log_in(client, owner)
    response = post_form(client, f"/my/stalls/{stall.id}/products/new", _form(app))
    assert response.status_code == 422
    assert "Chỉ thêm được sản phẩm khi gian hàng đã được duyệt." in response.get_data(as_text=True)
    assert _products(app) == []


@pytest.mark.parametrize("status", ["hidden", "draft"])
def test_hidden_and_draft_products_are_invisible(app, client, make_stall, make_product, status):
    stall = make_stall()
    product = make_product(stall, status=status, name="Chè búp tím")
    assert client.get(f"/products/{product.id}").status_code == 404
    assert "Chè búp tím" not in client.get("/products").get_data(as_text=True)
    assert "Chè búp tím" not in client.get(f"/stalls/{stall.slug}").get_data(as_text=True)
    assert "Chè búp tím" not in client.get("/products?q=che").get_data(as_text=True)


def test_suspending_a_stall_hides_its_products_at_once(app, client, make_stall, make_product):
    stall = make_stall()
    product = make_product(stall, name="Sầu riêng Ea Knốp")
    assert client.get(f"/products/{product.id}").status_code == 200
    with app.app_context():
        db.session.get(Stall, stall.id).status = "suspended"
        db.session.commit()
        assert db.session.get(Product, product.id).is_orderable is False
    assert client.get(f"/products/{product.id}").status_code == 404
    assert client.get(f"/stalls/{stall.slug}").status_code == 404
    assert "Sầu riêng" not in client.get("/products").get_data(as_text=True)
    assert "Sầu riêng" not in client.get("/").get_data(as_text=True)


def test_orderable_only_when_active_approved_and_in_stock(app, make_stall, make_product):
    stall = make_stall()
    in_stock = make_product(stall)
    sold_out = make_product(stall, stock=0)
    hidden = make_product(stall, status="hidden")
    with app.app_context():
        flags = [db.session.get(Product, p.id).is_orderable for p in (in_stock, sold_out, hidden)]
    assert flags == [True, False, False]


def test_ocop_badge_only_while_the_certificate_is_valid(app, client, make_stall, make_product):
    stall = make_stall()
    valid = make_product(
        stall,
        ocop_stars=5,
        ocop_certificate="A-1",
        ocop_expires_on=date.today() + timedelta(days=30),
    )
    expired = make_product(
        stall,
        ocop_stars=5,
        ocop_certificate="A-2",
        ocop_expires_on=date.today() - timedelta(days=2),
    )
    assert "OCOP ★★★★★" in client.get(f"/products/{valid.id}").get_data(as_text=True)
    assert "OCOP ★" not in client.get(f"/products/{expired.id}").get_data(as_text=True)
    starred = client.get("/products?stars=5").get_data(as_text=True)
    assert f'/products/{valid.id}"' in starred and f'/products/{expired.id}"' not in starred


def test_owner_edits_hides_and_deletes(app, owner_client, make_product, client):
    product = make_product(owner_client.stall)
    edit = post_form(
        owner_client,
        f"/my/products/{product.id}/edit",
        _form(app, name="Mận sấy dẻo (mới)", price="90000", status="hidden"),
    )
    assert edit.status_code == 302
    with app.app_context():
        saved = db.session.get(Product, product.id)
        assert (saved.name, saved.price, saved.status) == ("Mận sấy dẻo (mới)", 90_000, "hidden")
    assert client.get(f"/products/{product.id}").status_code == 404
    assert post_form(owner_client, f"/my/products/{product.id}/delete").status_code == 302
    assert _products(app) == []


def test_a_non_owner_gets_404_and_changes_nothing(app, make_user, make_stall, make_product, log_in):
    stall = make_stall()
    product = make_product(stall)
    stranger = app.test_client()
    log_in(stranger, make_user())
    assert stranger.get(f"/my/stalls/{stall.id}").status_code == 404
    assert stranger.get(f"/my/stalls/{stall.id}/edit").status_code == 404
    assert stranger.get(f"/my/products/{product.id}/edit").status_code == 404
    edit = post_form(stranger, f"/my/products/{product.id}/edit", _form(app, price="1"))
    assert edit.status_code == 404
    assert post_form(stranger, f"/my/products/{product.id}/delete").status_code == 404
    new = post_form(stranger, f"/my/stalls/{stall.id}/products/new", _form(app))
    assert new.status_code == 404
    with app.app_context():
        assert db.session.get(Product, product.id).price == 85_000
        assert db.session.scalar(select(func.count()).select_from(Product)) == 1


def test_an_admin_may_open_any_stall_dashboard(app, make_user, make_stall, log_in):
    stall = make_stall()
    admin = app.test_client()
    log_in(admin, make_user(is_admin=True))
    assert admin.get(f"/my/stalls/{stall.id}").status_code == 200
