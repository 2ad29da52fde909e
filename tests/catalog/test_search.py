import unicodedata

import pytest

from marketplace.extensions import db
from marketplace.vietnamese import search_key
from tests.helpers import count_statements, jpeg_bytes


def test_search_key():
    assert search_key("Mận sấy") == "man say"
    assert search_key("ĐẬU tương") == "dau tuong"
    assert search_key(unicodedata.normalize("NFD", "Chè Shan Tuyết")) == "che shan tuyet"
    assert search_key("  Cà phê—Buôn Ma Thuột! ") == "ca phe buon ma thuot"


@pytest.fixture
def catalogue(make_stall, make_product):
    plums = make_stall(name="Mận Tam Hoa Bắc Hà")
    tea = make_stall(name="Chè Tà Xùa", province_code="son-la", commune="xã Tà Xùa")
    beans = make_stall(name="Nông sản Mường Khương", commune="xã Mường Khương")
    return {
        "man": make_product(plums, name="Mận sấy dẻo Tam Hoa", description="Đặc sản Bắc Hà."),
        "tea": make_product(tea, name="Chè Shan Tuyết sấy lạnh", description="Búp chè cổ thụ."),
        "dau": make_product(beans, name="Đậu tương Mường Khương", description="Hạt chắc, mẩy."),
        "tuong": make_product(
            beans, name="Tương ớt Mường Khương", description="Làm từ ớt và đậu tương lên men."
        ),
    }


def _ids(client, q, **params):
    page = client.get("/products", query_string={"q": q, **params}).get_data(as_text=True)
    import re

    return [int(m) for m in re.findall(r'class="product-card">\s*<a href="/products/(\d+)"', page)]


@pytest.mark.parametrize(
    "query,expected",
    [
        ("man say", "man"),
        ("Mận sấy", "man"),
        ("MẬN SẤY", "man"),
        (unicodedata.normalize("NFD", "mận sấy"), "man"),
        ("che shan tuyet", "tea"),
        ("chè shan tuyết", "tea"),
    ],
)
def test_search_without_diacritics_or_case(client, catalogue, query, expected):
    assert _ids(client, query)[0] == catalogue[expected].id


def test_dau_finds_dau(client, catalogue):
    found = _ids(client, "dau")
    assert catalogue["dau"].id in found
    assert catalogue["man"].id not in found


def test_name_matches_rank_above_description_matches(client, catalogue):
    # "đậu tương" is the name of one product and in the description of another.
    assert _ids(client, "dau tuong") == [catalogue["dau"].id, catalogue["tuong"].id]


def test_search_matches_stall_name_and_province(client, catalogue):
    assert _ids(client, "ta xua") == [catalogue["tea"].id]
    assert set(_ids(client, "son la")) == {catalogue["tea"].id}
    assert set(_ids(client, "lao cai")) == {
        catalogue["man"].id,
        catalogue["dau"].id,
        catalogue["tuong"].id,
    }


def test_search_nothing_found_and_odd_input(client, catalogue):
    assert _ids(client, "xyzzy") == []
    assert client.get("/products", query_string={"q": "%_'\"; DROP TABLE"}).status_code == 200
    assert (
        client.get("/products", query_string={"page": "-3", "min_price": "abc"}).status_code == 200
    )


def test_filters_and_sorting(client, make_stall, make_product):
    stall = make_stall()
    cheap = make_product(stall, name="Gói nhỏ", price=30_000)
    dear = make_product(stall, name="Hộp quà", price=450_000, stock=0)
    mid = make_product(stall, name="Gói vừa", price=120_000)
    assert _ids(client, "", sort="price_asc") == [cheap.id, mid.id, dear.id]
    assert _ids(client, "", sort="price_desc") == [dear.id, mid.id, cheap.id]
    assert _ids(client, "", min_price="100000", max_price="200000") == [mid.id]
    assert dear.id not in _ids(client, "", in_stock="1")
    assert _ids(client, "", category="tea") == []
    assert set(_ids(client, "", province="lao-cai")) == {cheap.id, dear.id, mid.id}
    assert _ids(client, "", province="dak-lak") == []


def test_pagination(app, client, make_stall, make_product):
    from marketplace.catalog.services import PAGE_SIZE

    stall = make_stall()
    for n in range(PAGE_SIZE + 3):
        make_product(stall, name=f"Sản phẩm {n}")
    first, second = _ids(client, "", page="1"), _ids(client, "", page="2")
    assert len(first) == PAGE_SIZE and len(second) == 3
    assert not set(first) & set(second)
    assert "Trang 1 / 2" in client.get("/products").get_data(as_text=True)


def test_list_pages_run_a_bounded_number_of_statements(app, client, make_stall, make_product):
    from marketplace.catalog import services

    stall = make_stall()
    for n in range(3):
        product = make_product(stall, name=f"Mận {n}")
        with app.test_request_context():
            from marketplace.catalog.models import Product

            services.add_photo(db.session.get(Product, product.id), _jpeg())
            db.session.commit()
    urls = ["/products", "/products?q=man", "/", f"/stalls/{stall.slug}"]
    few = {url: count_statements(app, client, url) for url in urls}
    for n in range(3, 20):
        product = make_product(stall, name=f"Mận {n}")
        with app.test_request_context():
            from marketplace.catalog.models import Product

            services.add_photo(db.session.get(Product, product.id), _jpeg())
            db.session.commit()
    many = {url: count_statements(app, client, url) for url in urls}
    assert many == few, "a list page's statement count grows with its rows (N+1)"
    assert max(many.values()) <= 6


def _jpeg():
    from io import BytesIO

    return BytesIO(jpeg_bytes(400, 300))


def test_a_nul_in_a_search_filter_is_left_out(client):
    """No database stores a NUL (PostgreSQL refuses it): such a filter reads as not given."""
    for name in ("q", "category", "province", "sort"):
        response = client.get(f"/products?{name}=%00x")
        assert response.status_code == 200, name
