"""Every list page runs the same number of SQL statements whatever the number of its rows.

Each test builds FEW rows of the listed thing, counts the statements of one GET, adds rows up to
MANY, counts again and checks the rows are really on the page. The rows hang off distinct related
objects (a stall, a checkout, a buyer each), so a lazy load per row cannot hide behind SQLAlchemy's
identity map. The ceilings are the measured counts with a little room.
"""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest
import sqlalchemy as sa

from marketplace.db import utcnow
from marketplace.extensions import db
from marketplace.orders.models import Order
from tests.helpers import ROOMY_CHECKOUT_LIMITS, add_to_cart, count_statements, place_order
from tests.livestats.sessions import attributed_order, make_livestream, set_counters

FEW, MANY = 2, 12


@pytest.fixture
def app(make_app):
    return make_app(**ROOMY_CHECKOUT_LIMITS)


@pytest.fixture
def offer(make_stall, make_product):
    """``offer()``: a product of its own new stall, with distinct names."""
    numbers = itertools.count(1)

    def make(stall=None):
        n = next(numbers)
        stall = stall or make_stall(name=f"Gian hàng số {n}")
        return make_product(stall, name=f"Sản phẩm số {n}")

    return make


def _order_codes(app, *where) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(sa.select(Order.code).where(*where)))


def _assert_constant(app, client, url, add_rows, ceiling, markers=None):
    """Count with FEW rows and with MANY; ``markers()`` lists what the page must show."""
    add_rows(FEW)
    few = count_statements(app, client, url)
    add_rows(MANY - FEW)
    many = count_statements(app, client, url)
    page = client.get(url).get_data(as_text=True)
    if markers is not None:
        shown = markers()
        assert len(shown) >= MANY, shown
        missing = [marker for marker in shown if marker not in page]
        assert missing == [], f"{url} does not list {missing}"
    assert many == few, f"{url}: {few} statements with {FEW} rows, {many} with {MANY} (N+1)"
    assert many <= ceiling, f"{url}: {many} statements"


# --- Shoppers ------------------------------------------------------------------------------


def test_buyer_order_history(app, client, make_user, log_in, offer):
    buyer = make_user()
    log_in(client, buyer)

    def add(n):
        for _ in range(n):
            assert place_order(app, client, [(offer(), 1)]).status_code == 302

    markers = lambda: _order_codes(app, Order.buyer_id == buyer.id)  # noqa: E731
    _assert_constant(app, client, "/orders", add, ceiling=8, markers=markers)


def _fill_cart(app, client, offer):
    names = []

    def add(n):
        for _ in range(n):
            product = offer()
            assert add_to_cart(client, product.id).status_code == 302
            names.append(product.name)

    return add, lambda: names


def test_cart(app, client, offer):
    add, names = _fill_cart(app, client, offer)
    _assert_constant(app, client, "/cart", add, ceiling=5, markers=names)


def test_checkout_form(app, client, offer):
    add, names = _fill_cart(app, client, offer)
    _assert_constant(app, client, "/checkout", add, ceiling=6, markers=names)


def test_checkout_page_of_many_stalls(app, offer):
    """One checkout's page lists its orders, one per stall: a new checkout per count."""
    counts = {}
    for rows in (FEW, MANY):
        client = app.test_client()
        response = place_order(app, client, [(offer(), 1) for _ in range(rows)])
        assert response.status_code == 302
        url = response.headers["Location"]
        codes = _order_codes(app, Order.checkout.has(token=url.rsplit("/", 1)[-1]))
        assert len(codes) == rows
        counts[rows] = count_statements(app, client, url)
        page = client.get(url).get_data(as_text=True)
        assert all(code in page for code in codes)
    assert counts[MANY] == counts[FEW], counts
    assert counts[MANY] <= 6, counts


def test_catalogue_pages_across_many_stalls(app, client, offer):
    """The product list and home page with each product in its own stall (the search test has
    many products of one stall, which an N+1 on the stall would pass)."""
    names = []

    def add(n):
        names.extend(offer().name for _ in range(n))

    for url in ("/products", "/"):
        _assert_constant(app, client, url, add, ceiling=8)
    page = client.get("/products").get_data(as_text=True)
    assert all(name in page for name in names)


# --- Stall owners --------------------------------------------------------------------------


def test_stall_orders(app, client, make_user, make_stall, log_in, offer):
    owner = make_user()
    stall = make_stall(owner)
    log_in(client, owner)

    def add(n):
        for _ in range(n):  # each from its own guest, for its own product
            assert place_order(app, app.test_client(), [(offer(stall), 1)]).status_code == 302

    markers = lambda: _order_codes(app, Order.stall_id == stall.id)  # noqa: E731
    url = f"/my/stalls/{stall.id}/orders"
    _assert_constant(app, client, url, add, ceiling=8, markers=markers)


def test_owner_stall_dashboard(app, client, make_user, make_stall, log_in, offer):
    owner = make_user()
    stall = make_stall(owner)
    log_in(client, owner)
    names = []

    def add(n):
        for _ in range(n):  # a product, and an order waiting for the owner
            product = offer(stall)
            names.append(product.name)
            assert place_order(app, app.test_client(), [(product, 1)]).status_code == 302

    url = f"/my/stalls/{stall.id}"
    _assert_constant(app, client, url, add, ceiling=10, markers=lambda: names)


def test_owner_stall_list(app, client, make_user, make_stall, log_in):
    owner = make_user()
    log_in(client, owner)
    names = []
    numbers = itertools.count(1)

    def add(n):
        for _ in range(n):
            names.append(make_stall(owner, name=f"Gian của tôi {next(numbers)}").name)

    _assert_constant(app, client, "/my/stalls", add, ceiling=6, markers=lambda: names)


# --- Admins --------------------------------------------------------------------------------


@pytest.fixture
def admin_client(client, make_user, log_in):
    log_in(client, make_user(is_admin=True))
    return client


def test_admin_stall_queue(app, admin_client, make_stall):
    names = []
    numbers = itertools.count(1)

    def add(n):
        for _ in range(n):
            names.append(make_stall(status="pending", name=f"Gian chờ duyệt {next(numbers)}").name)

    _assert_constant(app, admin_client, "/admin/stalls", add, ceiling=8, markers=lambda: names)


def test_admin_dashboard_accounts(app, admin_client, make_user):
    emails = []
    numbers = itertools.count(1)

    def add(n):
        for _ in range(n):
            emails.append(make_user(email=f"tai-khoan-{next(numbers)}@example.vn").email)

    _assert_constant(app, admin_client, "/admin/", add, ceiling=8, markers=lambda: emails)


def test_admin_payments(app, admin_client, offer):
    """Transfers to review, late card payments and the balances, each row on its own stall."""
    from marketplace.payments.models import BankTransfer, TransferStatus

    numbers = itertools.count(1)

    def add(n):
        for _ in range(n):
            k = next(numbers)
            response = place_order(app, app.test_client(), [(offer(), 1)])
            assert response.status_code == 302
            with app.app_context():
                order = db.session.scalars(sa.select(Order).order_by(Order.id.desc())).first()
                db.session.add(
                    BankTransfer(
                        provider_id=f"sepay-{k}",
                        order_id=order.id,
                        account_number="113001001932",
                        amount=order.total - 1_000,
                        content=f"{order.code} chuyen khoan thieu",
                        reference=order.code,
                        status=TransferStatus.UNDERPAID,
                        raw={"id": k},
                    )
                )
                order.paid_after_end = True
                db.session.commit()

    markers = lambda: _order_codes(app)  # noqa: E731
    _assert_constant(app, admin_client, "/admin/payments", add, ceiling=9, markers=markers)


# --- Livestream statistics (stats) ------------------------------------------------------------


def test_livestream_statistics_dashboards(app, make_user, make_stall, make_product, log_in):
    owner, admin = make_user(), make_user(is_admin=True)
    buyer = app.test_client()
    made = []

    def add(n):
        for _ in range(n):
            k = len(made)
            stall = make_stall(owner, name=f"Gian hàng {k}")
            product = make_product(stall, name=f"Sản phẩm {k}", stock=10)
            livestream_id = make_livestream(
                app, stall, starts_at=utcnow() - timedelta(days=k + 1), title=f"Phiên số {k}"
            )
            set_counters(app, livestream_id, views=10, unique_viewers=5, heartbeats=4)
            attributed_order(app, buyer, product, livestream_id)
            made.append(livestream_id)

    owner_client, admin_client = app.test_client(), app.test_client()
    log_in(owner_client, owner)
    log_in(admin_client, admin)
    add(2)
    few = [count_statements(app, c, u) for c, u in _pages(owner_client, admin_client)]
    add(10)
    many = [count_statements(app, c, u) for c, u in _pages(owner_client, admin_client)]
    assert many == few
    assert max(many) <= 12, many
    page = owner_client.get("/stall/livestreams/stats").get_data(as_text=True)
    assert all(f"Phiên số {k}" in page for k in range(12))


def _pages(owner_client, admin_client):
    return [
        (owner_client, "/stall/livestreams/stats"),
        (owner_client, "/stall/livestreams/stats.csv"),
        (admin_client, "/admin/livestreams/stats"),
        (admin_client, "/admin/livestreams/stats.csv"),
    ]


# --- Livestream booking --------------------------------------------------------------------


def _livestream_rows(app, make_stall, *, status="pending", day_offset=3, studio=True):
    """``add(n)``: n sessions, each of its own stall and studio, on one Vietnam day; their
    titles."""
    from datetime import UTC, datetime, time, timedelta

    from marketplace.livestreams.models import Livestream, Studio
    from tests.helpers import reference_ids

    titles = []
    numbers = itertools.count(1)
    day_start = datetime.now(UTC).replace(hour=1, minute=0, second=0, microsecond=0)
    day_start += timedelta(days=day_offset)

    def add(n, stall=None):
        for _ in range(n):
            k = next(numbers)
            owner_stall = stall or make_stall(name=f"Gian livestream {k}")
            with app.app_context():
                ids = reference_ids()
                place = None
                if studio:
                    place = Studio(
                        name=f"Phòng số {k}", province_id=ids["province_id"],
                        opens_at=time(0), closes_at=time(23, 59),
                    )  # fmt: skip
                starts = day_start + timedelta(minutes=30 * k)
                db.session.add(
                    Livestream(
                        stall_id=owner_stall.id, studio=place, title=f"Buổi live số {k}",
                        platform="tiktok", stream_url="https://www.tiktok.com/@a/live",
                        starts_at=starts, ends_at=starts + timedelta(minutes=20), status=status,
                    )
                )  # fmt: skip
                db.session.commit()
            titles.append(f"Buổi live số {k}")

    return add, titles, day_start


def test_owner_livestreams(app, client, make_user, make_stall, log_in):
    owner = make_user()
    stall = make_stall(owner)
    log_in(client, owner)
    add, titles, _day = _livestream_rows(app, make_stall)
    url = f"/my/stalls/{stall.id}/livestreams"
    _assert_constant(app, client, url, lambda n: add(n, stall), ceiling=6, markers=lambda: titles)


def test_admin_livestream_queue(app, admin_client, make_stall):
    add, titles, _day = _livestream_rows(app, make_stall)
    url = "/admin/livestreams"
    _assert_constant(app, admin_client, url, add, ceiling=6, markers=lambda: titles)


def test_admin_livestream_agenda(app, admin_client, make_stall):
    from zoneinfo import ZoneInfo

    add, titles, day_start = _livestream_rows(app, make_stall, status="approved")
    day = day_start.astimezone(ZoneInfo("Asia/Ho_Chi_Minh")).date()
    url = f"/admin/livestreams/agenda?day={day.isoformat()}"
    _assert_constant(app, admin_client, url, add, ceiling=6, markers=lambda: titles)


def test_admin_studios(app, admin_client, make_stall):
    add, _titles, _day = _livestream_rows(app, make_stall)
    _assert_constant(app, admin_client, "/admin/studios", add, ceiling=6)


# --- Livestreams (shoppers) -------------------------------------------------------------------


def _sessions(app, make_stall, titles, when):
    """``add(n)``: n approved sessions, each of its own stall (so a lazy load per row shows)."""
    from datetime import timedelta

    from tests.livestreams.shopper_sessions import add_livestream

    def add(n):
        for _ in range(n):
            title = f"Phiên live số {len(titles) + 1}"
            stall = make_stall(name=f"Gian live {len(titles) + 1}")
            starts = when(len(titles))
            add_livestream(app, stall, title=title, starts_at=starts,
                           ends_at=starts + timedelta(hours=1))  # fmt: skip
            titles.append(title)

    return add


@pytest.mark.parametrize("phase", ["live", "upcoming", "recent"])
def test_livestream_list(app, client, make_stall, phase):
    from datetime import timedelta

    from marketplace.db import utcnow

    now = utcnow()
    when = {
        "live": lambda n: now - timedelta(minutes=10 + n),
        "upcoming": lambda n: now + timedelta(hours=5 * n + 1),
        "recent": lambda n: now - timedelta(hours=2 + n),
    }[phase]
    titles: list[str] = []
    add = _sessions(app, make_stall, titles, when)
    _assert_constant(app, client, "/livestreams", add, ceiling=8, markers=lambda: titles)


def test_livestream_page_with_many_products(app, client, make_stall, offer):
    from marketplace.livestreams.models import LivestreamProduct
    from tests.livestreams.shopper_sessions import add_livestream

    stall = make_stall(name="Gian hàng live")
    livestream_id = add_livestream(app, stall)
    names = []

    def add(n):
        with app.app_context():
            for _ in range(n):
                product = offer(stall)
                db.session.add(
                    LivestreamProduct(
                        livestream_id=livestream_id, product_id=product.id, live_price=1_000,
                        per_buyer_limit=2, position=len(names),
                    )
                )  # fmt: skip
                names.append(product.name)
            db.session.commit()

    url = f"/livestreams/{livestream_id}"
    # The page counts views (marketplace/livestreams/visitors.py): the first visit only sets the
    # visitor cookie, the next one counts the view; both counts below then see a reopening within
    # 30 minutes, so they compare the page's own reads.
    client.get(url)
    client.get(url)
    _assert_constant(app, client, url, add, ceiling=8, markers=lambda: names)
