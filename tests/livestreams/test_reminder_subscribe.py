"""Reminders ("Nhắc tôi"): who is subscribed at once, who must confirm by mail first, and that
nothing says whether an address was already subscribed. Unsubscribing: a page with one button
(a GET changes nothing) and the RFC 8058 one-click POST."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import render_template_string

from marketplace.livestreams.reminders import send_due
from tests.accounts.mail_capture import captured_mail, link_in
from tests.helpers import post_form
from tests.livestreams.reminder_helpers import (
    add_subscriber,
    make_livestream,
    now_utc,
    subscriptions,
)


@pytest.fixture
def livestream_id(app, make_stall):
    return make_livestream(app, make_stall(), starts_in=timedelta(minutes=20))


def _remind(client, livestream_id, email=None, **extra):
    data = {"next": "/somewhere", **extra}
    if email is not None:
        data["email"] = email
    return post_form(client, f"/livestreams/{livestream_id}/remind", data)


def _send(app, **kwargs):
    with app.app_context():
        return send_due(**kwargs)


def test_a_guest_confirms_by_mail_before_anything_else_is_sent(app, client, livestream_id, caplog):
    with captured_mail(caplog) as mails:
        response = _remind(client, livestream_id, " Lan@Example.VN ")
    assert response.status_code == 302
    assert response.headers["Location"] == "/somewhere"
    [mail] = mails
    assert mail["to"] == "lan@example.vn"
    assert "Mận Bắc Hà chín sớm" in mail["subject"]
    [subscription] = subscriptions(app, livestream_id)
    assert subscription.confirmed_at is None

    with captured_mail(caplog) as mails:
        assert _send(app).reminders == 0  # not confirmed: nothing is sent
    assert mails == []

    link = link_in(mail, "/confirm")
    page = client.get(link)  # a mail scanner opening the link confirms nothing
    assert page.status_code == 200
    assert "lan@example.vn" in page.get_data(as_text=True)
    assert subscriptions(app, livestream_id)[0].confirmed_at is None
    response = post_form(client, link)
    assert response.status_code == 302
    assert subscriptions(app, livestream_id)[0].confirmed_at is not None

    with captured_mail(caplog) as mails:
        assert _send(app).reminders == 1
    assert [m["to"] for m in mails] == ["lan@example.vn"]


def test_the_answer_is_the_same_whether_or_not_the_address_was_subscribed(
    app, livestream_id, caplog
):
    add_subscriber(app, livestream_id, "da-co@example.vn")
    answers = []
    with captured_mail(caplog) as mails:
        for email in ("da-co@example.vn", "moi@example.vn"):
            client = app.test_client()
            response = _remind(client, livestream_id, email, next="")
            page = client.get(response.headers["Location"]).get_data(as_text=True)
            answers.append((response.status_code, response.headers["Location"], "flash" in page))
    assert answers[0] == answers[1]
    # The subscribed address is told so by mail (with a way out); the new one gets its link.
    by_address = {m["to"]: m for m in mails}
    assert "/unsubscribe" in by_address["da-co@example.vn"]["body"]
    assert "/confirm" in by_address["moi@example.vn"]["body"]
    assert len(subscriptions(app, livestream_id)) == 2


def test_pressing_twice_keeps_one_subscription(app, client, livestream_id):
    for _ in range(2):
        assert _remind(client, livestream_id, "lan@example.vn").status_code == 302
    assert len(subscriptions(app, livestream_id)) == 1


def test_a_confirmed_account_is_subscribed_at_once_without_mail(
    app, client, make_user, log_in, livestream_id, caplog
):
    user = make_user(email="quan@example.vn", preferred_language="en")
    log_in(client, user)
    with captured_mail(caplog) as mails:
        assert _remind(client, livestream_id).status_code == 302
        assert _remind(client, livestream_id).status_code == 302
    assert mails == []
    [subscription] = subscriptions(app, livestream_id)
    assert (subscription.email, subscription.user_id, subscription.locale) == (
        "quan@example.vn",
        user.id,
        "en",
    )
    assert subscription.confirmed_at is not None


def test_an_account_whose_email_is_not_confirmed_gets_the_link_first(
    app, client, make_user, log_in, livestream_id, caplog
):
    user = make_user(email="chua@example.vn", verified=False)
    log_in(client, user)
    with captured_mail(caplog) as mails:
        assert _remind(client, livestream_id).status_code == 302
    [mail] = mails
    assert mail["to"] == "chua@example.vn" and "/confirm" in mail["body"]
    [subscription] = subscriptions(app, livestream_id)
    # Not tied to an account that has not proven the address (its page would show the token).
    assert subscription.confirmed_at is None and subscription.user_id is None


def test_the_partial_shows_the_button_then_the_reminder_that_is_on(
    app, client, make_user, log_in, livestream_id
):
    from marketplace.extensions import db
    from marketplace.livestreams.models import Livestream

    user = make_user()

    def partial(logged_in: bool) -> str:
        with app.test_request_context("/livestreams/1"):
            from flask_login import login_user

            if logged_in:
                from marketplace.accounts.models import User

                login_user(db.session.get(User, user.id))
            livestream = db.session.get(Livestream, livestream_id)
            return render_template_string(
                '{% include "livestreams/_remind.html" %}', livestream=livestream
            )

    guest = partial(logged_in=False)
    assert 'name="email"' in guest and 'name="csrf_token"' in guest
    assert f"/livestreams/{livestream_id}/calendar.ics" in guest
    before = partial(logged_in=True)
    remind_url = f"/livestreams/{livestream_id}/remind"
    assert 'name="email"' not in before and remind_url in before
    log_in(client, user)
    _remind(client, livestream_id)
    after = partial(logged_in=True)
    assert user.email in after and "/unsubscribe" in after and remind_url not in after


@pytest.mark.parametrize(
    ("status", "starts_in", "expected"),
    [
        ("pending", timedelta(hours=1), 404),
        ("rejected", timedelta(hours=1), 404),
        ("cancelled", timedelta(hours=1), 404),
        ("approved", timedelta(hours=-2), 422),  # ended an hour ago
        ("approved", timedelta(minutes=-5), 422),  # live now: "30 minutes before" is past
    ],
)
def test_only_approved_sessions_that_have_not_started_take_reminders(
    app, client, make_stall, status, starts_in, expected
):
    livestream_id = make_livestream(app, make_stall(), status=status, starts_in=starts_in)
    response = _remind(client, livestream_id, "lan@example.vn")
    assert response.status_code == expected
    if expected == 422:
        assert "đã bắt đầu hoặc đã kết thúc" in response.get_data(as_text=True)
    assert subscriptions(app, livestream_id) == []


def test_a_live_session_page_offers_no_reminder(app, client, make_stall):
    """QA walk: a shopper on a live session was offered "Nhắc tôi — one email 30 minutes
    before it starts" and mailed a confirmation for a start already past."""
    livestream_id = make_livestream(app, make_stall(), starts_in=timedelta(minutes=-5))
    page = client.get(f"/livestreams/{livestream_id}").get_data(as_text=True)
    assert f"/livestreams/{livestream_id}/remind" not in page
    assert "đã bắt đầu" in client.get(f"/livestreams/{livestream_id}/remind").get_data(as_text=True)


def test_bad_input_gets_a_clear_error(app, client, livestream_id):
    assert _remind(client, 2**31 - 1, "lan@example.vn").status_code == 404
    for bad in ("", "not-an-email@", "a" * 300 + "@example.vn"):
        response = _remind(client, livestream_id, bad)
        assert response.status_code == 422, bad
        assert 'class="error"' in response.get_data(as_text=True)
    assert subscriptions(app, livestream_id) == []
    no_csrf = client.post(f"/livestreams/{livestream_id}/remind", data={"email": "a@example.vn"})
    assert no_csrf.status_code == 400
    assert client.get(f"/livestreams/{livestream_id}/remind").status_code == 200


def test_mail_sending_presses_are_rate_limited_per_address(make_app, make_stall):
    app = make_app(LIVESTREAM_REMIND_EMAIL_RATE_LIMIT="2 per hour")
    livestream_id = make_livestream(app, make_stall())
    codes = [
        _remind(app.test_client(), livestream_id, "nan-nhan@example.vn").status_code
        for _ in range(3)
    ]
    assert codes == [302, 302, 429]
    # Typing mistakes cost nothing, and another address is counted apart.
    assert _remind(app.test_client(), livestream_id, "x@").status_code == 422
    assert _remind(app.test_client(), livestream_id, "khac@example.vn").status_code == 302


def test_unsubscribe_page_then_button(app, client, livestream_id):
    token = add_subscriber(app, livestream_id, "lan@example.vn")
    for _ in range(2):  # once the first visits have set the session cookie, pages set none
        client.get("/")
    page = client.get(f"/livestreams/reminders/{token}/unsubscribe")
    assert page.status_code == 200 and "lan@example.vn" in page.get_data(as_text=True)
    assert page.headers["Cache-Control"] == "no-store"  # an address, behind a capability link
    assert subscriptions(app, livestream_id)[0].unsubscribed_at is None
    response = post_form(client, f"/livestreams/reminders/{token}/unsubscribe")
    assert response.status_code == 302
    assert subscriptions(app, livestream_id)[0].unsubscribed_at is not None
    with app.app_context():
        assert send_due().reminders == 0


def test_one_click_unsubscribe_needs_no_cookie_but_the_rfc_8058_body(app, livestream_id):
    token = add_subscriber(app, livestream_id, "lan@example.vn")
    mail_client = app.test_client()  # no session, no CSRF token: what a mail client sends
    url = f"/livestreams/reminders/{token}/one-click"
    assert mail_client.post(url, data={"something": "else"}).status_code == 400
    assert mail_client.post(url, data=b"[]", content_type="application/json").status_code == 400
    assert subscriptions(app, livestream_id)[0].unsubscribed_at is None
    response = mail_client.post(url, data={"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200 and response.get_json() == {"unsubscribed": True}
    assert subscriptions(app, livestream_id)[0].unsubscribed_at is not None
    assert mail_client.post(url, data={"List-Unsubscribe": "One-Click"}).status_code == 200


@pytest.mark.parametrize("token", ["x" * 43, "short", "ệ" * 43, "a" * 500])
def test_unknown_links_are_404(client, token):
    assert client.get(f"/livestreams/reminders/{token}/confirm").status_code == 404
    assert client.get(f"/livestreams/reminders/{token}/unsubscribe").status_code == 404
    one_click = client.post(
        f"/livestreams/reminders/{token}/one-click", data={"List-Unsubscribe": "One-Click"}
    )
    assert one_click.status_code == 404 and one_click.is_json


def test_a_confirm_link_after_the_end_says_so(app, client, make_stall, caplog):
    livestream_id = make_livestream(app, make_stall(), starts_in=timedelta(minutes=5))
    with captured_mail(caplog) as mails:
        _remind(client, livestream_id, "tre@example.vn")
    from tests.livestreams.reminder_helpers import change_livestream

    change_livestream(
        app, livestream_id, bump=False, starts_at=now_utc() - timedelta(hours=2),
        ends_at=now_utc() - timedelta(hours=1),
    )  # fmt: skip
    response = post_form(client, link_in(mails[0], "/confirm"))
    assert response.status_code == 422
    assert subscriptions(app, livestream_id)[0].confirmed_at is None


def test_reminder_links_are_kept_out_of_the_logs():
    from marketplace.request_log import loggable_path

    token = "A" * 43
    assert loggable_path(f"/livestreams/reminders/{token}/unsubscribe") == (
        "/livestreams/reminders/<redacted>/unsubscribe"
    )
