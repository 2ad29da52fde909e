import logging
import sys

from tests.helpers import base_config


def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "checks": {"database": "ok"}}


def test_healthz_fails_when_the_database_is_unreachable(tmp_path):
    from marketplace import create_app

    # A SQLite file in a directory that does not exist cannot be opened.
    app = create_app(base_config(f"sqlite:///{tmp_path}/missing/dir/db.sqlite3"))
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json == {"status": "error", "checks": {"database": "error"}}


def test_every_log_line_of_a_request_carries_its_id(client, caplog):
    with caplog.at_level(logging.INFO):
        response = client.get("/", headers={"X-Request-ID": "req-from-proxy-1234"})
    assert response.headers["X-Request-ID"] == "req-from-proxy-1234"
    lines = [r for r in caplog.records if r.name == "marketplace.request"]
    assert lines and all(r.request_id == "req-from-proxy-1234" for r in lines)
    assert "GET / 200" in lines[-1].getMessage()


def test_forged_request_ids_are_replaced(client):
    forged = "bad id] INFO forged line"
    response = client.get("/", headers={"X-Request-ID": forged})
    request_id = response.headers["X-Request-ID"]
    assert request_id != forged
    assert len(request_id) == 32


def test_log_lines_go_to_stdout_with_the_request_id(client, caplog):
    handlers = [h for h in logging.getLogger().handlers if getattr(h, "_marketplace", False)]
    assert len(handlers) == 1  # one handler, however many apps were built
    handler = handlers[0]
    assert handler.stream is sys.stdout or handler.stream.name == "<stdout>"
    with caplog.at_level(logging.INFO):
        client.get("/", headers={"X-Request-ID": "abcdef123456"})
    line = handler.format(next(r for r in caplog.records if r.name == "marketplace.request"))
    assert "INFO [abcdef123456] marketplace.request: GET / 200" in line
