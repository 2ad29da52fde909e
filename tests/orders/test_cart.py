import pytest
from sqlalchemy import select

from marketplace.cart.models import CartItem
from marketplace.extensions import db
from tests.helpers import add_to_cart, login, post_form


@pytest.fixture
def products(make_stall, make_product):
    stall = make_stall()
    return make_product(stall, name="Mận sấy", price=85_000, stock=5), make_product(
        stall, name="Chè búp", price=120_000, stock=2
    )


def _cart_page(client) -> str:
    return client.get("/cart").get_data(as_text=True)


def test_guest_cart_add_update_remove(client, products):
    plums, tea = products
    assert add_to_cart(client, plums.id, 2).status_code == 302
    add_to_cart(client, tea.id, 1)
    add_to_cart(client, plums.id, 1)  # adds up
    page = _cart_page(client)
    assert 'value="3"' in page
    assert "375.000\u00a0₫" in page  # 3 × 85.000 + 120.000, from the database
    post_form(client, "/cart/update", {"product_id": str(tea.id), "quantity": "1", "remove": "1"})
    assert "Chè búp" not in _cart_page(client)


@pytest.mark.parametrize("quantity", ["0", "-1", "1.5", "abc", "", "1000", "²", "٣", "1e3"])
def test_bad_quantities_are_refused(client, products, quantity):
    plums, _ = products
    response = add_to_cart(client, plums.id, quantity)
    assert response.status_code == 302
    follow = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Nhập số lượng từ 1 đến 999." in follow
    assert "Mận sấy" not in _cart_page(client)


def test_quantity_is_limited_by_stock(client, products):
    _, tea = products
    add_to_cart(client, tea.id, 3)
    assert "Chỉ còn 2 Chè búp." in client.get("/cart").get_data(as_text=True)
    assert 'value="3"' not in _cart_page(client)


def test_hidden_products_cannot_be_added(client, make_stall, make_product):
    hidden = make_product(make_stall(), status="hidden")
    add_to_cart(client, hidden.id, 1)
    assert "Sản phẩm này không còn bán." in _cart_page(client)
    suspended = make_product(make_stall(status="suspended"))
    add_to_cart(client, suspended.id, 1)
    assert f"/products/{suspended.id}" not in _cart_page(client)


def test_guest_cart_merges_into_the_account_at_login(app, client, products, make_user):
    plums, tea = products
    user = make_user()
    member = app.test_client()
    login(member, user.email)
    add_to_cart(member, plums.id, 1)

    add_to_cart(client, plums.id, 2)
    add_to_cart(client, tea.id, 2)
    login(client, user.email)
    with app.app_context():
        items = dict(
            db.session.execute(
                select(CartItem.product_id, CartItem.quantity).where(CartItem.user_id == user.id)
            ).all()
        )
    assert items == {plums.id: 3, tea.id: 2}
    assert 'value="3"' in _cart_page(member)  # the other device sees the same cart


@pytest.mark.parametrize("product_id", ["²", "99999999999999999999999", "-1", "abc", ""])
def test_odd_product_ids_are_refused_without_errors(client, product_id):
    response = post_form(client, "/cart/add", {"product_id": product_id, "quantity": "1"})
    assert response.status_code == 302
    assert "Sản phẩm này không còn bán." in client.get("/cart").get_data(as_text=True)
