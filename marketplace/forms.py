"""Helpers shared by every feature's forms and views."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from typing import Any, TypeVar
from urllib.parse import urlsplit

from flask import render_template
from flask_babel import get_translations, gettext, ngettext
from flask_wtf import FlaskForm
from wtforms import Field
from wtforms.validators import ValidationError
from wtforms.widgets import TextInput

from marketplace.errors import DomainError
from marketplace.i18n import format_vnd

T = TypeVar("T")

# Status for a form re-rendered with errors: not a success, so nothing is committed.
FORM_ERROR_STATUS = 422


def add_domain_error(form: FlaskForm, error: DomainError) -> None:
    """Show a service's error beside its field, or above the form when it names none."""
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = [*field.errors, error.message]
    else:
        form.form_errors.append(error.message)


def safe_next_url(target: str | None, default: str) -> str:
    """Only same-site paths: ``/orders`` yes, ``//evil.example`` or ``https://...`` no."""
    if not target:
        return default
    parts = urlsplit(target)
    if (
        parts.scheme
        or parts.netloc
        or not target.startswith("/")
        or target.startswith(("//", "/\\"))
    ):
        return default
    return target


def render_form(template: str, form: FlaskForm, **context):
    """Render a form page: 200 when shown, 422 when a submission is sent back with errors."""
    status = FORM_ERROR_STATUS if form.is_submitted() else 200
    return render_template(template, form=form, **context), status


def parse_whole_number(raw: object, max_digits: int = 12) -> int | None:
    """A non-negative integer typed in ASCII digits, or None.

    ``str.isdigit`` alone accepts "²" or "٣", which ``int`` then refuses or reads differently;
    the digit limit keeps ids and amounts inside a BIGINT.
    """
    text = str(raw).strip().replace(".", "") if raw is not None else ""
    if not (text.isascii() and text.isdigit()) or len(text) > max_digits:
        return None
    return int(text)


def uploaded(field):
    """A file field's uploaded stream, or None when the field was left empty."""
    data = field.data
    return data.stream if data and getattr(data, "filename", "") else None


def form_values(form: FlaskForm, cls: type[T], **overrides: Any) -> T:
    """A service's input dataclass, filled from the form fields of the same names."""
    values = {
        field.name: getattr(form, field.name).data
        for field in dataclasses.fields(cls)  # type: ignore[arg-type]
        if hasattr(form, field.name)
    }
    values.update(overrides)
    return cls(**values)


# --- WTForms' own messages, in the reader's language ---------------------------------------


class _AppCatalogue:
    """WTForms asks this for its built-in messages ("Not a valid choice.", "Field cannot be
    longer than…"): they are looked up in the app's catalogue, which translates them, because
    WTForms ships no Vietnamese. Messages given explicitly to a validator are used as they are."""

    def gettext(self, string: str) -> str:
        return get_translations().gettext(string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return get_translations().ngettext(singular, plural, n)


_APP_CATALOGUE = _AppCatalogue()


class Form(FlaskForm):
    """The base of every form in the app (a test checks it): FlaskForm, speaking Vietnamese."""

    class Meta:
        def get_translations(self, form):
            return _APP_CATALOGUE


def _wtforms_messages() -> None:  # pragma: no cover - never called
    """WTForms 3's built-in messages, written out so that `make translations-update` keeps them
    in the catalogue (wtforms/locale/wtforms.pot lists them)."""
    gettext("Field must be equal to %(other_name)s.")
    ngettext(
        "Field must be at least %(min)d character long.",
        "Field must be at least %(min)d characters long.",
        1,
    )
    ngettext(
        "Field cannot be longer than %(max)d character.",
        "Field cannot be longer than %(max)d characters.",
        1,
    )
    ngettext(
        "Field must be exactly %(max)d character long.",
        "Field must be exactly %(max)d characters long.",
        1,
    )
    gettext("Field must be between %(min)d and %(max)d characters long.")
    gettext("Number must be at least %(min)s.")
    gettext("Number must be at most %(max)s.")
    gettext("Number must be between %(min)s and %(max)s.")
    gettext("Date must be at least %(min)s.")
    gettext("Date must be at most %(max)s.")
    gettext("Date must be between %(min)s and %(max)s.")
    gettext("This field is required.")
    gettext("Invalid input.")
    gettext("Invalid email address.")
    gettext("Invalid IP address.")
    gettext("Invalid Mac address.")
    gettext("Invalid URL.")
    gettext("Invalid UUID.")
    gettext("Invalid value, must be one of: %(values)s.")
    gettext("Invalid value, can't be any of: %(values)s.")
    gettext("This field cannot be edited.")
    gettext("This field is disabled and cannot have a value.")
    gettext("Invalid CSRF Token.")
    gettext("CSRF token missing.")
    gettext("CSRF failed.")
    gettext("CSRF token expired.")
    gettext("Invalid Choice: could not coerce.")
    gettext("Choices cannot be None.")
    gettext("Not a valid choice.")
    gettext("Invalid choice(s): one or more data inputs could not be coerced.")
    ngettext(
        "'%(value)s' is not a valid choice for this field.",
        "'%(value)s' are not valid choices for this field.",
        1,
    )
    gettext("Not a valid datetime value.")
    gettext("Not a valid date value.")
    gettext("Not a valid time value.")
    gettext("Not a valid week value.")
    gettext("Not a valid integer value.")
    gettext("Not a valid decimal value.")
    gettext("Not a valid float value.")


# --- Amounts in đồng ---------------------------------------------------------------------


class DecimalAmountError(ValueError):
    """An amount with a decimal part: đồng have none."""


_CURRENCY_SUFFIX = re.compile(r"(₫|đồng|đ|vnđ|vnd)$", re.IGNORECASE)
_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+|\d{1,3}(?: \d{3})+|\d+", re.ASCII)
_DECIMAL = re.compile(r"[\d. ]*\d[.,]\d+", re.ASCII)
MAX_AMOUNT_DIGITS = 15  # far inside a BIGINT


def parse_vnd(raw: object) -> int:
    """Whole đồng as Vietnamese sellers write them: "125.000", "125 000", "125000",
    "125.000 ₫" (also "đ", "VNĐ", "đồng") are all 125000.

    Raises DecimalAmountError for a decimal part ("125.000,5", "1.5", "12,5") and ValueError for
    anything else that is not an amount (letters, a sign, misplaced separators).
    """
    text = unicodedata.normalize("NFC", str(raw))
    text = " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())
    text = _CURRENCY_SUFFIX.sub("", text).strip()
    if _GROUPED.fullmatch(text):
        digits = text.replace(".", "").replace(" ", "")
        if len(digits) <= MAX_AMOUNT_DIGITS:
            return int(digits)
    elif _DECIMAL.fullmatch(text):
        raise DecimalAmountError("decimal amount")
    raise ValueError("not an amount in đồng")


class MoneyField(Field):
    """An amount of whole đồng, typed as people write it (see ``parse_vnd``) and shown grouped
    ("125.000"); ``data`` is an int, or None when left empty. Out-of-range amounts are refused
    with the bounds written in đồng."""

    widget = TextInput()

    def __init__(self, label=None, validators=None, *, min: int = 0, max: int, **kwargs):
        kwargs.setdefault("render_kw", {}).setdefault("inputmode", "numeric")
        super().__init__(label, validators, **kwargs)
        self.min, self.max = min, max

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        return "" if self.data is None else f"{self.data:,}".replace(",", ".")

    def process_formdata(self, valuelist) -> None:
        self.data = None
        if not valuelist or not str(valuelist[0]).strip():
            return
        try:
            self.data = parse_vnd(valuelist[0])
        except DecimalAmountError as exc:
            raise ValueError(gettext("Enter whole đồng without decimals, e.g. 125.000.")) from exc
        except ValueError as exc:
            raise ValueError(gettext("Enter an amount in đồng, e.g. 125.000.")) from exc

    def pre_validate(self, form) -> None:
        if self.data is not None and not self.min <= self.data <= self.max:
            raise ValidationError(
                gettext(
                    "Enter an amount from %(min)s to %(max)s.",
                    min=format_vnd(self.min),
                    max=format_vnd(self.max),
                )
            )
