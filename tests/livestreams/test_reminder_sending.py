"""`flask livestreams send-reminders`: each subscriber gets exactly one reminder, N minutes before
the start (late rather than never while the session is on), one note per change or
cancellation, and never a mail twice, even when two runs overlap (real SMTP server)."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest

from marketplace.livestreams.reminders import send_due
from tests.accounts.mail_capture import captured_mail
from tests.livestreams.reminder_helpers import (
    add_subscriber,
    change_livestream,
    make_livestream,
    now_utc,
    subscriptions,
)
from tests.mail.smtp_server import smtp_server  # noqa: F401  (the loopback SMTP fixture)


def _run(app, now=None, minutes=None):
    with app.app_context():
        return send_due(now=now, minutes=minutes)


def test_one_reminder_inside_the_window_and_never_a_second(app, make_stall, caplog):
    start = now_utc() + timedelta(hours=2)
    livestream_id = make_livestream(app, make_stall(), starts_at=start)
    add_subscriber(app, livestream_id, "lan@example.vn")
    with captured_mail(caplog) as mails:
        assert _run(app, now=start - timedelta(minutes=31)).reminders == 0
        assert _run(app, now=start - timedelta(minutes=30)).reminders == 1
        assert _run(app, now=start - timedelta(minutes=29)).reminders == 0
        assert _run(app, now=start + timedelta(minutes=1)).reminders == 0
    [mail] = mails
    assert mail["to"] == "lan@example.vn"
    assert "Mận Bắc Hà chín sớm" in mail["subject"]
    assert "https://www.facebook.com/chophien/live" in mail["body"]
    assert "/unsubscribe" in mail["body"]
    assert subscriptions(app, livestream_id)[0].reminded_at is not None


def test_the_time_is_vietnam_time_around_midnight_in_the_subscribers_language(
    app, make_stall, caplog
):
    from datetime import UTC, datetime

    # 00:15 on 1 January 2027 in Vietnam is 17:15 UTC on 31 December 2026.
    start = datetime(2026, 12, 31, 17, 15, tzinfo=UTC)
    livestream_id = make_livestream(app, make_stall(), starts_at=start)
    add_subscriber(app, livestream_id, "vi@example.vn", locale="vi")
    add_subscriber(app, livestream_id, "en@example.vn", locale="en")
    with captured_mail(caplog) as mails:
        _run(app, now=start - timedelta(minutes=10))
    by_address = {m["to"]: m for m in mails}
    assert "00:15" in by_address["vi@example.vn"]["subject"]
    assert "00:15 1/1/2027" in by_address["vi@example.vn"]["body"]
    assert (
        "Bắt đầu" in by_address["vi@example.vn"]["subject"]
        or "Lúc" in (by_address["vi@example.vn"]["subject"])
    )
    assert "starts at" in by_address["en@example.vn"]["body"]
    assert "1/1/2027" in by_address["en@example.vn"]["body"]


def test_minutes_come_from_the_option_or_the_setting(make_app, make_stall, caplog):
    app = make_app(LIVESTREAM_REMINDER_MINUTES=90)
    livestream_id = make_livestream(app, make_stall(), starts_in=timedelta(minutes=80))
    add_subscriber(app, livestream_id, "lan@example.vn")
    runner = app.test_cli_runner()
    result = runner.invoke(args=["livestreams", "send-reminders", "--minutes", "30"])
    assert result.exit_code == 0, result.output
    assert "sent 0 reminders" in result.output
    result = runner.invoke(args=["livestreams", "send-reminders"])
    assert "sent 1 reminders" in result.output
    for bad in ("0", "abc", "-5"):
        result = runner.invoke(args=["livestreams", "send-reminders", "--minutes", bad])
        assert result.exit_code == 2


def test_after_cron_was_down_a_live_session_still_gets_a_late_reminder_not_an_ended_one(
    app, make_stall, caplog
):
    stall = make_stall()
    live = make_livestream(app, stall, starts_in=timedelta(minutes=-10))
    ended = make_livestream(app, stall, starts_in=timedelta(hours=-3), title="Đã xong")
    add_subscriber(app, live, "lan@example.vn")
    add_subscriber(app, ended, "lan@example.vn")
    with captured_mail(caplog) as mails:
        assert _run(app).reminders == 1
    [mail] = mails
    assert "Mận Bắc Hà chín sớm" in mail["subject"]
    assert "Đang phát" in mail["subject"]


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ({"confirmed_at": None}, "approved"),
        ({"unsubscribed_at": now_utc()}, "approved"),
        ({}, "pending"),
        ({}, "cancelled"),
        ({}, "rejected"),
    ],
)
def test_nothing_for_unconfirmed_unsubscribed_or_sessions_not_approved(
    app, make_stall, who, status, caplog
):
    livestream_id = make_livestream(
        app, make_stall(), starts_in=timedelta(minutes=10), status=status
    )
    add_subscriber(app, livestream_id, "lan@example.vn", **who)
    with captured_mail(caplog) as mails:
        assert _run(app).reminders == 0
    assert mails == []


def test_a_moved_session_is_told_once_and_reminded_again_before_the_new_time(
    app, make_stall, caplog
):
    start = now_utc() + timedelta(minutes=20)
    livestream_id = make_livestream(app, make_stall(), starts_at=start)
    add_subscriber(app, livestream_id, "lan@example.vn")
    with captured_mail(caplog) as mails:
        assert _run(app).reminders == 1
    new_start = start + timedelta(hours=5)
    # Moved: the booking part bumps the sequence, the session waits for approval again...
    change_livestream(
        app, livestream_id, status="pending", starts_at=new_start,
        ends_at=new_start + timedelta(hours=1),
    )  # fmt: skip
    with captured_mail(caplog) as mails:
        assert (_run(app).notes, _run(app).reminders) == (0, 0)
    # ...and is told when it is approved again: once, with the new time (Vietnam time).
    change_livestream(app, livestream_id, bump=False, status="approved")
    with captured_mail(caplog) as mails:
        sent = _run(app)
        again = _run(app)
    assert (sent.notes, sent.reminders, again.notes, again.reminders) == (1, 0, 0, 0)
    [note] = mails
    with app.test_request_context():
        from marketplace.i18n import format_local_datetime

        assert format_local_datetime(new_start) in note["body"]
    assert subscriptions(app, livestream_id)[0].reminded_at is None  # re-armed
    with captured_mail(caplog) as mails:
        assert _run(app, now=new_start - timedelta(minutes=25)).reminders == 1
        assert _run(app, now=new_start - timedelta(minutes=20)).reminders == 0
    assert len(mails) == 1


def test_a_change_close_to_the_start_is_one_note_that_stands_for_the_reminder(
    app, make_stall, caplog
):
    livestream_id = make_livestream(app, make_stall(), starts_in=timedelta(minutes=15))
    add_subscriber(app, livestream_id, "lan@example.vn")
    change_livestream(app, livestream_id, stream_url="https://www.facebook.com/chophien/live2")
    with captured_mail(caplog) as mails:
        sent = _run(app)
        again = _run(app)
    assert (sent.notes, sent.reminders, again.notes, again.reminders) == (1, 0, 0, 0)
    assert "https://www.facebook.com/chophien/live2" in mails[0]["body"]


def test_a_cancellation_is_told_once_and_nothing_after(app, make_stall, caplog):
    livestream_id = make_livestream(app, make_stall(), starts_in=timedelta(hours=3))
    add_subscriber(app, livestream_id, "lan@example.vn")
    add_subscriber(app, livestream_id, "bo@example.vn", unsubscribed_at=now_utc())
    change_livestream(app, livestream_id, status="cancelled", status_reason="Mất điện cả xã")
    with captured_mail(caplog) as mails:
        sent = _run(app)
        again = _run(app, now=now_utc() + timedelta(hours=2, minutes=50))
    assert (sent.notes, again.notes, again.reminders) == (1, 0, 0)
    [note] = mails
    assert note["to"] == "lan@example.vn"
    assert "Mất điện cả xã" in note["body"]
    assert note["subject"].startswith("Đã hủy")


def test_a_subscriber_is_not_told_of_changes_made_before_they_subscribed(
    app, client, make_stall, caplog
):
    livestream_id = make_livestream(app, make_stall(), starts_in=timedelta(hours=3))
    change_livestream(app, livestream_id, title="Đổi tên trước")
    change_livestream(app, livestream_id, title="Đổi tên lần nữa")
    add_subscriber(app, livestream_id, "lan@example.vn")
    with captured_mail(caplog) as mails:
        assert _run(app).notes == 0
    assert mails == []


def test_two_overlapping_runs_send_each_reminder_exactly_once(
    make_app,
    make_stall,
    smtp_server,  # noqa: F811
):
    server = smtp_server()
    app = make_app(**server.config())
    stall = make_stall()
    soon = make_livestream(app, stall, starts_in=timedelta(minutes=10))
    moved = make_livestream(app, stall, starts_in=timedelta(hours=4), title="Phiên dời giờ")
    addresses = [f"nguoi{n}@example.vn" for n in range(25)]
    for address in addresses:
        add_subscriber(app, soon, address)
        add_subscriber(app, moved, address)
    new_start = now_utc() + timedelta(hours=6)
    change_livestream(app, moved, starts_at=new_start, ends_at=new_start + timedelta(hours=1))
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            with app.app_context():
                barrier.wait()
                send_due()
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    received = sorted(
        (m.rcpt_tos[0], str(m.message["Subject"]).startswith("Đã thay đổi"))
        for m in server.messages
    )
    assert len(received) == 50
    assert received == sorted([(a, False) for a in addresses] + [(a, True) for a in addresses])
    # Each message carries RFC 8058's one-click unsubscribe, which works without a session.
    message = server.messages[0].message
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    one_click = message["List-Unsubscribe"].strip("<>")
    assert one_click.startswith(app.config["PUBLIC_BASE_URL"])
    path = "/" + one_click.split("://", 1)[1].split("/", 1)[1]
    response = app.test_client().post(path, data={"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200


def test_unconfirmed_addresses_are_forgotten_after_two_days_or_once_the_session_ended(
    app, make_stall
):
    """An address nobody confirmed is not kept: it may not even be the typist's."""
    start = now_utc() + timedelta(days=5)
    later = make_livestream(app, make_stall(), starts_at=start)
    stale = now_utc() - timedelta(days=2, minutes=1)
    add_subscriber(app, later, "old@example.vn", confirmed_at=None, created_at=stale)
    add_subscriber(app, later, "new@example.vn", confirmed_at=None)
    add_subscriber(app, later, "kept@example.vn", created_at=stale)  # confirmed: stays
    ended = make_livestream(app, make_stall(name="Chè Shan tuyết"), starts_in=-timedelta(hours=3))
    add_subscriber(app, ended, "late@example.vn", confirmed_at=None)

    assert _run(app).forgotten == 2
    assert [s.email for s in subscriptions(app, later)] == ["new@example.vn", "kept@example.vn"]
    assert subscriptions(app, ended) == []
    assert _run(app).forgotten == 0
