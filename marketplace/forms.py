"""Helpers shared by every feature's forms and views."""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar
from urllib.parse import urlsplit

from flask import render_template
from flask_wtf import FlaskForm

from marketplace.errors import DomainError

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


def form_values(form: FlaskForm, cls: type[T], **overrides: Any) -> T:
    """A service's input dataclass, filled from the form fields of the same names."""
    values = {
        field.name: getattr(form, field.name).data
        for field in dataclasses.fields(cls)  # type: ignore[arg-type]
        if hasattr(form, field.name)
    }
    values.update(overrides)
    return cls(**values)
