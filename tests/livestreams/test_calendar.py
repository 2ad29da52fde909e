"""The `.ics` feeds, parsed back with `icalendar`: valid RFC 5545, times in UTC exactly, one UID
per session for its whole life, SEQUENCE following the changes, cancellations kept as
CANCELLED until the planned end, and nothing that is not public."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from icalendar import Calendar

from tests.livestreams.reminder_helpers import change_livestream, make_livestream, now_utc


def _events(response) -> dict[str, object]:
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.get_data())
    assert calendar.name == "VCALENDAR"
    assert str(calendar["VERSION"]) == "2.0" and str(calendar["PRODID"])
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def test_the_feed_lists_public_sessions_with_exact_utc_times(app, client, make_stall):
    stall = make_stall(name="Cà phê Khe Sanh")
    # 23:30 on 24 Nov to 00:30 on 25 Nov in Vietnam: 16:30 to 17:30 UTC on 24 Nov.
    start = datetime(2030, 11, 24, 16, 30, tzinfo=UTC)
    livestream_id = make_livestream(app, stall, starts_at=start, title="Đêm cà phê")
    for status in ("pending", "rejected"):
        make_livestream(app, stall, title=f"Phiên {status}", status=status)
    make_livestream(app, make_stall(status="suspended"), title="Gian bị tạm ngưng")

    response = client.get("/livestreams.ics")
    events = _events(response)
    assert list(events) == ["Đêm cà phê · Cà phê Khe Sanh"]
    event = events["Đêm cà phê · Cà phê Khe Sanh"]
    assert event.decoded("DTSTART") == start
    assert event.decoded("DTEND") == start + timedelta(hours=1)
    body = response.get_data(as_text=True)
    assert "DTSTART:20301124T163000Z" in body and "DTEND:20301124T173000Z" in body
    assert str(event["UID"]) == f"livestream-{livestream_id}@127.0.0.1"
    assert str(event["STATUS"]) == "CONFIRMED" and int(event["SEQUENCE"]) == 0
    assert str(event["URL"]).startswith("http://127.0.0.1:5000/livestreams/")
    assert "https://www.facebook.com/chophien/live" in str(event["DESCRIPTION"])
    assert event.get("DTSTAMP") is not None


def test_an_edit_keeps_the_uid_and_bumps_the_sequence_a_cancellation_stays_as_cancelled(
    app, client, make_stall
):
    livestream_id = make_livestream(app, make_stall(), title="Mận sớm")
    before = _events(client.get("/livestreams.ics"))
    [summary] = before
    new_start = datetime(2031, 1, 1, 1, 0, tzinfo=UTC)
    change_livestream(
        app, livestream_id, starts_at=new_start, ends_at=new_start + timedelta(hours=2)
    )
    [edited] = _events(client.get("/livestreams.ics")).values()
    assert str(edited["UID"]) == str(before[summary]["UID"])
    assert int(edited["SEQUENCE"]) == 1
    assert edited.decoded("DTSTART") == new_start

    change_livestream(app, livestream_id, status="cancelled")
    [cancelled] = _events(client.get("/livestreams.ics")).values()
    assert str(cancelled["STATUS"]) == "CANCELLED" and int(cancelled["SEQUENCE"]) == 2
    assert str(cancelled["UID"]) == str(before[summary]["UID"])
    # Gone once its planned end has passed.
    past = now_utc() - timedelta(hours=3)
    change_livestream(app, livestream_id, starts_at=past, ends_at=past + timedelta(hours=1))
    assert _events(client.get("/livestreams.ics")) == {}


def test_ended_sessions_stay_a_week(app, client, make_stall):
    stall = make_stall()
    make_livestream(app, stall, starts_in=timedelta(days=-6), title="Tuần này")
    make_livestream(app, stall, starts_in=timedelta(days=-8), title="Tuần trước")
    assert [s.split(" · ")[0] for s in _events(client.get("/livestreams.ics"))] == ["Tuần này"]


def test_a_stall_feed_has_only_that_stalls_sessions(app, client, make_stall):
    mine = make_stall(name="Chè Shan tuyết")
    other = make_stall(name="Mật ong bạc hà")
    make_livestream(app, mine, title="Chè")
    make_livestream(app, other, title="Mật ong")
    events = _events(client.get(f"/stalls/{mine.slug}/livestreams.ics"))
    assert list(events) == ["Chè · Chè Shan tuyết"]
    assert client.get("/stalls/khong-co-gian-nay/livestreams.ics").status_code == 404
    hidden = make_stall(name="Gian chờ duyệt", status="pending")
    assert client.get(f"/stalls/{hidden.slug}/livestreams.ics").status_code == 404


def test_one_session_to_add_to_a_calendar(app, client, make_stall):
    stall = make_stall()
    livestream_id = make_livestream(app, stall, title="Một buổi")
    response = client.get(f"/livestreams/{livestream_id}/calendar.ics")
    assert list(_events(response)) == [f"Một buổi · {stall.name}"]
    assert "attachment" in response.headers["Content-Disposition"]
    pending = make_livestream(app, stall, status="pending", starts_in=timedelta(hours=6))
    assert client.get(f"/livestreams/{pending}/calendar.ics").status_code == 404
    assert client.get(f"/livestreams/{2**31 - 1}/calendar.ics").status_code == 404


@pytest.mark.parametrize("hostname", ["cho-phien.vn"])
def test_the_uid_host_comes_from_the_public_address_not_the_request(make_app, make_stall, hostname):
    app = make_app(PUBLIC_BASE_URL=f"https://{hostname}")
    livestream_id = make_livestream(app, make_stall())
    client = app.test_client()
    response = client.get("/livestreams.ics", headers={"Host": "evil.example"})
    [event] = _events(response).values()
    assert str(event["UID"]) == f"livestream-{livestream_id}@{hostname}"
    assert str(event["URL"]).startswith(f"https://{hostname}/")


def test_a_feed_costs_the_same_statements_for_2_or_12_sessions(app, client, make_stall):
    from tests.helpers import count_statements

    def add(n: int) -> None:
        for i in range(n):
            make_livestream(app, make_stall(name=f"Gian {n}-{i}"), title=f"Phiên {n}-{i}")

    add(2)
    few = count_statements(app, client, "/livestreams.ics")
    add(10)
    many = count_statements(app, client, "/livestreams.ics")
    assert len(_events(client.get("/livestreams.ics"))) == 12
    assert few == many <= 3, (few, many)


def test_the_list_pages_calendar_link(app):
    from flask import render_template_string

    with app.test_request_context("/livestreams"):
        html = render_template_string('{% include "livestreams/_calendar_link.html" %}')
    assert 'href="/livestreams.ics"' in html and "Thêm vào lịch" in html
