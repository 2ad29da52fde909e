"""The province and commune fields of the checkout and stall forms: one province at a time."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from marketplace.extensions import db
from marketplace.orders.models import Checkout, Order
from marketplace.reference.models import Commune, Province
from marketplace.stalls.models import Stall
from tests.helpers import add_to_cart, checkout_data, post_form, stall_form_data

_COMMUNE_SELECT = re.compile(r'<select[^>]*\bid="commune_id"[^>]*>(.*?)</select>', re.S)
_OPTION = re.compile(r'<option([^>]*)value="(\d+)"[^>]*>([^<]*)</option>')


def _commune_options(page: str) -> list[tuple[int, str, bool]]:
    [select_html] = _COMMUNE_SELECT.findall(page)
    return [
        (int(value), text, "selected" in attrs)
        for attrs, value, text in _OPTION.findall(select_html)
    ]


def _province(code: str) -> Province:
    return db.session.scalar(select(Province).where(Province.code == code))


def _communes(code: str) -> list[Commune]:
    return db.session.scalars(
        select(Commune).where(Commune.province_id == _province(code).id).order_by(Commune.sort_key)
    ).all()


def _one_province_at_most(page: str) -> set[int]:
    """The provinces whose communes the page offers: never more than one."""
    ids = [value for value, _, _ in _commune_options(page) if value]
    assert page.count("<option") < 34 + 200  # no 3,321-option list anywhere
    provinces = set(db.session.scalars(select(Commune.province_id).where(Commune.id.in_(ids))))
    assert len(provinces) <= 1, provinces
    return provinces


@pytest.fixture
def cart_client(client, make_stall, make_product):
    stall = make_stall(name="Mận Tam Hoa")
    add_to_cart(client, make_product(stall, name="Mận sấy dẻo", price=85_000, stock=10).id, 2)
    return client


def test_checkout_asks_for_a_province_before_offering_communes(app, cart_client):
    page = cart_client.get("/checkout").get_data(as_text=True)
    assert _commune_options(page) == [(0, "Chọn tỉnh, thành phố trước", False)]
    assert 'data-communes-url="/reference/provinces/{id}/communes"' in page
    assert "js/communes.js" in page


@pytest.mark.parametrize(
    ("province_code", "province_name"), [("da-nang", "Đà Nẵng"), ("hue", "Huế")]
)
def test_checkout_in_a_city_that_had_no_communes(app, cart_client, province_code, province_name):
    with app.app_context():
        province = _province(province_code)
        commune = _communes(province_code)[0]
        province_id, commune_id = province.id, commune.id
        data = checkout_data(cart_client, province_id=str(province_id), commune_id=str(commune_id))
    response = post_form(cart_client, "/checkout", data)
    assert response.status_code == 302, response.get_data(as_text=True)
    with app.app_context():
        checkout = db.session.scalar(select(Checkout))
        assert (checkout.province_id, checkout.commune_id) == (province_id, commune_id)
        assert db.session.scalar(select(func.count()).select_from(Order)) == 1
    assert cart_client.get(response.headers["Location"]).status_code == 200


def test_changing_province_without_script_keeps_the_form_and_says_what_to_do(app, cart_client):
    with app.app_context():
        hue_id = _province("hue").id
        hue_communes = [(c.id, c.name) for c in _communes("hue")]
        da_nang_commune = _communes("da-nang")[0].id
        data = checkout_data(
            cart_client,
            province_id=str(hue_id),
            commune_id=str(da_nang_commune),
            street="12 Lê Lợi",
        )
    response = post_form(cart_client, "/checkout", data)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert re.search(r'id="commune_id-error"[^>]*>Chọn xã, phường thuộc Huế\.<', page)
    options = _commune_options(page)
    assert [(value, text) for value, text, _ in options[1:]] == hue_communes
    assert not any(selected for _, _, selected in options)
    assert 'value="12 Lê Lợi"' in page and 'value="Trần Minh Quân"' in page
    with app.app_context():
        assert _one_province_at_most(page) == {hue_id}
        assert db.session.scalar(select(func.count()).select_from(Checkout)) == 0


def test_no_commune_chosen_names_the_province(app, cart_client):
    with app.app_context():
        data = checkout_data(cart_client, province_id=str(_province("da-nang").id), commune_id="0")
    page = post_form(cart_client, "/checkout", data).get_data(as_text=True)
    assert "Chọn xã, phường thuộc Đà Nẵng." in page
    data.update(province_id="0", commune_id="abc")
    page = post_form(cart_client, "/checkout", data).get_data(as_text=True)
    assert "Chọn tỉnh, thành phố trước." in page
    assert _commune_options(page) == [(0, "Chọn tỉnh, thành phố trước", False)]
    data.update(province_id="99999999999999999999", commune_id="99999999999999999999")
    assert post_form(cart_client, "/checkout", data).status_code == 422


def test_stall_forms_offer_one_province_and_check_the_commune(
    app, client, make_user, log_in, make_stall
):
    owner = make_user()
    log_in(client, owner)
    page = client.get("/stalls/apply").get_data(as_text=True)
    assert _commune_options(page) == [(0, "Chọn tỉnh, thành phố trước", False)]
    with app.app_context():
        lao_cai_id = _province("lao-cai").id
        wrong = _communes("dak-lak")[0].id
        data = stall_form_data(commune_id=str(wrong))
    response = post_form(client, "/stalls/apply", data)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Chọn xã, phường thuộc Lào Cai." in page
    with app.app_context():
        assert _one_province_at_most(page) == {lao_cai_id}
        assert db.session.scalar(select(func.count()).select_from(Stall)) == 0

    stall = make_stall(owner, province_code="hue", commune="phường Thuận Hóa")
    page = client.get(f"/my/stalls/{stall.id}/edit").get_data(as_text=True)
    options = _commune_options(page)
    with app.app_context():
        assert _one_province_at_most(page) == {_province("hue").id}
        assert [v for v, _, _ in options[1:]] == [c.id for c in _communes("hue")]
    assert [text for _, text, selected in options if selected] == ["phường Thuận Hóa"]


def test_forms_and_the_product_filter_list_provinces_in_vietnamese_order(app, client, cart_client):
    pages = [client.get("/products").get_data(as_text=True)]
    pages.append(cart_client.get("/checkout").get_data(as_text=True))
    for page in pages:
        names = re.findall(r"<option[^>]*>([^<]*)</option>", page)
        for first, then in [("Cà Mau", "Cao Bằng"), ("Hà Nội", "Huế"), ("Hải Phòng", "Hưng Yên")]:
            assert names.index(first) < names.index(then), (first, then)
