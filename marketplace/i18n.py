"""Language choice and the formatting of money and times.

Vietnamese is the default. The locale comes from the user's profile, then the language switch
(kept in the session), then the browser's Accept-Language.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from babel.numbers import format_currency
from flask import has_request_context, request, session
from flask_babel import format_date, format_datetime, get_locale
from flask_login import current_user

from marketplace.config import display_zone, setting

SESSION_LANGUAGE_KEY = "lang"


def supported_languages() -> tuple[str, ...]:
    return tuple(setting("LANGUAGES"))


def select_locale() -> str:
    languages = supported_languages()
    if not has_request_context():  # CLI commands and background jobs
        return setting("BABEL_DEFAULT_LOCALE")
    if current_user and current_user.is_authenticated:
        preferred = getattr(current_user, "preferred_language", None)
        if preferred in languages:
            return preferred
    chosen = session.get(SESSION_LANGUAGE_KEY)
    if chosen in languages:
        return chosen
    return request.accept_languages.best_match(languages) or setting("BABEL_DEFAULT_LOCALE")


def format_vnd(amount: int) -> str:
    """Format whole đồng the Vietnamese way: ``125.000 ₫`` (with a no-break space).

    VND is written the same way whatever the page's language, so people compare like with like.
    Floats are refused: money in this project is always an integer number of đồng.
    """
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise TypeError(f"money must be an int number of đồng, got {type(amount).__name__}")
    return format_currency(amount, "VND", locale="vi_VN")


def local_today() -> date:
    """Today's date where the market is (Asia/Ho_Chi_Minh), not on the server's clock."""
    return datetime.now(display_zone()).date()


def _four_digit_year(pattern: str) -> str:
    # CLDR's short dates write the year in two digits (23/11/26): ambiguous, so widen it.
    return re.sub(r"(?<!y)yy(?!y)", "y", pattern)


def _short_date_pattern() -> str:
    return _four_digit_year(get_locale().date_formats["short"].pattern)


def format_local_datetime(value: datetime | None, format: str = "short") -> str:
    """Show a stored UTC time in the display timezone (Asia/Ho_Chi_Minh by default).

    ``short`` is the locale's short time and date with a four-digit year (``00:30 23/11/2026``).
    """
    if value is None:
        return ""
    if value.tzinfo is None:
        raise ValueError("naive datetime: stored times are aware UTC datetimes")
    if format == "short":
        locale = get_locale()
        format = (
            str(locale.datetime_formats["short"])
            .replace("{1}", _short_date_pattern())
            .replace("{0}", locale.time_formats["short"].pattern)
        )
    return format_datetime(value, format)


def format_local_date(value: date | None) -> str:
    """A calendar date (no time, no timezone) in the locale's short form with a four-digit year."""
    if value is None:
        return ""
    return format_date(value, _short_date_pattern())


LANGUAGE_CHOICES = (("vi", "Tiếng Việt"), ("en", "English"))


def register_template_helpers(app) -> None:
    """This module's filters; the factory registers the features' own (phone, audit, photos)."""
    app.jinja_env.filters["vnd"] = format_vnd
    app.jinja_env.filters["local_datetime"] = format_local_datetime
    app.jinja_env.filters["local_date"] = format_local_date

    @app.context_processor
    def language_context():
        return {"current_locale": str(get_locale()), "language_choices": LANGUAGE_CHOICES}
