"""Who may see and cancel a buyer's orders (issue 7, items 7 and 12)."""

import pytest
from sqlalchemy import select

from marketplace.catalog.models import Product
from marketplace.extensions import db
from marketplace.orders.models import Order
from tests.helpers import place_order, post_form


@pytest.fixture
def two_stall_checkout(app, make_user, make_stall, make_product, log_in):
    """One guest checkout with an order at stall A and one at stall B; B's owner logged in."""
    stall_a = make_stall(name="Gian A")
    owner_b = make_user(full_name="Chủ gian B")
    stall_b = make_stall(owner_b, name="Gian B")
    plum = make_product(stall_a, name="Mận sấy", price=85_000, stock=10)
    tea = make_product(stall_b, name="Chè Shan tuyết", price=120_000, stock=10)
    buyer = app.test_client()
    done = place_order(app, buyer, [(plum, 2), (tea, 1)])
    token = done.headers["Location"].rsplit("/", 1)[1]
    with app.app_context():
        orders = {o.stall_id: o for o in db.session.scalars(select(Order))}
        order_a, order_b = orders[stall_a.id], orders[stall_b.id]
        ids = {"a": (order_a.id, order_a.code), "b": (order_b.id, order_b.code)}
    owner_client = app.test_client()
    log_in(owner_client, owner_b)
    return {"buyer": buyer, "owner_b": owner_client, "token": token, "ids": ids, "plum": plum}


def _order(app, order_id):
    with app.app_context():
        order = db.session.get(Order, order_id)
        return order.status.value, order.cancelled_as, order.cancelled_by_id


def test_lookup_shows_only_the_order_looked_up_and_cannot_cancel(app, two_stall_checkout):
    owner_b, token = two_stall_checkout["owner_b"], two_stall_checkout["token"]
    (id_a, code_a), (_, code_b) = two_stall_checkout["ids"]["a"], two_stall_checkout["ids"]["b"]
    # B's owner sees their own order's code and the buyer's phone, and looks it up.
    found = post_form(owner_b, "/orders/lookup", {"code": code_b, "phone": "0987654321"})
    assert found.status_code == 302
    assert token not in found.headers["Location"]  # the checkout's link is not handed over
    page = owner_b.get(found.headers["Location"])
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert code_b in html
    assert code_a not in html and "Gian A" not in html  # the other stall's order stays hidden
    assert token not in html  # no link, no cancel form that carries it
    assert "/cancel" not in html
    # Nor can the looked-up order's page be reached by anyone else.
    assert app.test_client().get(found.headers["Location"]).status_code == 404
    # Without the link, A's order can't be cancelled: every guess is a 404.
    for path in (f"/orders/lookup/{code_a}", f"/orders/lookup/{code_a}/cancel"):
        assert owner_b.get(path).status_code == 404
    assert _order(app, id_a)[0] == "pending_payment"


def test_the_record_says_who_cancelled(app, two_stall_checkout, make_user, log_in):
    buyer, token = two_stall_checkout["buyer"], two_stall_checkout["token"]
    (id_a, code_a), (id_b, code_b) = two_stall_checkout["ids"]["a"], two_stall_checkout["ids"]["b"]
    # Someone logged in as B's owner who holds the link: recorded as that account, via the link.
    owner_b = two_stall_checkout["owner_b"]
    done = post_form(owner_b, f"/checkout/{token}/orders/{code_a}/cancel", {"confirm": "yes"})
    assert done.status_code == 302
    status, cancelled_as, by_id = _order(app, id_a)
    assert (status, cancelled_as) == ("cancelled", "buyer_link") and by_id is not None
    # The guest buyer with the link: the link, no account.
    post_form(buyer, f"/checkout/{token}/orders/{code_b}/cancel", {"confirm": "yes"})
    assert _order(app, id_b) == ("cancelled", "buyer_link", None)


def test_a_logged_in_buyer_cancelling_is_recorded_as_their_account(
    app, make_user, make_stall, make_product, log_in
):
    product = make_product(make_stall(), stock=5)
    shopper = make_user(email="lan@example.vn")
    client = app.test_client()
    log_in(client, shopper)
    done = place_order(app, client, [(product, 1)], email="lan@example.vn")
    token = done.headers["Location"].rsplit("/", 1)[1]
    with app.app_context():
        order = db.session.scalar(select(Order))
        order_id, code = order.id, order.code
    post_form(client, f"/checkout/{token}/orders/{code}/cancel", {"confirm": "yes"})
    assert _order(app, order_id) == ("cancelled", "buyer_account", shopper.id)


def test_the_owner_page_says_who_cancelled(app, two_stall_checkout, make_user, log_in):
    token = two_stall_checkout["token"]
    id_b, code_b = two_stall_checkout["ids"]["b"]
    post_form(
        two_stall_checkout["buyer"], f"/checkout/{token}/orders/{code_b}/cancel", {"confirm": "yes"}
    )
    page = two_stall_checkout["owner_b"].get(f"/my/orders/{id_b}").get_data(as_text=True)
    assert "Người mua đã hủy qua đường dẫn đơn hàng" in page


def test_cancel_asks_for_confirmation_first(app, two_stall_checkout):
    buyer, token = two_stall_checkout["buyer"], two_stall_checkout["token"]
    id_a, code_a = two_stall_checkout["ids"]["a"]
    page = buyer.get(f"/checkout/{token}").get_data(as_text=True)
    confirm_url = f"/checkout/{token}/orders/{code_a}/cancel"
    assert f'href="{confirm_url}"' in page  # a link to a confirmation page, not a one-tap form
    # One tap (an old page's form, a stray POST) cancels nothing: it leads to the question.
    tap = post_form(buyer, confirm_url)
    assert tap.status_code == 302 and tap.headers["Location"].endswith(confirm_url)
    assert _order(app, id_a)[0] == "pending_payment"
    question = buyer.get(confirm_url)
    assert question.status_code == 200
    html = question.get_data(as_text=True)
    assert code_a in html and "170.000" in html  # says which order and how much
    assert 'name="confirm" value="yes"' in html and "Giữ đơn hàng" in html
    assert _order(app, id_a)[0] == "pending_payment"  # looking at the question changes nothing
    done = post_form(buyer, confirm_url, {"confirm": "yes"})
    assert done.status_code == 302
    assert _order(app, id_a)[0] == "cancelled"
    with app.app_context():
        assert db.session.get(Product, two_stall_checkout["plum"].id).stock == 10
