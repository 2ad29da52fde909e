"""VietQR payloads: the published NAPAS example, round trips, CRC, tampering, an independent
parser from PyPI, the SVG symbol and bank-safe memos."""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET

import pytest
import segno
from vietnam_qr_pay import QRPay, VietQRService

from marketplace.payments.vietqr import (
    InvalidVietQR,
    VietQR,
    build_payload,
    crc16_ccitt_false,
    memo_ascii,
    parse_payload,
    qr_svg,
)

# The example NAPAS and the banks publish. Its account is 0011001932418 (tag 38.01.01 has length
# 13): the "113366668888" quoted alongside it in places does not match its TLV or its CRC.
PUBLISHED = (
    "00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA"
    "530370454061200005802VN62170813ung ho lu lut6304C15C"
)
PUBLISHED_QR = VietQR(
    bank_bin="970415", account="0011001932418", amount=120000, purpose="ung ho lu lut"
)

CASES = [
    pytest.param(PUBLISHED_QR, id="published"),
    pytest.param(VietQR("970436", "1031933430", 250000, "CP7Q2K9M"), id="order"),
    pytest.param(VietQR("970422", "0123456789", None, "CP7Q2K9M"), id="static-with-memo"),
    pytest.param(VietQR("970418", "21510000123456", None, ""), id="static-bare"),
    pytest.param(VietQR("970407", "19036781234567", 1, ""), id="one-dong-no-memo"),
    pytest.param(VietQR("970405", "1234567890123456789", 5_000_000, "X"), id="19-digit-account"),
    pytest.param(VietQR("970423", "7", 9_999_999_999_999, "MAX"), id="max-amount-1-digit-acct"),
    pytest.param(VietQR("970432", "123456789", 99000, "A" * 25), id="25-char-purpose"),
    pytest.param(
        VietQR("970415", "9704151234567890", 180000, "CP 7Q2K9M", service="QRIBFTTC"),
        id="to-card",
    ),
    pytest.param(VietQR("970403", "060123456789", 45000, "don 12/3 cp-1.a_b"), id="punctuation"),
]


def with_crc(body: str) -> str:
    """A payload whose CRC is right, so the test reaches the check it is about."""
    body += "6304"
    return body + f"{crc16_ccitt_false(body.encode()):04X}"


def without_crc(payload: str) -> str:
    return payload[:-8]


# --- the published example -------------------------------------------------------------------


def test_published_example_parses():
    assert parse_payload(PUBLISHED) == PUBLISHED_QR


def test_published_example_is_rebuilt_byte_for_byte():
    assert build_payload(parse_payload(PUBLISHED)) == PUBLISHED
    assert build_payload(PUBLISHED_QR) == PUBLISHED


# --- round trips -----------------------------------------------------------------------------


@pytest.mark.parametrize("qr", CASES)
def test_round_trip(qr):
    payload = build_payload(qr)
    assert payload.isascii()
    assert parse_payload(payload) == qr
    assert build_payload(parse_payload(payload)) == payload


@pytest.mark.parametrize("qr", CASES)
def test_layout(qr):
    payload = build_payload(qr)
    assert payload.startswith("000201" + ("010212" if qr.amount else "010211") + "38")
    assert ("54" + f"{len(str(qr.amount)):02d}" + str(qr.amount) in payload) == bool(qr.amount)
    if qr.purpose:
        memo = f"08{len(qr.purpose):02d}{qr.purpose}"
        assert payload[:-8].endswith(f"62{len(memo):02d}{memo}")
    else:
        assert payload[:-8].endswith("5802VN")
    assert re.fullmatch(r".*6304[0-9A-F]{4}", payload)


def test_static_code_has_no_amount_and_empty_purpose_no_62():
    payload = build_payload(VietQR("970418", "21510000123456", None, ""))
    assert payload == with_crc(
        "000201"
        + "010211"
        + "38580010A00000072701280006970418011421510000123456"
        + "0208QRIBFTTA"
        + "5303704"
        + "5802VN"
    )


# --- CRC -------------------------------------------------------------------------------------


def test_crc_check_value():
    # The catalogue check value of CRC-16/CCITT-FALSE.
    assert crc16_ccitt_false(b"123456789") == 0x29B1


def test_crc_of_empty_input_is_the_initial_value():
    assert crc16_ccitt_false(b"") == 0xFFFF


def test_crc_is_upper_case_hex_over_text_including_6304():
    assert PUBLISHED.endswith("6304C15C")
    assert crc16_ccitt_false(PUBLISHED[:-4].encode()) == 0xC15C


def test_lower_case_crc_is_accepted():
    assert parse_payload(PUBLISHED[:-4] + "c15c") == PUBLISHED_QR


# --- tampering and malformed payloads --------------------------------------------------------


def test_changed_amount_digit_fails_on_crc():
    tampered = PUBLISHED.replace("5406120000", "5406920000")
    assert tampered != PUBLISHED
    with pytest.raises(InvalidVietQR, match="CRC mismatch"):
        parse_payload(tampered)


def test_changed_account_digit_fails_on_crc():
    with pytest.raises(InvalidVietQR, match="CRC mismatch"):
        parse_payload(PUBLISHED.replace("0011001932418", "0011001932419"))


@pytest.mark.parametrize("cut", [1, 4, 8, 20, len(PUBLISHED) - 10])
def test_truncated_payload(cut):
    with pytest.raises(InvalidVietQR, match="does not end with a CRC"):
        parse_payload(PUBLISHED[:-cut])


@pytest.mark.parametrize("payload", ["", "6304", "63041234"])
def test_empty_or_crc_only(payload):
    with pytest.raises(InvalidVietQR):
        parse_payload(payload)


def test_wrong_guid():
    body = without_crc(PUBLISHED).replace("A000000727", "A000000775")  # VNPay's GUID
    with pytest.raises(InvalidVietQR, match="GUID is 'A000000775'"):
        parse_payload(with_crc(body))


def test_wrong_currency():
    body = without_crc(PUBLISHED).replace("5303704", "5303840")
    with pytest.raises(InvalidVietQR, match="currency must be 704"):
        parse_payload(with_crc(body))


def test_wrong_country():
    body = without_crc(PUBLISHED).replace("5802VN", "5802TH")
    with pytest.raises(InvalidVietQR, match="country must be VN"):
        parse_payload(with_crc(body))


def test_length_running_past_the_end():
    # A purpose length of 30 where 13 characters follow, CRC recomputed so structure is blamed.
    body = without_crc(PUBLISHED).replace("62170813ung", "62170830ung")
    with pytest.raises(InvalidVietQR, match="tag 62: tag 08 declares 30 characters"):
        parse_payload(with_crc(body))


def test_nested_length_inconsistent_with_parent():
    # The beneficiary template is one character longer than its parent admits.
    body = without_crc(PUBLISHED).replace("01270006970415", "01280006970415")
    with pytest.raises(InvalidVietQR, match="tag 38"):
        parse_payload(with_crc(body))


def test_non_numeric_length():
    body = without_crc(PUBLISHED).replace("5802VN", "58x2VN")
    with pytest.raises(InvalidVietQR, match="malformed tag header"):
        parse_payload(with_crc(body))


def test_duplicate_tag():
    body = without_crc(PUBLISHED) + "5802VN"
    with pytest.raises(InvalidVietQR, match="tag 58 appears twice"):
        parse_payload(with_crc(body))


def test_missing_account_template():
    body = "000201010211" + "5303704" + "5802VN"
    with pytest.raises(InvalidVietQR, match="required tag 38 is missing"):
        parse_payload(with_crc(body))


def test_must_start_with_format_indicator():
    body = without_crc(PUBLISHED)
    with pytest.raises(InvalidVietQR, match="format indicator"):
        parse_payload(with_crc(body[12:] + body[:6]))


def test_crc_must_be_last():
    # The trailing "6304XXXX" is swallowed as the value of a tag 99 declared just before it.
    body = without_crc(PUBLISHED) + "9908"
    with pytest.raises(InvalidVietQR, match="must be the last tag"):
        parse_payload(with_crc(body))


@pytest.mark.parametrize("amount", ["0", "120000.00", "-5", "1e5"])
def test_amount_must_be_positive_whole_dong(amount):
    body = without_crc(PUBLISHED).replace("5406120000", f"54{len(amount):02d}{amount}")
    with pytest.raises(InvalidVietQR, match="amount"):
        parse_payload(with_crc(body))


def test_bad_account_in_payload_is_invalid_vietqr():
    body = without_crc(PUBLISHED).replace("0011001932418", "001100193241X")
    with pytest.raises(InvalidVietQR, match="account must be 1 to 19 digits"):
        parse_payload(with_crc(body))


def test_unknown_tags_are_tolerated():
    # Some banks add a category (52), merchant name (59) and city (60), and more sub-tags in 62.
    body = (
        "000201010212"
        "38570010A00000072701270006970415011300110019324180208QRIBFTTA"
        "52040000"
        "5303704"
        "5406120000"
        "5802VN"
        "5909NGUYEN AN"
        "6006HA NOI"
        "6227"
        "0106HD0001"
        "0813ung ho lu lut"
    )
    assert parse_payload(with_crc(body)) == PUBLISHED_QR


def test_62_without_purpose_gives_empty_purpose():
    body = without_crc(build_payload(VietQR("970436", "1031933430", 1000, ""))) + "62100106HD0001"
    assert parse_payload(with_crc(body)).purpose == ""


# --- input validation ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"bank_bin": "97041"}, "BIN must be 6 digits"),
        ({"bank_bin": "97041X"}, "BIN must be 6 digits"),
        ({"bank_bin": 970415}, "BIN must be 6 digits"),
        ({"account": ""}, "account must be 1 to 19 digits"),
        ({"account": "1" * 20}, "account must be 1 to 19 digits"),
        ({"account": "0123-456"}, "account must be 1 to 19 digits"),
        ({"account": "١٢٣"}, "account must be 1 to 19 digits"),  # Arabic-Indic digits
        ({"amount": 0}, "amount must be positive"),
        ({"amount": -1000}, "amount must be positive"),
        ({"amount": True}, "whole number of đồng"),
        ({"amount": 120000.0}, "whole number of đồng"),
        ({"amount": "120000"}, "whole number of đồng"),
        ({"amount": 10_000_000_000_000}, "at most 13 digits"),
        ({"purpose": "A" * 26}, "at most 25 characters"),
        ({"purpose": "Đơn hàng"}, "memo_ascii"),
        ({"purpose": "a+b"}, "memo_ascii"),
        ({"purpose": "line\nbreak"}, "memo_ascii"),
        ({"purpose": None}, "purpose must be text"),
        ({"service": "QRPUSH"}, "service must be one of"),
    ],
)
def test_invalid_inputs(fields, message):
    values = {"bank_bin": "970415", "account": "0011001932418", "amount": 1000, "purpose": "X"}
    with pytest.raises(ValueError, match=message):
        VietQR(**{**values, **fields})


# --- an independent parser: vietnam-qr-pay from PyPI ----------------------------------------


def read_with_vietnam_qr_pay(payload: str) -> QRPay:
    other = QRPay(payload)
    assert other.is_valid, payload
    return other


@pytest.mark.parametrize("qr", CASES)
def test_independent_parser_reads_our_payloads(qr):
    other = read_with_vietnam_qr_pay(build_payload(qr))
    assert other.provider.guid == "A000000727"
    assert other.consumer.bank_bin == qr.bank_bin
    assert other.consumer.bank_number == qr.account
    assert other.amount == (str(qr.amount) if qr.amount is not None else None)
    assert (other.additional_data.purpose or "") == qr.purpose
    assert other.provider.service == qr.service
    assert (other.currency, other.nation) == ("704", "VN")
    assert other.init_method == ("11" if qr.amount is None else "12")


def test_independent_parser_reads_the_published_example():
    other = read_with_vietnam_qr_pay(PUBLISHED)
    assert (other.consumer.bank_bin, other.consumer.bank_number) == ("970415", "0011001932418")
    assert (other.amount, other.additional_data.purpose) == ("120000", "ung ho lu lut")


def test_independent_parser_rejects_our_tampered_payload():
    payload = build_payload(VietQR("970436", "1031933430", 250000, "CP7Q2K9M"))
    assert not QRPay(payload.replace("5406250000", "5406950000")).is_valid


@pytest.mark.parametrize("qr", CASES)
def test_independent_builder_matches_ours_byte_for_byte(qr):
    service = VietQRService(qr.service)
    amount = str(qr.amount) if qr.amount is not None else None
    theirs = QRPay.init_viet_qr(qr.bank_bin, qr.account, amount, qr.purpose or None, service)
    assert theirs.build() == build_payload(qr)
    assert parse_payload(theirs.build()) == qr


# --- the SVG symbol --------------------------------------------------------------------------

_SVG = "{http://www.w3.org/2000/svg}"


def parse_svg(svg: str) -> ET.Element:
    # Our own markup, made a line earlier: nothing untrusted for defusedxml to guard against.
    return ET.fromstring(svg)  # noqa: S314


def dark_modules_in_svg(svg: str) -> tuple[int, set[tuple[int, int]]]:
    """Scale and the (row, column) cells drawn by segno's single path of horizontal runs."""
    root = parse_svg(svg)
    (path,) = root.iter(f"{_SVG}path")
    scale = int(re.fullmatch(r"scale\((\d+)\)", path.get("transform")).group(1))
    cells: set[tuple[int, int]] = set()
    x = y = 0.0
    for command, numbers in re.findall(r"([MmHh])([-\d. ]+)", path.get("d")):
        values = [float(n) for n in numbers.split()]
        if command == "M":
            x, y = values
        elif command == "m":
            x, y = x + values[0], y + values[1]
        else:
            end = values[0] if command == "H" else x + values[0]
            cells.update((int(y), col) for col in range(int(x), int(end)))
            x = end
    assert not re.search(r"[^MmHh\d. -]", path.get("d")), "unexpected path command"
    return scale, cells


@pytest.mark.parametrize("qr", [PUBLISHED_QR, CASES[5].values[0]])
def test_qr_svg_draws_the_payload_symbol(qr):
    payload = build_payload(qr)
    svg = qr_svg(payload, scale=5, title="VietQR CP7Q2K9M")
    assert svg.startswith("<svg") and "<?xml" not in svg

    root = parse_svg(svg)  # well-formed XML
    assert root.tag == f"{_SVG}svg"
    assert root.findtext(f"{_SVG}title") == "VietQR CP7Q2K9M"

    symbol = segno.make(payload, error="m")
    assert not symbol.is_micro
    assert symbol.error in ("M", "Q", "H")  # at least M; segno boosts it when that is free
    width, height = int(root.get("width")), int(root.get("height"))
    assert (width, height) == symbol.symbol_size(scale=5, border=4)
    modules = width // 5 - 2 * 4
    assert modules == 17 + 4 * symbol.version  # the SVG's size names the same QR version

    scale, cells = dark_modules_in_svg(svg)
    assert scale == 5
    expected = {
        (row + 4, col + 4)
        for row, line in enumerate(symbol.matrix)
        for col, dark in enumerate(line)
        if dark
    }
    assert cells == expected


def test_qr_svg_escapes_the_title_and_defaults():
    svg = qr_svg(PUBLISHED, title='Đơn <b> & "x"')
    root = parse_svg(svg)
    assert root.findtext(f"{_SVG}title") == 'Đơn <b> & "x"'
    assert int(root.get("width")) == segno.make(PUBLISHED, error="m").symbol_size(scale=6)[0]


def test_qr_svg_never_makes_a_micro_qr():
    # segno.make would choose a Micro QR for text this short; banking apps cannot read those.
    assert segno.make("12", error="m").is_micro
    root = parse_svg(qr_svg("12", scale=1))
    assert int(root.get("width")) == 21 + 2 * 4


@pytest.mark.parametrize("scale", [0, -1, 2.5, True])
def test_qr_svg_rejects_bad_scale(scale):
    with pytest.raises(ValueError, match="scale"):
        qr_svg(PUBLISHED, scale=scale)


def test_qr_svg_rejects_empty_payload():
    with pytest.raises(ValueError, match="empty"):
        qr_svg("")


# --- memos -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "memo"),
    [
        # Punctuation is deleted, not spaced: "CP-7Q2K9M" reads "CP7Q2K9M" at every bank.
        ("Đơn hàng CP-7Q2K9M", "Don hang CP7Q2K9M"),
        ("CP-7Q2K9M", "CP7Q2K9M"),
        ("ủng hộ lũ lụt", "ung ho lu lut"),
        ("ĐẶNG Thị Ngọc Ánh", "DANG Thi Ngoc Anh"),
        ("  Mận   sấy\tdẻo\n", "Man say deo"),
        ("Chè (Shan) Tuyết, 2kg!", "Che Shan Tuyet 2kg"),
        ("giá 120.000₫ – còn 5", "gia 120000 con 5"),  # ₫ is a symbol, not a letter d
        ("a - b", "a b"),
        ("日本 CP1", "CP1"),
        ("", ""),
    ],
)
def test_memo_ascii(text, memo):
    assert memo_ascii(text) == memo


def test_memo_ascii_accepts_nfd_input():
    assert memo_ascii(unicodedata.normalize("NFD", "Đơn hàng Lạng Sơn")) == "Don hang Lang Son"


def test_memo_ascii_output_is_always_a_valid_purpose():
    memo = memo_ascii("Đơn hàng CP-7Q2K9M")
    assert parse_payload(build_payload(VietQR("970415", "1", 1, memo))).purpose == memo
