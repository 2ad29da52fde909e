"""Forms on every page: attributes with no value are left out, đồng amounts are read the way
Vietnamese sellers write them, errors are summarised at the top, and no English reaches a
Vietnamese page whatever is typed."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

import marketplace.forms as shared_forms
from tests.form_pages import ROLES, build_world, logged_in_client, page_paths, post_forms
from tests.helpers import post_form

# WTForms' and Flask-WTF's own English messages, in pieces.
ENGLISH_FRAGMENTS = (
    "Not a valid",
    "Number must be",
    "Field must be",
    "Field cannot be",
    "Date must be",
    "This field is required",
    "Invalid",
    "could not coerce",
    "CSRF",
    "characters long",
    "must be at least",
)
BAD_VALUES = {
    "empty": "",
    "too long": "x" * 6000,
    "letters": "abc",
    "decimal comma": "12,5",
    "decimal point": "1.5",
    "invalid choice": "987654321",
    "negative": "-1",
    "invalid email": "not-an-email@",
}
# Actions that take no input: logging out, deleting a product.
SKIPPED = ("/logout", "/delete")
# Sent as they are: the form's own hidden values, and the buttons that pick an action.
KEEP_KINDS = {"hidden", "submit", "file"}


@pytest.fixture
def world(app, make_user, make_stall, make_product):
    return build_world(app, make_user, make_stall, make_product)


def _clients(app, world):
    from tests.helpers import add_to_cart

    clients = {role: logged_in_client(app, world.user(role)) for role in ROLES}
    for client in clients.values():  # so that the cart and checkout show their forms
        add_to_cart(client, world.url_values["product_id"], 1)
    return clients


# --- 1. No attribute is written as "None" ---------------------------------------------------


def test_no_page_writes_none_into_an_attribute(app, world):
    clients = _clients(app, world)
    seen_forms = 0
    for path in page_paths(app, world):
        for role, client in clients.items():
            response = client.get(path)
            if response.status_code != 200 or response.mimetype != "text/html":
                continue
            html = response.get_data(as_text=True)
            seen_forms += len(post_forms(html))
            bad = re.findall(r'[\w-]+="None"', html)
            assert not bad, f"{path} as {role}: {bad}"
    assert seen_forms > 20


def test_the_login_form_leaves_out_attributes_it_was_not_given(client):
    html = client.get("/login").get_data(as_text=True)
    password = re.search(r'<input[^>]*id="password"[^>]*>', html).group(0)
    assert 'autocomplete="current-password"' in password
    for attribute in ("inputmode", "aria-invalid", "aria-describedby"):
        assert attribute not in password, password


# --- 4. đồng amounts as sellers type them ----------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    ["125.000", "125 000", "125000", "125.000 ₫", "125.000₫", " 125\u00a0000 đ ", "125.000 VNĐ"],
)
def test_parse_vnd_reads_vietnamese_amounts(typed):
    assert shared_forms.parse_vnd(typed) == 125_000


@pytest.mark.parametrize("typed", ["125.000,5", "12,5", "1.5", "125.00", "1.2345", "0,5 ₫"])
def test_parse_vnd_refuses_decimals(typed):
    with pytest.raises(ValueError, match="decimal"):
        shared_forms.parse_vnd(typed)


@pytest.mark.parametrize("typed", ["abc", "12a", "-5", "₫", "1..000", "²", "1 2 3"])
def test_parse_vnd_refuses_what_is_not_an_amount(typed):
    with pytest.raises(ValueError):
        shared_forms.parse_vnd(typed)


def _product_data(**overrides):
    from tests.helpers import reference_ids

    data = {
        "name": "Chè Shan tuyết",
        "description": "",
        "category_id": str(reference_ids()["category_id"]),
        "price": "125.000 ₫",
        "stock": "5",
        "unit_label": "gói 200 g",
        "weight_grams": "220",
        "status": "active",
        "ocop_stars": "0",
        "ocop_certificate": "",
        "ocop_expires_on": "",
    }
    data.update(overrides)
    return data


def test_a_price_typed_the_vietnamese_way_is_saved_in_dong(
    app, client, make_stall, make_user, log_in
):
    from sqlalchemy import select

    from marketplace.catalog.models import Product
    from marketplace.extensions import db

    owner = make_user()
    stall = make_stall(owner)
    log_in(client, owner)
    with app.app_context():
        data = _product_data()
    response = post_form(client, f"/my/stalls/{stall.id}/products/new", data)
    assert response.status_code == 302, response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(Product.price).where(Product.stall_id == stall.id)) == (
            125_000
        )
        product_id = db.session.scalar(select(Product.id).where(Product.stall_id == stall.id))
    edit = client.get(f"/my/products/{product_id}/edit").get_data(as_text=True)
    assert re.search(r'id="price"[^>]*value="125.000"', edit), "the price is shown grouped"


def test_a_decimal_price_is_refused_in_vietnamese_and_nothing_typed_is_lost(
    app, client, make_stall, make_user, log_in
):
    owner = make_user()
    stall = make_stall(owner)
    log_in(client, owner)
    with app.app_context():
        data = _product_data(price="125.000,5", name="Chè Shan tuyết cổ thụ")
    response = post_form(client, f"/my/stalls/{stall.id}/products/new", data)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert any("không có số lẻ" in text for text in _error_texts(html)), _error_texts(html)
    assert 'value="125.000,5"' in html
    assert 'value="Chè Shan tuyết cổ thụ"' in html


# --- 5. An error summary at the top of the form ---------------------------------------------


def test_errors_are_summarised_at_the_top_with_links_to_the_fields(app, world):
    client = logged_in_client(app, world.shopper)
    from tests.helpers import add_to_cart

    add_to_cart(client, world.url_values["product_id"], 1)
    with app.app_context():
        from tests.helpers import checkout_data

        data = checkout_data(client, phone="12", street="")
    response = post_form(client, "/checkout", data)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    summary = re.search(r'<div class="error-summary"[^>]*>.*?</div>', html, re.S)
    assert summary, "no error summary"
    head = summary.group(0)
    assert 'role="alert"' in head and 'tabindex="-1"' in head and 'id="error-summary"' in head
    assert 'href="#phone"' in head and 'href="#street"' in head
    # The summary comes before the first field, and the page loads the script that focuses it.
    assert html.index('class="error-summary"') < html.index('id="name"')
    assert re.search(r'<script defer src="/static/js/error-summary.js[^"]*"></script>', html)


def test_no_summary_when_there_is_nothing_wrong(client):
    html = client.get("/login").get_data(as_text=True)
    assert "error-summary" not in html


def test_form_level_errors_are_in_the_summary(client, make_user):
    user = make_user()
    response = post_form(client, "/login", {"identifier": user.email, "password": "sai-mật-khẩu"})
    assert response.status_code == 422
    summary = re.search(
        r'<div class="error-summary".*?</div>', response.get_data(as_text=True), re.S
    )
    assert summary and "<li>" in summary.group(0)


# --- 4. No English on a Vietnamese page, whatever is typed -----------------------------------


class _ErrorTexts(HTMLParser):
    """The text inside elements that carry errors: field errors, the summary, flashes."""

    CLASSES = {"error", "error-summary", "form-errors", "flash-error"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self._depth = 0
        self._stack: list[bool] = []

    def handle_starttag(self, tag, attrs):
        if tag in {"input", "br", "img", "meta", "link", "hr"}:
            return
        classes = set((dict(attrs).get("class") or "").split())
        opens = bool(classes & self.CLASSES)
        self._stack.append(opens)
        if opens:
            self._depth += 1
            self.texts.append("")

    def handle_endtag(self, tag):
        if tag in {"input", "br", "img", "meta", "link", "hr"} or not self._stack:
            return
        if self._stack.pop():
            self._depth -= 1

    def handle_data(self, data):
        if self._depth:
            self.texts[-1] += data


def _error_texts(html: str) -> list[str]:
    parser = _ErrorTexts()
    parser.feed(html)
    return [" ".join(t.split()) for t in parser.texts if t.strip()]


def _english(html: str) -> list[str]:
    texts = _error_texts(html)
    found = [t for t in texts if any(f in t for f in ENGLISH_FRAGMENTS)]
    # Vietnamese sentences carry diacritics; an error written only in ASCII letters is English.
    found += [t for t in texts if t.isascii() and re.search(r"[A-Za-z]{3}", t)]
    return list(dict.fromkeys(found))


def test_english_detector_finds_wtforms_messages():
    html = '<p class="error">Not a valid integer value.</p><p class="error">Mã đơn sai.</p>'
    assert _english(html) == ["Not a valid integer value."]
    assert _english('<div class="flashes"><p class="flash flash-error">Try again</p></div>')


def test_every_form_answers_bad_values_in_vietnamese(app, world):
    clients = _clients(app, world)
    submitted, with_errors = set(), 0
    # Admins' decisions last: suspending the stall would take its pages away.
    for path in sorted(page_paths(app, world), key=lambda p: (p.startswith("/admin"), p)):
        for role, client in clients.items():
            response = client.get(path)
            if response.status_code != 200 or response.mimetype != "text/html":
                continue
            for form in post_forms(response.get_data(as_text=True)):
                for target in sorted(set(form.submit_actions) or {None}, key=str):
                    action = target or form.action or path
                    if action.endswith(SKIPPED) or (role, action) in submitted:
                        continue
                    submitted.add((role, action))
                    for label, bad in BAD_VALUES.items():
                        data = {
                            name: value if kind in KEEP_KINDS else bad
                            for name, (kind, value) in form.fields.items()
                            if kind != "button"  # sent as a plain submit: no "Remove"
                        }
                        answer = client.post(action, data=data, follow_redirects=True)
                        html = answer.get_data(as_text=True)
                        assert answer.status_code < 500, f"{role} {action} {label}: 500"
                        with_errors += bool(_error_texts(html))
                        english = _english(html)
                        assert not english, f"{role} POST {action} with {label}: {english}"
    actions = {a for _, a in submitted}
    for expected in (
        "/login",
        "/register",
        "/account",
        "/account/password",
        "/stalls/apply",
        f"/my/stalls/{world.url_values['stall_id']}/edit",
        f"/my/stalls/{world.url_values['stall_id']}/products/new",
        f"/my/products/{world.url_values['product_id']}/edit",
        f"/my/products/{world.url_values['product_id']}/photos",
        "/cart/update",
        "/cart/add",
        "/checkout",
        "/orders/lookup",
        f"/my/orders/{world.url_values['order_id']}/refund",
        "/language",
    ):
        assert expected in actions, f"no form posts to {expected}"
    assert any(a.startswith("/admin/stalls/") for a in actions)
    assert with_errors > 50


def test_every_form_speaks_the_readers_language():
    """Forms derive from marketplace.forms.Form, which translates WTForms' own messages."""
    import importlib
    import pkgutil

    from flask_wtf import FlaskForm

    import marketplace
    from marketplace.forms import Form

    for module in pkgutil.walk_packages(marketplace.__path__, "marketplace."):
        if module.name.endswith(".forms"):
            importlib.import_module(module.name)
    pending, found = list(FlaskForm.__subclasses__()), []
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.startswith("marketplace.") and cls is not Form:
            found.append(cls)
            assert issubclass(cls, Form), f"{cls.__module__}.{cls.__name__} is a bare FlaskForm"
    assert len(found) >= 9


def test_wtforms_own_messages_are_vietnamese(app):
    from wtforms import IntegerField, SelectField, StringField
    from wtforms.fields.choices import SelectChoice
    from wtforms.validators import Length

    from marketplace.forms import Form

    class Sample(Form):
        class Meta:
            csrf = False

        number = IntegerField()
        choice = SelectField(choices=[SelectChoice("a", "A")])
        text = StringField(validators=[Length(max=3)])

    from werkzeug.datastructures import MultiDict

    with app.test_request_context(headers={"Accept-Language": "vi"}):
        form = Sample(MultiDict({"number": "abc", "choice": "z", "text": "abcd"}))
        assert not form.validate()
        assert form.errors == {
            "number": ["Nhập một số nguyên."],
            "choice": ["Hãy chọn một mục trong danh sách."],
            "text": ["Không được dài quá 3 ký tự."],
        }
