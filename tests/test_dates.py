"""Dates are shown with four-digit years, in the market's timezone, in both languages."""

import re
from datetime import UTC, date, datetime

import pytest

from marketplace import i18n

TWO_DIGIT_YEAR = re.compile(r"\d{1,2}/\d{1,2}/\d\d(?!\d)")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("vi", "00:30 23/11/2026"), ("en", "11/23/2026, 12:30")],
)
def test_short_datetimes_have_four_digit_years(app, lang, expected):
    stored = datetime(2026, 11, 22, 17, 30, tzinfo=UTC)  # 00:30 next day in Hà Nội
    with app.test_request_context(headers={"Accept-Language": lang}):
        shown = i18n.format_local_datetime(stored)
    assert shown.replace("\u202f", " ").startswith(expected), shown
    assert not TWO_DIGIT_YEAR.search(shown)


@pytest.mark.parametrize(("lang", "expected"), [("vi", "1/5/2027"), ("en", "5/1/2027")])
def test_plain_dates_are_localised_with_four_digit_years(app, lang, expected):
    with app.test_request_context(headers={"Accept-Language": lang}):
        assert i18n.format_local_date(date(2027, 5, 1)) == expected
        assert i18n.format_local_date(None) == ""


def test_pages_show_four_digit_years(app, client, make_user, log_in):
    admin = make_user(is_admin=True)
    log_in(client, admin)
    page = client.get("/admin/").get_data(as_text=True)
    year = str(datetime.now(UTC).year)
    assert year in page
    assert not TWO_DIGIT_YEAR.search(page)
