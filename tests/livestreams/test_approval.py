"""Sessions start pending; admins approve or reject them (audited, mailed to the owner); moving an
approved session sends it back; every change a calendar must learn bumps ``sequence``; owners
cancel; ended sessions can't be changed."""

from __future__ import annotations

from datetime import timedelta
from html.parser import HTMLParser

import pytest

from marketplace.extensions import db
from tests.accounts.mail_capture import captured_mail
from tests.helpers import post_form
from tests.livestreams.booking_world import (
    error_summary,
    future_day,
    insert_session,
    make_studio,
    session_data,
    session_row,
    utc,
)


@pytest.fixture
def people(app, make_user, make_stall, log_in):
    owner = make_user(full_name="Thào Thị Mỷ", preferred_language="vi")
    stall = make_stall(owner)
    owner_client, admin_client = app.test_client(), app.test_client()
    log_in(owner_client, owner)
    log_in(admin_client, make_user(is_admin=True))
    return owner, stall, owner_client, admin_client


def _audit_codes(app, livestream_id):
    from marketplace.audit.services import history

    with app.app_context():
        return [e.action for e in history("livestream", livestream_id)]


def test_the_queue_lists_pending_sessions_oldest_first(app, people, make_stall):
    _owner, stall, _oc, admin = people
    day = future_day()
    first = insert_session(app, stall, day, "08:00", "09:00", title="Phiên đầu tiên")
    second = insert_session(app, make_stall(name="Gian B"), day, title="Phiên thứ hai")
    insert_session(app, stall, day, "10:00", "11:00", title="Phiên đã duyệt", status="approved")
    page = admin.get("/admin/livestreams").get_data(as_text=True)
    assert page.index("Phiên đầu tiên") < page.index("Phiên thứ hai")
    assert "Phiên đã duyệt" not in page
    assert f"/admin/livestreams/{first}" in page and f"/admin/livestreams/{second}" in page


def test_approve_is_audited_and_mailed_to_the_owner(app, people, caplog):
    owner, stall, _oc, admin = people
    session_id = insert_session(app, stall, future_day(), title="Mận hậu lên sóng")
    with captured_mail(caplog) as mails:
        response = post_form(admin, f"/admin/livestreams/{session_id}/approve", {"reason": ""})
    assert response.status_code == 302
    row = session_row(app, session_id)
    assert row.status == "approved" and row.decided_at is not None
    assert _audit_codes(app, session_id) == ["livestream.approve"]
    [mail] = mails
    assert mail["to"] == owner.email
    assert "Mận hậu lên sóng" in mail["subject"] and "đã được duyệt" in mail["subject"]
    assert f"/my/stalls/{stall.id}/livestreams" in mail["body"]


def test_reject_needs_a_reason_which_the_owner_reads(app, people, caplog):
    _owner, stall, owner_client, admin = people
    session_id = insert_session(app, stall, future_day())
    response = post_form(admin, f"/admin/livestreams/{session_id}/reject", {"reason": " "})
    assert response.status_code == 422
    assert session_row(app, session_id).status == "pending"
    with captured_mail(caplog) as mails:
        response = post_form(
            admin,
            f"/admin/livestreams/{session_id}/reject",
            {"reason": "Đường dẫn chưa đúng kênh."},
        )
    assert response.status_code == 302
    assert session_row(app, session_id).status == "rejected"
    assert "Đường dẫn chưa đúng kênh." in mails[0]["body"]
    assert _audit_codes(app, session_id) == ["livestream.reject"]
    page = owner_client.get(f"/my/stalls/{stall.id}/livestreams").get_data(as_text=True)
    assert "Đường dẫn chưa đúng kênh." in page


def test_two_admins_deciding_one_wins_the_other_is_told(app, people):
    _owner, stall, _oc, admin = people
    session_id = insert_session(app, stall, future_day())
    assert post_form(admin, f"/admin/livestreams/{session_id}/approve").status_code == 302
    stale = post_form(admin, f"/admin/livestreams/{session_id}/reject", {"reason": "Trùng lịch."})
    assert stale.status_code == 303
    assert stale.headers["Location"].endswith(f"/admin/livestreams/{session_id}")
    assert session_row(app, session_id).status == "approved"
    assert _audit_codes(app, session_id) == ["livestream.approve"]


def test_compare_and_set_lets_only_one_decision_win(app, people, make_user):
    from marketplace.errors import Conflict
    from marketplace.livestreams import booking
    from marketplace.livestreams.models import Livestream

    _owner, stall, _oc, _admin = people
    admin = make_user(is_admin=True)
    session_id = insert_session(app, stall, future_day())
    with app.test_request_context():
        first = db.session.get(Livestream, session_id)
        db.session.expunge(first)
        booking.decide(db.session.get(Livestream, session_id), "approve", admin, None)
        db.session.commit()
        first.status = "pending"  # what the second admin's page still shows
        db.session.add(first)
        with pytest.raises(Conflict):
            booking.decide(first, "reject", admin, "muộn")


def test_only_admins_decide(app, people):
    _owner, stall, owner_client, _admin = people
    session_id = insert_session(app, stall, future_day())
    assert owner_client.get(f"/admin/livestreams/{session_id}").status_code == 403
    assert post_form(owner_client, f"/admin/livestreams/{session_id}/approve").status_code == 403
    assert session_row(app, session_id).status == "pending"


def _edit(client, session_id, data):
    return post_form(client, f"/my/livestreams/{session_id}/edit", data)


def test_title_and_description_edits_keep_the_approval(app, people):
    _owner, stall, owner_client, _admin = people
    day = future_day()
    session_id = insert_session(app, stall, day, title="Livestream mận Bắc Hà", status="approved")
    data = session_data(day, description="Mô tả mới")
    assert _edit(owner_client, session_id, data).status_code == 302
    row = session_row(app, session_id)
    assert (row.status, row.sequence, row.description) == ("approved", 0, "Mô tả mới")
    assert _edit(owner_client, session_id, {**data, "title": "Tên mới"}).status_code == 302
    row = session_row(app, session_id)
    assert (row.status, row.sequence, row.title) == ("approved", 1, "Tên mới")


@pytest.mark.parametrize(
    "change",
    [
        {"starts_time": "19:30", "ends_time": "20:30"},
        {"platform": "youtube", "stream_url": "https://www.youtube.com/live/abc"},
        {"stream_url": "https://www.tiktok.com/@khac/live"},
        {"studio_id": "studio"},
    ],
)
def test_moving_an_approved_session_sends_it_back_to_pending(app, people, change):
    _owner, stall, owner_client, _admin = people
    day = future_day()
    studio = make_studio(app)
    session_id = insert_session(app, stall, day, title="Livestream mận Bắc Hà", status="approved")
    change = {k: (studio if v == "studio" else v) for k, v in change.items()}
    response = _edit(owner_client, session_id, session_data(day, **change))
    assert response.status_code == 302, error_summary(response.get_data(as_text=True))
    row = session_row(app, session_id)
    assert (row.status, row.sequence, row.decided_at) == ("pending", 1, None)


def test_a_rejected_session_edited_is_sent_again_and_can_be_approved(app, people):
    _owner, stall, owner_client, admin = people
    day = future_day()
    session_id = insert_session(
        app, stall, day, title="Livestream mận Bắc Hà", status="rejected", status_reason="Sai link"
    )
    response = _edit(owner_client, session_id, session_data(day, description="Đã sửa link"))
    assert response.status_code == 302
    row = session_row(app, session_id)
    assert (row.status, row.status_reason) == ("pending", None)
    assert post_form(admin, f"/admin/livestreams/{session_id}/approve").status_code == 302
    assert session_row(app, session_id).status == "approved"


def test_a_rejected_session_sent_again_must_find_its_slot_free(app, people):
    _owner, stall, owner_client, _admin = people
    day = future_day()
    session_id = insert_session(app, stall, day, title="Livestream mận Bắc Hà", status="rejected")
    insert_session(app, stall, day, "19:30", "20:30", title="Phiên mới hơn")
    response = _edit(owner_client, session_id, session_data(day))
    assert response.status_code == 422
    assert "Phiên mới hơn" in error_summary(response.get_data(as_text=True))
    assert session_row(app, session_id).status == "rejected"


def test_an_edit_keeps_its_own_slot(app, people):
    _owner, stall, owner_client, _admin = people
    day = future_day()
    session_id = insert_session(app, stall, day, "19:00", "20:00", title="Livestream mận Bắc Hà")
    response = _edit(owner_client, session_id, session_data(day, "19:30", "20:30"))
    assert response.status_code == 302, error_summary(response.get_data(as_text=True))
    assert session_row(app, session_id).starts_at == utc(day, "19:30")


def test_the_edit_form_shows_the_session_in_vietnam_time(app, people):
    _owner, stall, owner_client, _admin = people
    day = future_day()
    session_id = insert_session(app, stall, day, "23:30", "00:30", title="Đêm khuya")
    page = owner_client.get(f"/my/livestreams/{session_id}/edit").get_data(as_text=True)
    assert f'value="{day.isoformat()}"' in page and 'value="23:30"' in page
    assert f'value="{(day + timedelta(days=1)).isoformat()}"' in page and 'value="00:30"' in page


def test_the_owner_cancels_with_a_reason(app, people):
    _owner, stall, owner_client, _admin = people
    session_id = insert_session(app, stall, future_day(), status="approved")
    response = post_form(
        owner_client, f"/my/livestreams/{session_id}/cancel", {"reason": "Mưa bão"}
    )
    assert response.status_code == 302
    row = session_row(app, session_id)
    assert (row.status, row.status_reason, row.sequence) == ("cancelled", "Mưa bão", 1)
    assert row.cancelled_at is not None
    assert _audit_codes(app, session_id) == ["livestream.cancel"]
    # Cancelled: no second cancel, no edit.
    again = post_form(owner_client, f"/my/livestreams/{session_id}/cancel")
    assert again.status_code == 303
    assert owner_client.get(f"/my/livestreams/{session_id}/edit").status_code == 303
    assert session_row(app, session_id).sequence == 1


def test_an_ended_session_cannot_be_edited_cancelled_or_approved(app, people, make_user):
    """A frozen clock: the services take ``now``."""
    from marketplace.errors import Conflict
    from marketplace.livestreams import booking
    from marketplace.livestreams.models import Livestream

    _owner, stall, _oc, _admin = people
    admin = make_user(is_admin=True)
    day = future_day()
    session_id = insert_session(app, stall, day, "19:00", "20:00")
    after = utc(day, "20:00")
    during = utc(day, "19:30")
    with app.test_request_context():
        livestream = db.session.get(Livestream, session_id)
        assert livestream.phase(during) == "live" and livestream.phase(after) == "ended"
        assert booking.can_edit(livestream, during) and not booking.can_edit(livestream, after)
        with pytest.raises(Conflict):
            booking.cancel_session(livestream, by=admin, reason=None, now=after)
        with pytest.raises(Conflict):
            booking.decide(livestream, "approve", admin, None, now=after)
        details = booking.SessionDetails(
            title="x",
            description="",
            platform=livestream.platform,
            stream_url=livestream.stream_url,
            starts_at=livestream.starts_at,
            ends_at=livestream.ends_at,
        )
        with pytest.raises(Conflict):
            booking.update_session(livestream, details, by=admin, now=after)
        # During the session the title may still change (its time did not move).
        booking.update_session(livestream, details, by=admin, now=during)
        assert livestream.title == "x"


def test_the_agenda_shows_the_day_in_vietnam_time_with_studio_use(app, people, make_stall):
    _owner, stall, _oc, admin = people
    day = future_day()
    studio = make_studio(app, name="Nhà văn hoá số Sa Pa")
    insert_session(app, stall, day, "00:15", "01:00", title="Sáng sớm", studio_id=studio)
    insert_session(app, stall, day, "23:30", "00:30", title="Qua nửa đêm")
    insert_session(app, stall, day + timedelta(days=1), "01:00", "02:00", title="Hôm sau")
    insert_session(app, make_stall(name="Gian C"), day, "10:00", "11:00", title="Đã hủy",
                   status="cancelled", studio_id=studio)  # fmt: skip
    page = admin.get(f"/admin/livestreams/agenda?day={day.isoformat()}").get_data(as_text=True)
    assert "Sáng sớm" in page and "Qua nửa đêm" in page and "Đã hủy" in page
    assert "Hôm sau" not in page
    assert "Nhà văn hoá số Sa Pa" in page and "đã đặt 45 phút" in page
    assert f"day={(day + timedelta(days=1)).isoformat()}" in page
    for bad in ("2026-13-01", "abc", "0001-01-01", "9999-12-31"):
        assert admin.get(f"/admin/livestreams/agenda?day={bad}").status_code == 404


class _StackCells(HTMLParser):
    """What each cell of a `table.stack` holds at its top level: on a phone the cell is a
    two-column grid (its label, then its content), so each loose node becomes a grid item."""

    def __init__(self):
        super().__init__()
        self.cells, self.depth = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "td":
            self.cells.append([])
            self.depth = 0
        elif self.depth is not None:
            if self.depth == 0 and tag != "br":
                self.cells[-1].append(tag)
            elif self.depth == 0:
                self.cells[-1].append("br")
            self.depth += tag not in {"br", "input", "img"}

    def handle_endtag(self, tag):
        if tag == "td":
            self.depth = None
        elif self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth == 0 and data.strip():
            self.cells[-1].append("text")


def test_each_agenda_cell_is_one_block_on_a_phone(app, people, make_stall):
    """QA walk at 360 px: "– 03:02" and the platform fell into the label column."""
    _owner, stall, _oc, admin = people
    day = future_day()
    insert_session(app, stall, day, "19:00", "20:00", title="Phiên A", status="approved")
    page = admin.get(f"/admin/livestreams/agenda?day={day.isoformat()}").get_data(as_text=True)
    cells = _StackCells()
    cells.feed(page)
    assert cells.cells
    for nodes in cells.cells:
        assert len(nodes) <= 1 and nodes != ["text"], nodes


def test_the_agenda_flags_overlaps(app, people, make_stall):
    """The booking rules keep overlaps out; if one got in (written around them), it shows."""
    _owner, stall, _oc, admin = people
    day = future_day()
    insert_session(app, stall, day, "19:00", "20:00", title="Phiên A", status="approved")
    try:
        insert_session(app, stall, day, "19:30", "20:30", title="Phiên B")
    except Exception:  # PostgreSQL's exclusion constraint refuses it: nothing to flag
        pytest.skip("the database refuses overlapping slots")
    page = admin.get(f"/admin/livestreams/agenda?day={day.isoformat()}").get_data(as_text=True)
    assert 'class="conflict"' in page and "Trùng giờ với: Phiên B" in page


def test_a_title_edit_during_the_live_keeps_times_with_seconds(app, people):
    """The form shows hours and minutes; a session stored with seconds is not moved by it."""
    _owner, stall, owner_client, _admin = people
    from datetime import UTC, datetime

    from tests.livestreams.booking_world import VIETNAM

    starts = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=10, seconds=17)
    local = starts.astimezone(VIETNAM)
    ends = starts + timedelta(hours=1)
    session_id = insert_session(
        app, stall, local.date(), starts_at=starts, ends_at=ends, status="approved"
    )
    data = session_data(
        local.date(),
        local.strftime("%H:%M"),
        ends.astimezone(VIETNAM).strftime("%H:%M"),
        title="Đang phát: mận giảm giá",
    )
    if ends.astimezone(VIETNAM).date() != local.date():
        data["ends_on"] = ends.astimezone(VIETNAM).date().isoformat()
    response = _edit(owner_client, session_id, data)
    assert response.status_code == 302, error_summary(response.get_data(as_text=True))
    row = session_row(app, session_id)
    assert (row.status, row.starts_at, row.title) == ("approved", starts, data["title"])


def test_an_admin_edit_through_the_owner_page_is_audited(app, people):
    _owner, stall, _oc, admin = people
    day = future_day()
    session_id = insert_session(app, stall, day, title="Livestream mận Bắc Hà")
    response = _edit(admin, session_id, session_data(day, description="Sửa hộ"))
    assert response.status_code == 302
    assert _audit_codes(app, session_id) == ["livestream.admin_edit"]
