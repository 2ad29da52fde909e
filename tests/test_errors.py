import logging

import pytest


@pytest.fixture
def app_with_failures(make_app):
    app = make_app(MAX_CONTENT_LENGTH=1024, PROPAGATE_EXCEPTIONS=False)

    @app.get("/boom")
    def boom():
        raise RuntimeError("secret internals")

    @app.post("/upload-test")
    def upload_test():
        from flask import request

        return str(len(request.get_data()))

    return app


def test_404_is_a_page_for_browsers_and_json_for_apis(client):
    page = client.get("/khong-co", headers={"Accept": "text/html"})
    assert page.status_code == 404
    assert "Không tìm thấy trang" in page.get_data(as_text=True)
    api = client.get("/api/khong-co")
    assert api.status_code == 404
    assert api.json == {
        "error": {"code": 404, "name": "not_found", "message": "Trang bạn tìm không tồn tại."}
    }
    asked = client.get("/khong-co", headers={"Accept": "application/json"})
    assert asked.json["error"]["code"] == 404


def test_405_json(client):
    response = client.post("/", headers={"Accept": "application/json"})
    # Routing fails before CSRF is looked at: CSRFProtect skips a request with no endpoint.
    assert response.status_code == 405
    assert response.json["error"]["code"] == 405
    assert response.json["error"]["name"] == "method_not_allowed"


def test_500_hides_internals_and_is_logged(app_with_failures, caplog):
    client = app_with_failures.test_client()
    with caplog.at_level(logging.ERROR):
        page = client.get("/boom")
    assert page.status_code == 500
    body = page.get_data(as_text=True)
    assert "Đã có lỗi xảy ra" in body
    assert "secret internals" not in body
    assert any("secret internals" in str(r.exc_info) for r in caplog.records if r.exc_info)
    api = client.get("/boom", headers={"Accept": "application/json"})
    assert api.json["error"]["name"] == "internal_error"


def test_413_is_a_friendly_page(app_with_failures):
    client = app_with_failures.test_client()
    response = client.post("/upload-test", data=b"x" * 4096)
    assert response.status_code == 413
    assert "Mỗi ảnh tối đa 10 MB." in response.get_data(as_text=True)
    api = client.post("/upload-test", data=b"x" * 4096, headers={"Accept": "application/json"})
    assert api.json["error"]["name"] == "payload_too_large"


def test_400_json_for_csrf_failure(client):
    response = client.post(
        "/language", data={"language": "en"}, headers={"Accept": "application/json"}
    )
    assert response.status_code == 400
    assert response.json["error"]["name"] == "bad_request"
    assert "Biểu mẫu đã hết hạn" in response.json["error"]["message"]


def test_errors_follow_the_language(client):
    response = client.get("/khong-co", headers={"Accept-Language": "en"})
    assert "Page not found" in response.get_data(as_text=True)


def test_security_headers(client):
    response = client.get("/")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
