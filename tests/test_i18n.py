import os
from datetime import UTC, datetime

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from marketplace import PROJECT_ROOT
from marketplace.i18n import format_local_datetime, format_vnd
from tests.helpers import post_form


def test_vietnamese_is_the_default(client):
    page = client.get("/").get_data(as_text=True)
    assert '<html lang="vi">' in page
    assert "Đăng nhập" in page


def test_accept_language_english(client):
    page = client.get("/", headers={"Accept-Language": "en-GB,en;q=0.9"}).get_data(as_text=True)
    assert '<html lang="en">' in page
    assert "Log in" in page


def test_language_switch_is_remembered_over_accept_language(client):
    response = post_form(client, "/language", {"language": "en", "next": "/login"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/login"
    page = client.get("/", headers={"Accept-Language": "vi"}).get_data(as_text=True)
    assert "Log in" in page
    post_form(client, "/language", {"language": "vi"})
    assert "Đăng nhập" in client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)


def test_language_switch_ignores_unknown_languages_and_foreign_next(client):
    response = post_form(client, "/language", {"language": "fr", "next": "https://evil.example"})
    assert response.headers["Location"] == "/"
    assert '<html lang="vi">' in client.get("/").get_data(as_text=True)


def test_language_switch_updates_the_profile(app, client, make_user, log_in):
    from marketplace.accounts.models import User
    from marketplace.extensions import db

    user = make_user()
    log_in(client, user)
    post_form(client, "/language", {"language": "en"})
    with app.app_context():
        assert db.session.get(User, user.id).preferred_language == "en"


@pytest.mark.parametrize(
    "amount,text",
    [
        (125000, "125.000\u00a0₫"),
        (0, "0\u00a0₫"),
        (1_250_000_000, "1.250.000.000\u00a0₫"),
        (-50000, "-50.000\u00a0₫"),
    ],
)
def test_money_format(amount, text):
    assert format_vnd(amount) == text


@pytest.mark.parametrize("bad", [125000.0, "125000", True, None])
def test_money_format_refuses_non_integers(bad):
    with pytest.raises(TypeError):
        format_vnd(bad)


def test_money_filter_in_templates_is_the_same_in_english(app):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        rendered = app.jinja_env.from_string("{{ 125000|vnd }}").render()
    assert rendered == "125.000\u00a0₫"


def test_times_are_shown_in_vietnam(app):
    stored = datetime(2026, 11, 22, 17, 30, tzinfo=UTC)  # 00:30 the next day in Vietnam
    with app.test_request_context():
        shown = format_local_datetime(stored, "yyyy-MM-dd HH:mm")
    assert shown == "2026-11-23 00:30"
    with app.test_request_context(), pytest.raises(ValueError):
        format_local_datetime(datetime(2026, 11, 22, 17, 30))


def _catalogue(locale):
    path = PROJECT_ROOT / "translations" / locale / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as fh:
        return read_po(fh, locale=locale)


def test_every_string_in_the_code_is_translated_to_vietnamese():
    method_map = [
        ("marketplace/**.py", "python"),
        ("templates/**.html", "jinja2"),
        ("templates/**.txt", "jinja2"),
    ]
    keywords = {
        "_": None,
        "_l": None,
        "gettext": None,
        "lazy_gettext": None,
        "ngettext": (1, 2),
        "lazy_ngettext": (1, 2),
    }
    found = {
        msgid if isinstance(msgid, str) else msgid[0]
        for _, _, msgid, _, _ in extract_from_dir(
            str(PROJECT_ROOT),
            method_map,
            keywords=keywords,
            options_map={"templates/**.html": {"extensions": "jinja2.ext.i18n"}},
            # Babel skips folders starting with "_" by default; templates/_macros counts.
            directory_filter=lambda path: not os.path.basename(path).startswith((".", "__")),
        )
    }
    vi = _catalogue("vi")
    missing = sorted(m for m in found if m not in vi or not vi[m].string)
    fuzzy = sorted(m.id for m in vi if m.id and m.fuzzy)
    assert not missing, f"untranslated (run `make translations-update`): {missing}"
    assert not fuzzy, f"fuzzy translations to review: {fuzzy}"
    assert len(found) > 50  # the extraction itself worked
