"""The admin console's pictures (issue 10, item 3): the province tile map and the 12-week trend
charts, server-rendered SVG."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy import event

from marketplace.admin import pictures, trends
from marketplace.admin.pictures import LAYOUT, ProvinceTile, TrendPoint
from marketplace.admin.status import AreaStatus
from marketplace.extensions import db
from marketplace.i18n import format_vnd
from marketplace.livestreams.models import LivestreamMinute
from marketplace.reference.models import Province
from tests.helpers import ROOMY_CHECKOUT_LIMITS, count_statements
from tests.livestats.sessions import attributed_order, make_livestream

SVG = "{http://www.w3.org/2000/svg}"
# Wednesday 25 November 2026, 10:00 in Vietnam: the current week began on Monday 23 November,
# 00:00 Vietnam time = Sunday 22 November, 17:00 UTC.
NOW = datetime(2026, 11, 25, 3, 0, tzinfo=UTC)
THIS_MONDAY = datetime(2026, 11, 22, 17, 0, tzinfo=UTC)
OLDEST_MONDAY = THIS_MONDAY - timedelta(weeks=11)  # 7 September 2026, 00:00 Vietnam


@pytest.fixture
def app(make_app):
    return make_app(**ROOMY_CHECKOUT_LIMITS)


def _parse(markup) -> ET.Element:
    return ET.fromstring(str(markup))  # noqa: S314  (our own output, the thing under test)


def _province_tiles(app) -> list[ProvinceTile]:
    with app.app_context():
        return [
            ProvinceTile(code, name)
            for code, name in db.session.execute(sa.select(Province.code, Province.name))
        ]


# --- The tile map ---------------------------------------------------------------------------


def test_layout_places_exactly_the_provinces_of_the_reference_data_one_per_cell(app):
    codes = {tile.code for tile in _province_tiles(app)}
    assert len(codes) == 34
    assert set(LAYOUT) == codes
    assert len(set(LAYOUT.values())) == len(LAYOUT)  # no two provinces on one cell


def test_every_tile_is_a_titled_link_coloured_and_marked_by_its_status(app):
    tiles = _province_tiles(app)
    statuses = {"ha-noi": AreaStatus.GREEN, "dak-lak": AreaStatus.RED, "hue": AreaStatus.YELLOW}
    links = {t.code: f"/admin/areas/{t.code}?days=30&sort=name" for t in tiles}
    with app.test_request_context():
        svg = _parse(pictures.tiles_svg(tiles, statuses, links))
        labels = {status: status.label for status in AreaStatus}
    assert svg.get("role") == "group" and svg.get("aria-label") and svg.get("viewBox")
    anchors = svg.findall(f".//{SVG}a")
    assert sorted(a.get("href") for a in anchors) == sorted(links.values())
    names = {t.code: t.name for t in tiles}
    for anchor in anchors:
        code = re.search(r"/areas/([a-z-]+)", anchor.get("href")).group(1)
        status = statuses.get(code, AreaStatus.NO_DATA)  # not given: no data, never red
        assert anchor.findtext(f"{SVG}title") == f"{names[code]}: {labels[status]}"
        assert status.value in anchor.get("class").split()
        texts = [t.text for t in anchor.findall(f"{SVG}text")]
        assert status.symbol in texts  # not told by colour alone
        assert pictures.short_name(names[code]) in texts
        fills = {r.get("fill") for r in anchor.findall(f"{SVG}rect")}
        assert pictures.FILLS[status] in fills
        if status in pictures.PATTERNS:
            assert f"url(#tiles-{status.value})" in fills
    # The legend: a label and a symbol for each status.
    legend = " ".join(svg.itertext())
    for status in AreaStatus:
        assert labels[status] in legend
    assert {p.get("id") for p in svg.iter(f"{SVG}pattern")} == {
        f"tiles-{s.value}" for s in pictures.PATTERNS
    }


def test_tile_rectangles_do_not_overlap(app):
    tiles = _province_tiles(app)
    with app.test_request_context():
        svg = _parse(pictures.tiles_svg(tiles, {}, {t.code: "/x" for t in tiles}))
    boxes = [
        (float(r.get("x")), float(r.get("y")), float(r.get("width")), float(r.get("height")))
        for a in svg.iter(f"{SVG}a")
        for r in a.findall(f"{SVG}rect")[:1]
    ]
    assert len(boxes) == 34
    for i, (x, y, w, h) in enumerate(boxes):
        for x2, y2, w2, h2 in boxes[i + 1 :]:
            assert x + w <= x2 or x2 + w2 <= x or y + h <= y2 or y2 + h2 <= y


def test_a_hostile_province_name_and_link_are_escaped(app):
    hostile = '<script>alert("x")</script> & Hà</text><a href="//evil">'
    tile = ProvinceTile("ha-noi", hostile)
    with app.test_request_context():
        markup = str(pictures.tiles_svg([tile], {}, {"ha-noi": '/a?x="><script>'}))
        label = AreaStatus.NO_DATA.label
    assert "<script" not in markup and 'href="//evil"' not in markup
    svg = _parse(markup)  # still well-formed XML
    (anchor,) = svg.iter(f"{SVG}a")
    assert anchor.get("href") == '/a?x="><script>'
    assert anchor.findtext(f"{SVG}title") == f"{hostile}: {label}"


# --- The trend charts -----------------------------------------------------------------------


def test_trend_chart_labels_the_highest_week_and_titles_every_bar(app):
    points = [TrendPoint(OLDEST_MONDAY + timedelta(weeks=i), (i % 5) * 250_000) for i in range(12)]
    with app.test_request_context():
        svg = _parse(pictures.trend_chart_svg('Doanh thu <b>"tuần"</b>', points, "vnd"))
    assert svg.findtext(f"{SVG}title") == 'Doanh thu <b>"tuần"</b>'
    assert svg.findtext(f"{SVG}desc")
    bars = svg.findall(f"{SVG}rect")
    assert len(bars) == 12
    assert bars[4].findtext(f"{SVG}title").endswith(format_vnd(1_000_000))  # the exact value
    assert "07/09/2026" in bars[0].findtext(f"{SVG}title")
    heights = [float(b.get("height")) for b in bars]
    assert max(heights) == heights[4] and heights[0] == 0
    assert [b.get("class") for b in bars].count("bar peak") == 1
    assert bars[4].get("class") == "bar peak"  # the first of the highest weeks
    (peak,) = [t for t in svg.findall(f"{SVG}text") if t.get("class") == "peak"]
    assert peak.text == format_vnd(1_000_000) == "1.000.000\xa0₫"
    weeks = [t.text for t in svg.findall(f"{SVG}text") if t.get("class") == "week"]
    assert "23/11" in weeks and "07/09" not in weeks and len(weeks) == 6  # every other Monday


def test_an_empty_trend_chart_still_draws(app):
    points = [TrendPoint(OLDEST_MONDAY + timedelta(weeks=i), 0) for i in range(12)]
    with app.test_request_context():
        svg = _parse(pictures.trend_chart_svg("Đơn", points, "number"))
    assert all(float(r.get("height")) == 0 for r in svg.findall(f"{SVG}rect"))
    assert not [t for t in svg.findall(f"{SVG}text") if t.get("class") == "peak"]


@pytest.fixture
def stall(make_stall):
    return make_stall()


@pytest.fixture
def product(stall, make_product):
    return make_product(stall, price=100_000, stock=1_000)


def _order(app, product, placed_at, status="paid", quantity=1, refunded=0):
    return attributed_order(
        app,
        app.test_client(),
        product,
        None,
        status=status,
        quantity=quantity,
        placed_at=placed_at,
        refunded=refunded,
    )


def _minute_views(app, livestream_id, views_by_minute):
    with app.app_context():
        for minute, views in views_by_minute.items():
            row = LivestreamMinute(livestream_id=livestream_id, minute=minute, views=views)
            db.session.add(row)
        db.session.commit()


def _trends_and_statements(app):
    with app.app_context():
        statements = []

        def count(*_args):
            if not _args[2].startswith("BEGIN"):  # SQLite's transaction start
                statements.append(_args[2])

        event.listen(db.engine, "before_cursor_execute", count)
        try:
            result = trends.weekly_trends(NOW)
        finally:
            event.remove(db.engine, "before_cursor_execute", count)
    return result, statements


def test_weeks_start_on_monday_vietnam_time(app):
    with app.app_context():
        starts = trends.week_starts(NOW)
    assert len(starts) == 13
    assert starts[-2] == THIS_MONDAY and starts[0] == OLDEST_MONDAY
    assert starts[-1] == THIS_MONDAY + timedelta(weeks=1)


def test_weekly_trends_count_paid_orders_revenue_and_views_in_their_vietnam_week(
    app, stall, product
):
    empty, statements_when_empty = _trends_and_statements(app)
    assert empty.orders == (0,) * 12 and empty.revenue == (0,) * 12 and empty.views == (0,) * 12
    assert [s.weekday() for s in empty.starts] == [6] * 12  # Sunday 17:00 UTC = Monday, Vietnam

    sunday_night = THIS_MONDAY - timedelta(minutes=30)  # Sunday 23:30 in Vietnam
    _order(app, product, sunday_night)  # the week before, not this one
    _order(app, product, THIS_MONDAY, status="delivered", quantity=2)  # Monday 00:00: this week
    _order(app, product, THIS_MONDAY + timedelta(days=1), status="shipped", refunded=40_000)
    _order(app, product, OLDEST_MONDAY)  # the first instant of the oldest week
    _order(app, product, OLDEST_MONDAY - timedelta(seconds=1))  # before it: left out
    _order(app, product, THIS_MONDAY + timedelta(weeks=1))  # next week: left out
    for status in ("pending_payment", "cancelled", "expired"):
        _order(app, product, THIS_MONDAY + timedelta(hours=1), status=status)
    _order(app, product, THIS_MONDAY + timedelta(hours=2), status="refunded", refunded=100_000)

    livestream_id = make_livestream(app, stall, starts_at=THIS_MONDAY - timedelta(hours=1))
    _minute_views(
        app,
        livestream_id,
        {
            THIS_MONDAY - timedelta(minutes=1): 5,  # Sunday 23:59 in Vietnam
            THIS_MONDAY: 7,
            THIS_MONDAY + timedelta(minutes=1): 3,
            OLDEST_MONDAY - timedelta(minutes=1): 1000,  # too old
        },
    )

    result, statements = _trends_and_statements(app)
    # Grouped, never one statement per week.
    assert len(statements) == len(statements_when_empty) == 2, statements
    assert result.orders == (1,) + (0,) * 9 + (1, 2)
    assert result.revenue == (100_000,) + (0,) * 9 + (100_000, 200_000 + 60_000)
    assert result.views == (0,) * 10 + (5, 10)
    assert result.starts[-1] == THIS_MONDAY


# --- The page -------------------------------------------------------------------------------


def test_the_page_shows_the_map_and_three_charts_to_an_admin(
    app, client, log_in, make_user, make_stall
):
    make_stall(status="approved", province_code="dak-lak", commune="xã Ea Knốp")
    make_stall(status="pending", province_code="ha-noi", commune="phường Ba Đình")
    log_in(client, make_user(is_admin=True))
    response = client.get("/admin/activity/pictures")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert page.count('<a class="tile ') == 34
    # The placeholder: yellow where an approved stall is, grey (no data) elsewhere.
    assert '<a class="tile yellow" href="/products?province=dak-lak">' in page
    assert '<a class="tile no_data" href="/products?province=ha-noi">' in page
    assert page.count('<svg class="trend-chart"') == 3
    assert page.count("<details>") >= 3


def test_the_page_costs_the_same_statements_whatever_the_data(
    app, client, log_in, make_user, make_stall, product
):
    log_in(client, make_user(is_admin=True))
    before = count_statements(app, client, "/admin/activity/pictures")
    make_stall(status="approved", province_code="dak-lak", commune="xã Ea Knốp")
    _order(app, product, datetime.now(UTC) - timedelta(days=3))
    _order(app, product, datetime.now(UTC) - timedelta(days=20), status="delivered")
    assert count_statements(app, client, "/admin/activity/pictures") == before


@pytest.mark.parametrize("role", ["guest", "shopper"])
def test_the_page_is_for_admins_only(client, log_in, make_user, role):
    if role == "shopper":
        log_in(client, make_user())
    response = client.get("/admin/activity/pictures")
    assert response.status_code == (302 if role == "guest" else 403)
