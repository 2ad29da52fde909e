"""Owners book live sessions: the rules of a booking, and no double booking of a stall or a
studio (back-to-back is fine, one minute of overlap is not)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.helpers import post_form
from tests.livestreams.booking_world import (
    error_summary,
    future_day,
    insert_session,
    make_studio,
    session_data,
    session_row,
    sessions_of,
)


@pytest.fixture
def owner_client(client, make_user, make_stall, log_in):
    owner = make_user()
    stall = make_stall(owner)
    log_in(client, owner)
    client.stall = stall
    client.owner = owner
    return client


def _book(client, data, stall=None):
    stall = stall or client.stall
    return post_form(client, f"/my/stalls/{stall.id}/livestreams/new", data)


def test_an_owner_books_a_session_in_vietnam_time_stored_in_utc(app, owner_client):
    day = future_day()
    response = _book(owner_client, session_data(day, "19:00", "20:30"))
    assert response.status_code == 302, error_summary(response.get_data(as_text=True))
    [row] = sessions_of(app, owner_client.stall.id)
    assert row.status == "pending"
    assert row.starts_at == datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=12)
    assert row.ends_at - row.starts_at == timedelta(minutes=90)
    page = owner_client.get(f"/my/stalls/{owner_client.stall.id}/livestreams").get_data(
        as_text=True
    )
    assert "Livestream mận Bắc Hà" in page and "19:00" in page and "Chờ duyệt" in page


def test_around_midnight_and_a_studio_closing_at_ten(app, owner_client):
    day = future_day()
    response = _book(
        owner_client,
        session_data(day, "23:30", "00:30", ends_on=(day + timedelta(days=1)).isoformat()),
    )
    assert response.status_code == 302, error_summary(response.get_data(as_text=True))
    [row] = sessions_of(app, owner_client.stall.id)
    assert (row.starts_at.hour, row.starts_at.minute) == (16, 30)
    assert (row.ends_at.hour, row.ends_at.minute) == (17, 30)
    assert row.starts_at.date() == day  # 23:30 in Vietnam is 16:30 UTC the same day

    studio = make_studio(app, closes="22:00")
    later = day + timedelta(days=2)
    response = _book(
        owner_client,
        session_data(
            later,
            "23:30",
            "00:30",
            ends_on=(later + timedelta(days=1)).isoformat(),
            studio_id=studio,
        ),
    )
    assert response.status_code == 422
    assert "07:00" in error_summary(response.get_data(as_text=True))
    assert "22:00" in error_summary(response.get_data(as_text=True))
    # Inside the hours it fits.
    response = _book(owner_client, session_data(later, "20:00", "22:00", studio_id=studio))
    assert response.status_code == 302, error_summary(response.get_data(as_text=True))


def test_a_studio_closed_that_weekday_refuses(app, owner_client):
    day = future_day()
    closed = str(day.isoweekday())
    studio = make_studio(app, days="".join(d for d in "1234567" if d != closed))
    response = _book(owner_client, session_data(day, studio_id=studio))
    assert response.status_code == 422
    assert "đóng cửa" in error_summary(response.get_data(as_text=True))


@pytest.mark.parametrize(
    ("start", "end", "free"),
    [
        ("20:00", "21:00", True),  # right after
        ("18:00", "19:00", True),  # right before
        ("19:59", "21:00", False),  # one minute of overlap
        ("18:00", "19:01", False),
        ("19:15", "19:45", False),  # inside
        ("18:30", "20:30", False),  # around
        ("19:00", "20:00", False),  # the same
    ],
)
def test_a_stall_never_has_two_overlapping_sessions(app, owner_client, start, end, free):
    day = future_day()
    insert_session(app, owner_client.stall, day, "19:00", "20:00", title="Phiên tối thứ Bảy")
    response = _book(owner_client, session_data(day, start, end))
    if free:
        assert response.status_code == 302, error_summary(response.get_data(as_text=True))
        assert len(sessions_of(app, owner_client.stall.id)) == 2
    else:
        assert response.status_code == 422
        summary = error_summary(response.get_data(as_text=True))
        assert "Phiên tối thứ Bảy" in summary and "19:00" in summary and "20:00" in summary
        assert len(sessions_of(app, owner_client.stall.id)) == 1


@pytest.mark.parametrize(
    ("start", "end", "free"), [("20:00", "21:00", True), ("19:59", "21:00", False)]
)
def test_a_studio_is_never_booked_twice_and_the_other_stall_is_not_named(
    app, owner_client, make_stall, start, end, free
):
    day = future_day()
    studio = make_studio(app, name="Kênh Tỉnh đoàn Lào Cai")
    other = make_stall(name="Gian hàng khác")
    insert_session(
        app, other, day, "19:00", "20:00", studio_id=studio, title="Bí mật của gian khác"
    )
    response = _book(owner_client, session_data(day, start, end, studio_id=studio))
    if free:
        assert response.status_code == 302, error_summary(response.get_data(as_text=True))
    else:
        assert response.status_code == 422
        summary = error_summary(response.get_data(as_text=True))
        assert "Kênh Tỉnh đoàn Lào Cai" in summary and "19:00" in summary
        assert "Bí mật của gian khác" not in summary
    # The same time without the studio is fine: it is another stall.
    assert _book(owner_client, session_data(day, "19:00", "20:00")).status_code == 302


@pytest.mark.parametrize("status", ["cancelled", "rejected"])
def test_cancelled_and_rejected_sessions_free_their_slot(app, owner_client, status):
    day = future_day()
    studio = make_studio(app)
    insert_session(app, owner_client.stall, day, "19:00", "20:00", status=status, studio_id=studio)
    response = _book(owner_client, session_data(day, "19:00", "20:00", studio_id=studio))
    assert response.status_code == 302, error_summary(response.get_data(as_text=True))


def test_featured_products_with_live_price_and_limit(app, owner_client, make_product):
    from marketplace.extensions import db
    from marketplace.livestreams.models import LivestreamProduct

    plum = make_product(owner_client.stall, name="Mận sấy", price=85_000)
    tea = make_product(owner_client.stall, name="Chè Shan tuyết", price=120_000)
    data = session_data(future_day(), products=plum.id)
    data["products"] = [str(plum.id), str(tea.id)]
    data[f"live_price_{plum.id}"] = "79.000"
    data[f"per_buyer_limit_{plum.id}"] = "2"
    response = _book(owner_client, data)
    assert response.status_code == 302, error_summary(response.get_data(as_text=True))
    with app.app_context():
        rows = {
            lp.product_id: (lp.live_price, lp.per_buyer_limit)
            for lp in db.session.scalars(db.select(LivestreamProduct))
        }
    assert rows == {plum.id: (79_000, 2), tea.id: (None, None)}


# --- Bad input: a clear 4xx, never a 500, nothing saved -------------------------------------


def _refused(app, client, data, expected: str, stall=None):
    response = _book(client, data, stall)
    html = response.get_data(as_text=True)
    assert response.status_code == 422, html[:500]
    summary = error_summary(html)
    assert expected in summary, summary
    assert sessions_of(app, (stall or client.stall).id) == []
    assert 'value="Livestream mận Bắc Hà"' in html  # what was typed is kept


def test_end_before_start(app, owner_client):
    _refused(app, owner_client, session_data(future_day(), "20:00", "19:00"), "kết thúc phải sau")


def test_start_in_the_past(app, owner_client):
    day = future_day(-2)
    _refused(app, owner_client, session_data(day, "19:00", "20:00"), "trong tương lai")


def test_seven_hours_is_too_long_and_ten_minutes_too_short(app, owner_client):
    day = future_day()
    _refused(app, owner_client, session_data(day, "08:00", "15:00"), "tối đa 6 giờ")
    _refused(app, owner_client, session_data(day, "08:00", "08:10"), "ít nhất 15 phút")
    assert _book(owner_client, session_data(day, "08:00", "14:00")).status_code == 302


def test_another_stalls_product(app, owner_client, make_stall, make_product):
    theirs = make_product(make_stall(name="Gian khác"))
    data = session_data(future_day())
    data["products"] = str(theirs.id)
    _refused(app, owner_client, data, "gian hàng của bạn")


def test_a_live_price_not_below_the_price(app, owner_client, make_product):
    plum = make_product(owner_client.stall, price=85_000)
    data = session_data(future_day())
    data["products"] = str(plum.id)
    data[f"live_price_{plum.id}"] = "85.000"
    _refused(app, owner_client, data, "85.000")


@pytest.mark.parametrize(
    ("platform", "url"),
    [
        ("tiktok", "https://www.facebook.com/manbacha/live"),
        ("tiktok", "https://tiktok.com.evil.example/live"),
        ("tiktok", "https://www.tiktok.com@evil.example/live"),
        ("youtube", "javascript:alert(1)"),
        ("other", "http://example.vn/live"),
    ],
)
def test_a_url_on_the_wrong_platform(app, owner_client, platform, url):
    data = session_data(future_day(), platform=platform, stream_url=url)
    response = _book(owner_client, data)
    assert response.status_code == 422
    assert "Đường dẫn" in error_summary(response.get_data(as_text=True))
    assert sessions_of(app, owner_client.stall.id) == []


@pytest.mark.parametrize(
    "field, value",
    [("starts_on", "ngày mai"), ("starts_time", "25:00"), ("starts_on", "0001-01-01"),
     ("platform", "myspace"), ("studio_id", "987654"), ("products", "abc")],
)  # fmt: skip
def test_garbage_fields_answer_422(app, owner_client, field, value):
    data = session_data(future_day(), **{field: value})
    response = _book(owner_client, data)
    assert response.status_code == 422
    assert sessions_of(app, owner_client.stall.id) == []


def test_a_stall_waiting_for_approval_cannot_book(app, client, make_user, make_stall, log_in):
    owner = make_user()
    stall = make_stall(owner, status="pending")
    log_in(client, owner)
    response = _book(client, session_data(future_day()), stall)
    assert response.status_code == 302
    assert sessions_of(app, stall.id) == []


# --- Ownership ------------------------------------------------------------------------------


def test_another_owner_gets_404_everywhere(app, owner_client, make_stall):
    theirs = make_stall(name="Gian khác")
    session_id = insert_session(app, theirs, future_day())
    for path in (
        f"/my/stalls/{theirs.id}/livestreams",
        f"/my/stalls/{theirs.id}/livestreams/new",
        f"/my/livestreams/{session_id}/edit",
        f"/my/livestreams/{session_id}/cancel",
        "/my/livestreams/987654/edit",
    ):
        assert owner_client.get(path).status_code == 404, path
    response = post_form(owner_client, f"/my/livestreams/{session_id}/cancel", {"reason": "x"})
    assert response.status_code == 404
    response = post_form(
        owner_client, f"/my/livestreams/{session_id}/edit", session_data(future_day())
    )
    assert response.status_code == 404
    assert session_row(app, session_id).status == "pending"
    assert owner_client.get("/admin/livestreams").status_code == 403


def test_at_most_twenty_products_and_only_those_on_sale(app, owner_client, make_product):
    from marketplace.errors import DomainError
    from marketplace.extensions import db
    from marketplace.livestreams import booking
    from marketplace.stalls.models import Stall

    draft = make_product(owner_client.stall, status="draft")
    with app.test_request_context():
        stall = db.session.get(Stall, owner_client.stall.id)
        many = tuple(booking.FeaturedProduct(product_id=n) for n in range(1, 22))
        with pytest.raises(DomainError, match="20") as refused:
            booking._featured_rows(stall, many, set())
        assert refused.value.field == "products"
        with pytest.raises(DomainError) as refused:
            booking._featured_rows(stall, (booking.FeaturedProduct(draft.id),), set())
        assert refused.value.field == "products"
        # Featured before it went off sale, it may stay.
        assert booking._featured_rows(stall, (booking.FeaturedProduct(draft.id),), {draft.id})


def test_the_owner_list_gives_no_phase_to_a_called_off_session(app, owner_client):
    """QA walk: a cancelled session read "Đã hủy Sắp diễn ra" (cancelled, upcoming)."""
    day = future_day()
    insert_session(app, owner_client.stall, day, "19:00", "20:00", title="Phiên hủy",
                   status="cancelled")  # fmt: skip
    insert_session(app, owner_client.stall, day, "21:00", "22:00", title="Phiên chờ")
    page = owner_client.get(f"/my/stalls/{owner_client.stall.id}/livestreams")
    items = page.get_data(as_text=True).split("<li")
    (cancelled,) = [item for item in items if "Phiên hủy" in item]
    (pending,) = [item for item in items if "Phiên chờ" in item]
    assert "Đã hủy" in cancelled and "Sắp diễn ra" not in cancelled
    assert "Sắp diễn ra" in pending
