"""Vietnamese mobile numbers, parsed by Google's libphonenumber (the ``phonenumbers`` port)."""

from __future__ import annotations

import phonenumbers
from markupsafe import Markup
from phonenumbers import NumberParseException, PhoneNumberType


class InvalidPhoneNumber(ValueError):
    pass


def normalise_vn_mobile(raw: str) -> str:
    """Return a Vietnamese mobile number in E.164 form (+84...), or raise InvalidPhoneNumber.

    Accepts what people type: ``0912 345 678``, ``0912.345.678``, ``+84 912 345 678``.
    """
    try:
        number = phonenumbers.parse(raw, "VN")
    except NumberParseException as exc:
        raise InvalidPhoneNumber(raw) from exc
    if phonenumbers.region_code_for_number(number) != "VN" or not phonenumbers.is_valid_number(
        number
    ):
        raise InvalidPhoneNumber(raw)
    if phonenumbers.number_type(number) not in (
        PhoneNumberType.MOBILE,
        PhoneNumberType.FIXED_LINE_OR_MOBILE,
    ):
        raise InvalidPhoneNumber(raw)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def looks_like_phone(identifier: str) -> bool:
    return "@" not in identifier


def format_vn_phone(e164: str | None) -> str:
    """Show a stored number the way Vietnamese people write it: ``0912 345 678``."""
    if not e164:
        return ""
    try:
        number = phonenumbers.parse(e164, "VN")
    except NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


def phone_link(e164: str | None) -> Markup:
    """A stored number as a link phones can call: ``<a href="tel:+84...">0912 345 678</a>``."""
    if not e164:
        return Markup("")
    return Markup('<a href="tel:{}">{}</a>').format(e164, format_vn_phone(e164))
