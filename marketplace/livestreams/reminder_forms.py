"""The "Nhắc tôi" forms (reminders). Kept apart from the booking forms (``forms.py``)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, HiddenField
from wtforms.validators import DataRequired, Email, Length

from marketplace.forms import Form


def _strip(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


class RemindMeForm(Form):
    """A logged-in user's button: the reminder goes to their account's email."""

    next = HiddenField()


class RemindForm(RemindMeForm):
    """Anyone else gives an email address, confirmed by a link before anything else is sent."""

    email = EmailField(
        _l("Your email"),
        filters=[_strip],
        validators=[
            DataRequired(message=_l("Enter your email address.")),
            Length(max=254),
            Email(message=_l("Enter a valid email address."), check_deliverability=False),
        ],
        description=_l("We send one mail before the livestream starts, and nothing else."),
    )


class ReminderLinkForm(Form):
    """The one button of the confirm and unsubscribe pages (a GET never changes anything:
    mail scanners open links)."""

    next = HiddenField()
