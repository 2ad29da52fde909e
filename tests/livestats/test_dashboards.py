"""The owner's dashboard, the admins' overview (filters, per-province totals) and their CSV
exports (issue 9, item 9)."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest

from tests.helpers import ROOMY_CHECKOUT_LIMITS
from tests.livestats.sessions import attributed_order, make_livestream, set_counters

START = datetime(2026, 11, 20, 13, 0, tzinfo=UTC)  # 20:00 Vietnam time


@pytest.fixture
def app(make_app):
    return make_app(**ROOMY_CHECKOUT_LIMITS)


@pytest.fixture
def market(app, make_user, make_stall, make_product):
    """Two owners in two provinces, each with a session that sold."""
    lao_cai_owner, dak_lak_owner = make_user(), make_user()
    lao_cai = make_stall(lao_cai_owner, name="Mận Bắc Hà")
    dak_lak = make_stall(
        dak_lak_owner, name="Cà phê Ea Knốp", province_code="dak-lak", commune="xã Ea Knốp"
    )
    plum = make_product(lao_cai, price=85_000, stock=100)
    coffee = make_product(dak_lak, name="Cà phê Robusta", price=120_000, stock=100)
    first = make_livestream(app, lao_cai, starts_at=START, title="=Mận chín đỏ")
    second = make_livestream(
        app, dak_lak, starts_at=START + timedelta(days=3), title="Cà phê sầu riêng"
    )
    set_counters(app, first, views=1000, unique_viewers=800, heartbeats=1600, peak_concurrent=300)
    set_counters(app, second, views=500, unique_viewers=400, heartbeats=400, peak_concurrent=350)
    buyer = app.test_client()
    attributed_order(app, buyer, plum, first, quantity=2)
    attributed_order(app, buyer, coffee, second)
    return lao_cai_owner, dak_lak_owner, first, second


def _csv(response):
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    assert response.headers["Content-Disposition"].startswith("attachment;")
    text = response.get_data().decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_owner_dashboard_lists_only_their_sessions_with_totals(app, client, log_in, market):
    lao_cai_owner, _other, first, second = market
    log_in(client, lao_cai_owner)
    page = client.get("/stall/livestreams/stats").get_data(as_text=True)
    assert f"/stall/livestreams/{first}/stats" in page
    assert f"/stall/livestreams/{second}/stats" not in page
    assert "170.000" in page  # the revenue of 2 × 85.000

    rows = _csv(client.get("/stall/livestreams/stats.csv"))
    assert len(rows) == 2
    header, line = rows
    assert len(header) == len(line)
    assert line[0] == str(first)
    assert line[1] == "'=Mận chín đỏ"  # never run as a spreadsheet formula
    assert line[6] == "2026-11-20T20:00:00+07:00"
    # views, unique, peak, watch seconds, average, placed, paid, items, revenue
    assert line[8:17] == ["1000", "800", "300", "48000", "60", "1", "1", "2", "170000"]
    assert line[17] == "0.1"  # 1 ÷ 800 = 0.125 % → 0.1
    assert line[18] == "170000"  # 170.000 × 1.000 ÷ 1.000 views


def test_admin_overview_filters_and_totals_by_province(app, client, log_in, market, make_user):
    _a, _b, first, second = market
    log_in(client, make_user(is_admin=True))
    page = client.get("/admin/livestreams/stats").get_data(as_text=True)
    assert (
        f"/stall/livestreams/{first}/stats" in page and f"/stall/livestreams/{second}/stats" in page
    )
    assert "Lào Cai" in page and "Đắk Lắk" in page
    assert "290.000" in page  # the total revenue

    rows = _csv(client.get("/admin/livestreams/stats.csv"))
    assert [r[0] for r in rows[1:]] == [str(second), str(first)]  # newest first

    from tests.helpers import reference_ids

    with app.app_context():
        province = reference_ids("dak-lak", "xã Ea Knốp")["province_id"]
    rows = _csv(client.get(f"/admin/livestreams/stats.csv?province={province}"))
    assert [r[0] for r in rows[1:]] == [str(second)]
    rows = _csv(client.get("/admin/livestreams/stats.csv?date_from=2026-11-20&date_to=2026-11-20"))
    assert [r[0] for r in rows[1:]] == [str(first)]


@pytest.mark.parametrize(
    "query",
    [
        "province=abc",
        "province=999999",
        "date_from=2026-13-45",
        "date_from=2026-11-21&date_to=2026-11-20",
    ],
)
def test_bad_filters_get_a_clear_error(app, client, log_in, market, make_user, query):
    log_in(client, make_user(is_admin=True))
    for url in ("/admin/livestreams/stats", "/admin/livestreams/stats.csv"):
        response = client.get(f"{url}?{query}")
        assert response.status_code == 422, url
        assert "error-summary" in response.get_data(as_text=True)


def test_only_admins_see_the_overview(app, client, log_in, market):
    owner, *_ = market
    log_in(client, owner)
    assert client.get("/admin/livestreams/stats").status_code == 403
    assert client.get("/admin/livestreams/stats.csv").status_code == 403
