"""Reminders: "Nhắc tôi", the mails `flask livestreams send-reminders` sends, unsubscribing.

Who is reminded. A logged-in user whose email is confirmed is subscribed at once; anyone else
(and an account whose email is not confirmed yet) gets a mail with a link, and nothing else is
sent to that address for the session until the link is followed. Pressing again changes
nothing, and the answer never says whether an address was already subscribed: its owner gets a
mail saying so instead (as sign-up does). Only approved sessions that have not ended take
subscriptions.

Exactly once. Every mail is claimed before it is sent by a conditional UPDATE, committed at
once, so that two overlapping runs never send the same mail twice (one wins each row):

- a reminder: ``SET reminded_at = now WHERE id = :id AND reminded_at IS NULL`` and the session
  still approved at the ``sequence`` the mail was written for;
- a change note: ``SET notified_sequence = :seq WHERE id = :id AND notified_sequence < :seq``.

A crash between that commit and the send loses that one mail: at most once, never twice.

When. A reminder goes to each confirmed subscriber of an approved session from ``minutes``
before its start until its end: when cron was down at the right minute, a late reminder
("live now") is better than none; after the end nothing is sent. The booking part bumps
``Livestream.sequence`` on every change a subscriber must learn (time, platform, link, studio,
cancellation); each change is told once, when the session is approved again (a moved session
waits for re-approval) or cancelled or rejected, and only before its end. A note sent more than
``minutes`` before the (new) start re-arms the reminder (``reminded_at`` cleared: the reminder
comes again before the new time); a note inside that window stands for the reminder (it gives
the time and the link).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, exists, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from marketplace.accounts.models import User
from marketplace.config import setting
from marketplace.db import utcnow
from marketplace.errors import DomainError, NotFound
from marketplace.extensions import db
from marketplace.livestreams.models import Livestream, LivestreamStatus, LivestreamSubscription
from marketplace.mail import Mail, deliver, render_mail, send_after_commit
from marketplace.stalls.models import Stall, StallStatus

Subscription = LivestreamSubscription
# secrets.token_urlsafe(32) is 43 characters; anything else is not one of ours.
_TOKEN_LENGTH = 43
_TOKEN_CHARACTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
# A session that is told it was cancelled or rejected.
_CALLED_OFF = (LivestreamStatus.CANCELLED, LivestreamStatus.REJECTED)


# --- Links -----------------------------------------------------------------------------------


def public_url(endpoint: str, **values) -> str:
    """An absolute link on ``PUBLIC_BASE_URL`` (never the Host header), also from the CLI."""
    base = urlsplit(setting("PUBLIC_BASE_URL"))
    adapter = current_app.url_map.bind(
        base.netloc, script_name=base.path or "/", url_scheme=base.scheme or "http"
    )
    return adapter.build(endpoint, values, force_external=True)


def session_page_endpoint() -> str:
    """The session page (``livestreams.show``, the shoppers' part); while it is not registered,
    the session's reminder page, which shows its time and link."""
    if "livestreams.show" in current_app.view_functions:
        return "livestreams.show"
    return "livestreams.remind_page"


def session_page_url(livestream_id: int) -> str:
    return public_url(session_page_endpoint(), livestream_id=livestream_id)


# --- Subscribing -----------------------------------------------------------------------------


def accepts_reminders(livestream: Livestream, now: datetime) -> bool:
    """A confirmation link still works until the session ends."""
    return livestream.status == LivestreamStatus.APPROVED and now < livestream.ends_at


def takes_new_reminders(livestream: Livestream, now: datetime) -> bool:
    """Offered until the start: after it, a reminder N minutes before the start is past."""
    return livestream.status == LivestreamStatus.APPROVED and now < livestream.starts_at


def public_livestream(livestream_id: int) -> Livestream:
    """An approved session of an open stall, or NotFound (pending, rejected or unknown)."""
    livestream = db.session.scalar(
        select(Livestream)
        .join(Livestream.stall)
        .where(
            Livestream.id == livestream_id,
            Livestream.status == LivestreamStatus.APPROVED,
            Stall.status == StallStatus.APPROVED,
        )
        .options(joinedload(Livestream.stall))
    )
    if livestream is None:
        raise NotFound(_l("This livestream does not exist or is not public."))
    return livestream


def normalise_email(raw: str | None) -> str:
    return (raw or "").strip().lower()


def _is_on(subscription: Subscription) -> bool:
    return subscription.confirmed_at is not None and subscription.unsubscribed_at is None


def _turn_on(subscription: Subscription, livestream: Livestream, now: datetime) -> None:
    subscription.confirmed_at = subscription.confirmed_at or now
    subscription.unsubscribed_at = None
    # Changes made before this moment are on the page they saw: only later ones are told.
    subscription.notified_sequence = livestream.sequence


def _subscription(livestream: Livestream, email: str, locale: str) -> Subscription:
    """The row for (session, email), created if missing (a racing twin press finds the other's)."""
    query = select(Subscription).where(
        Subscription.livestream_id == livestream.id, Subscription.email == email
    )
    found = db.session.scalar(query)
    if found is not None:
        return found
    subscription = Subscription(
        livestream_id=livestream.id,
        email=email,
        locale=locale,
        token=secrets.token_urlsafe(32),
        notified_sequence=livestream.sequence,
    )
    try:
        with db.session.begin_nested():
            db.session.add(subscription)
    except IntegrityError:
        found = db.session.scalar(query)
        if found is None:
            raise
        return found
    return subscription


def subscribe(
    livestream_id: int,
    *,
    user: User | None,
    email: str | None,
    locale: str,
    now: datetime | None = None,
) -> bool:
    """Ask for a reminder. True: it is on now (a confirmed account); False: a mail went to the
    address (a link to confirm, or a note that it was already on) — the caller can't tell which.
    """
    now = now or utcnow()
    livestream = public_livestream(livestream_id)
    if not takes_new_reminders(livestream, now):
        raise DomainError(_l("This livestream has started or ended: it takes no more reminders."))
    if user is not None:
        email, locale = user.email, user.preferred_language or locale
    email = normalise_email(email)
    if not email:
        raise DomainError(_l("Enter your email address."), field="email")
    subscription = _subscription(livestream, email, locale)
    if user is not None and user.email_verified:
        # Only a proven address is tied to the account (whose page then shows its reminder).
        subscription.user_id = subscription.user_id or user.id
        if not _is_on(subscription):
            _turn_on(subscription, livestream, now)
        db.session.flush()
        return True
    template = "livestream_remind_already" if _is_on(subscription) else "livestream_remind_confirm"
    send_after_commit(_mail(template, subscription, livestream))
    db.session.flush()
    return False


def subscription_by_token(token: str) -> Subscription:
    if len(token) != _TOKEN_LENGTH or not set(token) <= _TOKEN_CHARACTERS:
        raise NotFound(_l("This link does not work."))
    subscription = db.session.scalar(
        select(Subscription)
        .where(Subscription.token == token)
        .options(joinedload(Subscription.livestream).joinedload(Livestream.stall))
    )
    if subscription is None:
        raise NotFound(_l("This link does not work."))
    return subscription


def confirm(token: str, now: datetime | None = None) -> Subscription:
    """Follow the mailed link: reminders for this address and session are on."""
    now = now or utcnow()
    subscription = subscription_by_token(token)
    if not accepts_reminders(subscription.livestream, now):
        raise DomainError(_l("This livestream has ended or was called off: nothing to remind."))
    if not _is_on(subscription):
        _turn_on(subscription, subscription.livestream, now)
        db.session.flush()
    return subscription


def unsubscribe(token: str, now: datetime | None = None) -> Subscription:
    """No more mail about this session to this address (idempotent)."""
    subscription = subscription_by_token(token)
    if subscription.unsubscribed_at is None:
        subscription.unsubscribed_at = now or utcnow()
        db.session.flush()
    return subscription


def active_subscription(user_id: int, livestream_id: int) -> Subscription | None:
    """The logged-in user's reminder for a session, when it is on (for the "Nhắc tôi" block)."""
    return db.session.scalar(
        select(Subscription).where(
            Subscription.livestream_id == livestream_id,
            Subscription.user_id == user_id,
            Subscription.confirmed_at.is_not(None),
            Subscription.unsubscribed_at.is_(None),
        )
    )


# --- Sending (the cron job) ------------------------------------------------------------------


def _mail(template: str, subscription: Subscription, livestream: Livestream, **context) -> Mail:
    mail = render_mail(
        template,
        to=subscription.email,
        locale=subscription.locale,
        livestream=livestream,
        page_url=session_page_url(livestream.id),
        confirm_url=public_url("livestreams.confirm_reminder", token=subscription.token),
        unsubscribe_url=public_url("livestreams.unsubscribe", token=subscription.token),
        **context,
    )
    if template == "livestream_remind_confirm":
        return mail
    # RFC 8058: mail clients show an "Unsubscribe" button that POSTs to this address.
    one_click = public_url("livestreams.one_click_unsubscribe", token=subscription.token)
    return replace(
        mail,
        headers=(
            ("List-Unsubscribe", f"<{one_click}>"),
            ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
        ),
    )


@dataclass
class Sent:
    notes: int = 0
    reminders: int = 0
    forgotten: int = 0  # unconfirmed addresses deleted


# How long an address that nobody confirmed is kept (it may not be the typist's own).
UNCONFIRMED_KEPT = timedelta(days=2)


def forget_unconfirmed(now: datetime) -> int:
    """Delete the email subscriptions never confirmed within UNCONFIRMED_KEPT, or whose session
    has ended (nothing would ever be sent to them). Accounts' subscriptions need no link."""
    ended = select(Livestream.id).where(Livestream.ends_at <= now)
    result = db.session.execute(
        delete(Subscription)
        .where(Subscription.confirmed_at.is_(None), Subscription.user_id.is_(None))
        .where(
            or_(
                Subscription.created_at < now - UNCONFIRMED_KEPT,
                Subscription.livestream_id.in_(ended),
            )
        )
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return result.rowcount


def _listening():
    """Subscribers who confirmed and did not unsubscribe."""
    return (
        select(Subscription)
        .join(Subscription.livestream)
        .where(Subscription.confirmed_at.is_not(None), Subscription.unsubscribed_at.is_(None))
        .options(joinedload(Subscription.livestream).joinedload(Livestream.stall))
        .order_by(Livestream.starts_at, Subscription.id)
    )


def _read(query) -> list[Subscription]:
    """The rows, detached (their session as read), and the transaction ended: claims and mail
    then run without holding it (on SQLite every transaction holds the write lock, which an
    overlapping run would wait for)."""
    subscriptions = list(db.session.scalars(query))
    db.session.expunge_all()
    db.session.commit()
    return subscriptions


def _as_read(livestream: Livestream):
    """The session is still as it was read (and as the mail will describe it)."""
    return exists().where(
        Livestream.id == livestream.id,
        Livestream.sequence == livestream.sequence,
        Livestream.status == livestream.status,
    )


def _claim(subscription: Subscription, *conditions, **values) -> bool:
    """One conditional UPDATE, committed at once: True if this run won the row."""
    result = db.session.execute(
        update(Subscription)
        .where(Subscription.id == subscription.id, Subscription.unsubscribed_at.is_(None))
        .where(_as_read(subscription.livestream), *conditions)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return result.rowcount == 1


def _send_notes(now: datetime, window: timedelta) -> int:
    sent = 0
    for subscription in _read(
        _listening().where(
            Subscription.notified_sequence < Livestream.sequence,
            Livestream.status.in_([LivestreamStatus.APPROVED, *_CALLED_OFF]),
            Livestream.ends_at > now,
        )
    ):
        livestream = subscription.livestream
        values: dict = {"notified_sequence": livestream.sequence}
        if livestream.status == LivestreamStatus.APPROVED:
            # Far from the (new) start: remind again then. Close to it: this note is the reminder.
            values["reminded_at"] = None if livestream.starts_at > now + window else now
        won = _claim(subscription, Subscription.notified_sequence < livestream.sequence, **values)
        if won and deliver(_mail("livestream_changed", subscription, livestream)):
            sent += 1
    return sent


def _send_reminders(now: datetime, window: timedelta) -> int:
    sent = 0
    for subscription in _read(
        _listening()
        .join(Livestream.stall)
        .where(
            Subscription.reminded_at.is_(None),
            Livestream.status == LivestreamStatus.APPROVED,
            Stall.status == StallStatus.APPROVED,
            Livestream.starts_at <= now + window,
            Livestream.ends_at > now,
        )
    ):
        livestream = subscription.livestream
        won = _claim(subscription, Subscription.reminded_at.is_(None), reminded_at=now)
        live_now = now >= livestream.starts_at
        mail = won and _mail("livestream_reminder", subscription, livestream, live_now=live_now)
        if mail and deliver(mail):
            sent += 1
    return sent


def send_due(now: datetime | None = None, minutes: int | None = None) -> Sent:
    """Send what is due now: change notes first, then reminders; each mail at most once.

    What is due is read first; then each row is claimed (committed) and, if this run won it,
    its mail is written from the session as read — the claim checked it is still so — and sent.
    """
    now = now or utcnow()
    if minutes is None:
        minutes = setting("LIVESTREAM_REMINDER_MINUTES")
    window = timedelta(minutes=minutes)
    notes = _send_notes(now, window)
    reminders = _send_reminders(now, window)
    return Sent(notes=notes, reminders=reminders, forgotten=forget_unconfirmed(now))
