"""One handler maps a DomainError that escapes a view to HTTP: its class's ``status_code``."""

import pytest

from marketplace.errors import Conflict, DomainError, NotFound
from marketplace.orders.checkout import OutOfStock, TooManyUnpaid
from marketplace.payments.services import PaymentsUnavailable


@pytest.fixture
def app_raising(make_app):
    app = make_app(PROPAGATE_EXCEPTIONS=False)

    @app.get("/raise/<kind>")
    def raise_it(kind):
        raise {
            "domain": DomainError("Tên sạp đã có người dùng.", field="name"),
            "not_found": NotFound("Không thấy."),
            "conflict": Conflict("Đơn đã đổi.").at("/orders"),
            "conflict_nowhere": Conflict("Đơn đã đổi."),
            "out_of_stock": OutOfStock("Hết hàng."),
            "unavailable": PaymentsUnavailable("Tạm ngưng."),
        }[kind]

    return app


def test_an_uncaught_domain_error_is_422_with_its_message_not_500(app_raising):
    client = app_raising.test_client()
    api = client.get("/raise/domain", headers={"Accept": "application/json"})
    assert api.status_code == 422
    assert api.json == {
        "error": {"code": 422, "name": "unprocessable", "message": "Tên sạp đã có người dùng."}
    }
    page = client.get("/raise/domain", headers={"Accept": "text/html"})
    assert page.status_code == 422
    assert page.mimetype == "text/html"
    assert "Tên sạp đã có người dùng." in page.get_data(as_text=True)


def test_not_found_is_404(app_raising):
    client = app_raising.test_client()
    api = client.get("/raise/not_found", headers={"Accept": "application/json"})
    assert api.status_code == 404
    assert api.json["error"] == {"code": 404, "name": "not_found", "message": "Không thấy."}
    assert client.get("/raise/not_found").status_code == 404


def test_each_class_answers_its_own_status_code(app_raising):
    client = app_raising.test_client()
    json = {"Accept": "application/json"}
    assert client.get("/raise/out_of_stock", headers=json).status_code == OutOfStock.status_code
    assert OutOfStock.status_code == 409
    unavailable = client.get("/raise/unavailable", headers=json)
    assert unavailable.status_code == 503
    assert unavailable.json["error"]["name"] == "unavailable"
    assert TooManyUnpaid.status_code == 422  # the buyer can change the order


def test_conflict_is_unchanged_303_for_browsers_409_for_json(app_raising):
    client = app_raising.test_client()
    page = client.get("/raise/conflict", headers={"Accept": "text/html"})
    assert page.status_code == 303
    assert page.headers["Location"] == "/orders"
    api = client.get("/raise/conflict", headers={"Accept": "application/json"})
    assert api.status_code == 409
    assert api.json["error"] == {"code": 409, "name": "conflict", "message": "Đơn đã đổi."}
    nowhere = client.get("/raise/conflict_nowhere", headers={"Accept": "text/html"})
    assert nowhere.status_code == 409


def test_nothing_a_refused_request_wrote_is_kept(app_raising, make_user):
    """The handler rolls back: the boundary would not commit a 4xx anyway, but a redirect
    or a later commit must not carry what the failed rule wrote."""
    from marketplace.accounts.models import User
    from marketplace.extensions import db

    @app_raising.get("/write-then-raise")
    def write_then_raise():
        db.session.get(User, user_id).full_name = "Đã đổi"
        db.session.flush()
        raise DomainError("Không được.")

    user_id = make_user(full_name="Nguyễn Văn An").id
    response = app_raising.test_client().get("/write-then-raise")
    assert response.status_code == 422
    with app_raising.app_context():
        assert db.session.get(User, user_id).full_name == "Nguyễn Văn An"


def test_a_photo_not_on_the_product_is_404_through_the_handler(
    app, make_user, make_stall, make_product, log_in
):
    """The catalogue's photo views no longer catch the error: NotFound itself answers 404."""
    from tests.helpers import post_form

    owner = make_user()
    product = make_product(make_stall(owner))
    client = app.test_client()
    log_in(client, owner)
    for path in ("photos/999999/up", "photos/999999/delete"):
        response = post_form(client, f"/my/products/{product.id}/{path}")
        assert response.status_code == 404
        assert "Ảnh này không thuộc sản phẩm này." in response.get_data(as_text=True)
