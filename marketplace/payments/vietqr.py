"""NAPAS VietQR: the EMVCo merchant-presented QR that every Vietnamese banking app can pay.

A payload is a string of TLV objects (2-digit id, 2-digit length, value) ending in a CRC. We
build the transfer-to-account form: bank BIN and account number under id 38, the amount in whole
đồng, and the order code as the transfer memo, which is what the seller sees on the statement
and what reconciliation matches on.

Pure functions only (no Flask, no database), so views, jobs and tests can all use them.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import segno

from marketplace.vietnamese import nfc, strip_diacritics

NAPAS_GUID = "A000000727"
SERVICE_TO_ACCOUNT = "QRIBFTTA"
SERVICE_TO_CARD = "QRIBFTTC"
SERVICES = frozenset({SERVICE_TO_ACCOUNT, SERVICE_TO_CARD})
CURRENCY_VND = "704"
COUNTRY_VN = "VN"
MAX_PURPOSE_LENGTH = 25  # EMVCo caps every sub-field of the additional-data template (62) at 25.
MAX_AMOUNT_DIGITS = 13  # EMVCo's limit for the transaction amount (54).

# Root ids.
_ID_FORMAT = "00"
_ID_INITIATION = "01"
_ID_NAPAS = "38"
_ID_CURRENCY = "53"
_ID_AMOUNT = "54"
_ID_COUNTRY = "58"
_ID_ADDITIONAL = "62"
_ID_CRC = "63"
# Point of initiation: a static code is printed once and reused, a dynamic one is per order.
_STATIC = "11"
_DYNAMIC = "12"
# Inside 38, and inside its beneficiary (01) template.
_SUB_GUID = "00"
_SUB_BENEFICIARY = "01"
_SUB_SERVICE = "02"
_SUB_BIN = "00"
_SUB_ACCOUNT = "01"
# Inside 62.
_SUB_PURPOSE = "08"

_CRC_HEADER = _ID_CRC + "04"
_BIN = re.compile(r"[0-9]{6}")
_ACCOUNT = re.compile(r"[0-9]{1,19}")
_AMOUNT = re.compile(r"[1-9][0-9]{0,12}")
_HEX4 = re.compile(r"[0-9A-Fa-f]{4}")
# Letters, digits and spaces, plus punctuation that every bank we know passes through unchanged.
# Anything else is either mangled or dropped by some bank, and the memo must survive intact.
_PURPOSE = re.compile(r"[A-Za-z0-9 ._/-]*")
_NOT_MEMO = re.compile(r"[^A-Za-z0-9\s]")
_SPACES = re.compile(r"\s+")


class InvalidVietQR(ValueError):
    """A payload that is not a VietQR transfer code we can trust; the message says why."""


@dataclass(frozen=True)
class VietQR:
    """One transfer request. Construction validates, so an instance can always be encoded."""

    bank_bin: str
    account: str
    amount: int | None
    purpose: str
    service: str = SERVICE_TO_ACCOUNT

    def __post_init__(self) -> None:
        if not isinstance(self.bank_bin, str) or not _BIN.fullmatch(self.bank_bin):
            raise ValueError(f"bank BIN must be 6 digits, got {self.bank_bin!r}")
        if not isinstance(self.account, str) or not _ACCOUNT.fullmatch(self.account):
            raise ValueError(f"account must be 1 to 19 digits, got {self.account!r}")
        if self.amount is not None:
            _check_amount(self.amount)
        _check_purpose(self.purpose)
        if self.service not in SERVICES:
            raise ValueError(f"service must be one of {sorted(SERVICES)}, got {self.service!r}")


def _check_amount(amount: object) -> None:
    # bool is an int subclass, and a float amount means someone did arithmetic in đồng
    # fractions: both are bugs upstream, not values to round.
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise ValueError(f"amount must be a whole number of đồng, got {amount!r}")
    if amount <= 0:
        raise ValueError(f"amount must be positive, got {amount}")
    if len(str(amount)) > MAX_AMOUNT_DIGITS:
        raise ValueError(f"amount must have at most {MAX_AMOUNT_DIGITS} digits")


def _check_purpose(purpose: object) -> None:
    if not isinstance(purpose, str):
        raise ValueError(f"purpose must be text, got {purpose!r}")
    if len(purpose) > MAX_PURPOSE_LENGTH:
        raise ValueError(
            f"purpose must be at most {MAX_PURPOSE_LENGTH} characters, got {len(purpose)}"
        )
    if not _PURPOSE.fullmatch(purpose):
        raise ValueError(
            "purpose may hold only ASCII letters, digits, spaces and . _ / -"
            f" (pass it through memo_ascii first), got {purpose!r}"
        )


def crc16_ccitt_false(data: bytes) -> int:
    """CRC-16/CCITT-FALSE: poly 0x1021, init 0xFFFF, no reflection, no final xor."""
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else (crc << 1)
            crc &= 0xFFFF
    return crc


def _tlv(tag: str, value: str) -> str:
    # Every template we write stays far below 100 characters; this guards the arithmetic.
    if len(value) > 99:
        raise ValueError(f"value of tag {tag} is longer than 99 characters")
    return f"{tag}{len(value):02d}{value}"


def _crc_hex(body: str) -> str:
    return f"{crc16_ccitt_false(body.encode('utf-8')):04X}"


def build_payload(qr: VietQR) -> str:
    """The payload string to put in the QR symbol, tags in ascending order, CRC last."""
    beneficiary = _tlv(_SUB_BIN, qr.bank_bin) + _tlv(_SUB_ACCOUNT, qr.account)
    napas = (
        _tlv(_SUB_GUID, NAPAS_GUID)
        + _tlv(_SUB_BENEFICIARY, beneficiary)
        + _tlv(_SUB_SERVICE, qr.service)
    )
    parts = [
        _tlv(_ID_FORMAT, "01"),
        _tlv(_ID_INITIATION, _STATIC if qr.amount is None else _DYNAMIC),
        _tlv(_ID_NAPAS, napas),
        _tlv(_ID_CURRENCY, CURRENCY_VND),
    ]
    if qr.amount is not None:
        parts.append(_tlv(_ID_AMOUNT, str(qr.amount)))
    parts.append(_tlv(_ID_COUNTRY, COUNTRY_VN))
    if qr.purpose:
        parts.append(_tlv(_ID_ADDITIONAL, _tlv(_SUB_PURPOSE, qr.purpose)))
    # The CRC covers its own id and length: "6304" is part of the checked text.
    body = "".join(parts) + _CRC_HEADER
    return body + _crc_hex(body)


def _parse_tlv(data: str, where: str) -> dict[str, str]:
    """Split one TLV level into {id: value}, refusing anything that does not add up exactly."""
    fields: dict[str, str] = {}
    index = 0
    while index < len(data):
        header = data[index : index + 4]
        if len(header) < 4:
            raise InvalidVietQR(f"{where}: truncated tag header at position {index}")
        tag, length_text = header[:2], header[2:]
        if not (
            tag.isascii() and tag.isdigit() and length_text.isascii() and length_text.isdigit()
        ):
            raise InvalidVietQR(f"{where}: malformed tag header {header!r} at position {index}")
        end = index + 4 + int(length_text)
        if end > len(data):
            raise InvalidVietQR(
                f"{where}: tag {tag} declares {int(length_text)} characters"
                f" but only {len(data) - index - 4} remain"
            )
        if tag in fields:
            raise InvalidVietQR(f"{where}: tag {tag} appears twice")
        fields[tag] = data[index + 4 : end]
        index = end
    return fields


def _required(fields: dict[str, str], tag: str, where: str) -> str:
    if tag not in fields:
        raise InvalidVietQR(f"{where}: required tag {tag} is missing")
    return fields[tag]


def _check_crc(payload: object) -> None:
    if not isinstance(payload, str) or not payload:
        raise InvalidVietQR("payload is empty")
    if len(payload) < 8 or payload[-8:-4] != _CRC_HEADER or not _HEX4.fullmatch(payload[-4:]):
        raise InvalidVietQR("payload does not end with a CRC (6304 and 4 hex digits)")
    expected = crc16_ccitt_false(payload[:-4].encode("utf-8"))
    if int(payload[-4:], 16) != expected:
        raise InvalidVietQR(
            f"CRC mismatch: payload says {payload[-4:].upper()}, content gives {expected:04X}"
            " (the code is damaged or was altered)"
        )


def _check_root(root: dict[str, str]) -> None:
    if next(iter(root)) != _ID_FORMAT or root[_ID_FORMAT] != "01":
        raise InvalidVietQR("payload must start with format indicator 000201")
    if next(reversed(root)) != _ID_CRC:
        raise InvalidVietQR("CRC (tag 63) must be the last tag")
    initiation = root.get(_ID_INITIATION)
    if initiation is not None and initiation not in (_STATIC, _DYNAMIC):
        raise InvalidVietQR(f"point of initiation must be 11 or 12, got {initiation!r}")


def _check_currency_and_country(root: dict[str, str]) -> None:
    currency = _required(root, _ID_CURRENCY, "payload")
    if currency != CURRENCY_VND:
        raise InvalidVietQR(f"currency must be {CURRENCY_VND} (VND), got {currency!r}")
    country = _required(root, _ID_COUNTRY, "payload")
    if country != COUNTRY_VN:
        raise InvalidVietQR(f"country must be {COUNTRY_VN}, got {country!r}")


def _beneficiary(root: dict[str, str]) -> tuple[str, str, str]:
    """Tag 38: (bank BIN, account, service) of a NAPAS transfer code."""
    napas = _parse_tlv(_required(root, _ID_NAPAS, "payload"), "tag 38")
    guid = _required(napas, _SUB_GUID, "tag 38")
    if guid != NAPAS_GUID:
        raise InvalidVietQR(f"not a NAPAS VietQR code: GUID is {guid!r}, expected {NAPAS_GUID}")
    beneficiary = _parse_tlv(_required(napas, _SUB_BENEFICIARY, "tag 38"), "tag 38.01")
    bank_bin = _required(beneficiary, _SUB_BIN, "tag 38.01")
    account = _required(beneficiary, _SUB_ACCOUNT, "tag 38.01")
    return bank_bin, account, _required(napas, _SUB_SERVICE, "tag 38")


def _amount(root: dict[str, str]) -> int | None:
    if _ID_AMOUNT not in root:
        return None
    # VND has no minor unit: "120000.00" or "0" would be someone else's reading of the code.
    if not _AMOUNT.fullmatch(root[_ID_AMOUNT]):
        raise InvalidVietQR(f"amount must be a positive whole number, got {root[_ID_AMOUNT]!r}")
    return int(root[_ID_AMOUNT])


def parse_payload(payload: str) -> VietQR:
    """Read a VietQR transfer payload back, checking its CRC and structure.

    Unknown tags (merchant name 59, city 60, category 52, ...) are tolerated because some banks
    add them; anything that would change where the money goes or how much is checked.
    """
    _check_crc(payload)
    root = _parse_tlv(payload, "payload")
    _check_root(root)
    bank_bin, account, service = _beneficiary(root)
    _check_currency_and_country(root)
    amount = _amount(root)
    purpose = ""
    if _ID_ADDITIONAL in root:
        purpose = _parse_tlv(root[_ID_ADDITIONAL], "tag 62").get(_SUB_PURPOSE, "")
    try:
        return VietQR(
            bank_bin=bank_bin, account=account, amount=amount, purpose=purpose, service=service
        )
    except ValueError as exc:
        raise InvalidVietQR(str(exc)) from exc


def qr_svg(payload: str, *, scale: int = 6, title: str | None = None) -> str:
    """The QR symbol as inline SVG markup (no XML declaration) to put straight into a page.

    Error correction is at least M; segno raises it further when that fits in the same symbol
    size, which costs nothing and survives a smudged phone screen better. The border is the
    4-module quiet zone the QR standard asks for: banking apps struggle to lock on without it.
    """
    if not payload:
        raise ValueError("payload is empty")
    if isinstance(scale, bool) or not isinstance(scale, int) or scale < 1:
        raise ValueError(f"scale must be a positive whole number, got {scale!r}")
    # make_qr, not make: segno would pick a Micro QR for short text, which banking apps can't read.
    symbol = segno.make_qr(payload, error="m")
    out = io.BytesIO()
    symbol.save(
        out,
        kind="svg",
        scale=scale,
        border=4,
        xmldecl=False,
        nl=False,
        title=title,
        svgclass="vietqr",
    )
    # A viewBox beside width and height: CSS can then scale the symbol to a narrow screen
    # instead of clipping its right side (and quiet zone) off.
    size = symbol.symbol_size(scale=scale, border=4)
    svg = out.getvalue().decode("utf-8")
    return svg.replace("<svg ", f'<svg viewBox="0 0 {size[0]} {size[1]}" ', 1)


def qr_png(payload: str, *, scale: int = 8) -> bytes:
    """The same symbol as a PNG, to save to a phone's gallery: banking apps scan from there
    (galleries don't show SVG files)."""
    if not payload:
        raise ValueError("payload is empty")
    out = io.BytesIO()
    segno.make_qr(payload, error="m").save(out, kind="png", scale=scale, border=4)
    return out.getvalue()


def memo_ascii(text: str) -> str:
    """A transfer memo that survives every bank: "Đơn hàng CP-7Q2K9M" -> "Don hang CP7Q2K9M".

    Diacritics are removed (đ -> d), case is kept, punctuation and any other non-ASCII
    character is deleted rather than turned into a space (banks that drop punctuation glue the
    pieces together, so an order code keeps one spelling), whitespace runs become one space and
    the ends are trimmed. It does not shorten: a memo over 25 characters is the caller's to fix.
    """
    plain = _NOT_MEMO.sub("", strip_diacritics(nfc(text)))
    return _SPACES.sub(" ", plain).strip()
