"""Every page of the app, as each kind of user sees it: the list form tests walk.

The pages come from the app's URL map, so a new page (and the form on it) is checked without
anyone remembering to add it; a new URL argument fails loudly until it is taught here.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

import sqlalchemy as sa

from marketplace.extensions import db
from tests.helpers import TEST_PASSWORD, live_session_with_offer, place_order, studio_with_session

# Endpoints that never answer with an HTML page.
NOT_PAGES = {
    "static",
    "media.media",
    "ops.healthz",
    "reference.province_communes",
    "livestreams.calendar_feed",
    "livestreams.stall_calendar",
    "livestreams.session_calendar",
    "livestreams.seen",  # the session page's 1×1 image
}
# stats: CSV downloads
NOT_PAGES |= {"livestats.owner_dashboard_csv", "livestats.overview_csv", "livestats.timeline_csv"}
ROLES = ("anonymous", "shopper", "owner", "admin")


@dataclass
class World:
    """One of everything: a stall with a product, an order paid by card after it expired (so
    the owner can refund an amount), a shopper with a cart, and an admin."""

    shopper: object
    owner: object
    admin: object
    url_values: dict

    def user(self, role: str):
        return None if role == "anonymous" else getattr(self, role)


def build_world(app, make_user, make_stall, make_product) -> World:
    from marketplace.orders.models import Order

    owner, shopper, admin = make_user(), make_user(), make_user(is_admin=True)
    stall = make_stall(owner)
    product = make_product(stall, stock=50)
    buyer = app.test_client()
    response = place_order(app, buyer, [(product, 1)])
    assert response.status_code == 302, response.get_data(as_text=True)
    token = response.headers["Location"].rsplit("/", 1)[1]
    with app.app_context():
        order = db.session.scalar(sa.select(Order).where(Order.stall_id == stall.id))
        db.session.execute(
            sa.update(Order)
            .where(Order.id == order.id)
            .values(status="cancelled", payment_method="card", paid_after_end=True)
        )
        db.session.commit()
        _pending, studio_id = studio_with_session(stall)
        values = {
            "studio_id": studio_id,
            "stall_id": stall.id,
            "slug": stall.slug,
            "product_id": product.id,
            "order_id": order.id,
            "token": token,
            "code": order.code,
            "livestream_id": live_session_with_offer(stall, product),
        }
    return World(shopper=shopper, owner=owner, admin=admin, url_values=values)


def page_paths(app, world: World) -> list[str]:
    """The path of every GET page in the URL map, filled in with the world's objects."""
    paths = []
    with app.test_request_context():
        from flask import url_for

        for rule in app.url_map.iter_rules():
            if "GET" not in rule.methods or rule.endpoint in NOT_PAGES:
                continue
            unknown = set(rule.arguments) - set(world.url_values)
            assert not unknown, f"teach tests/form_pages.py a value for {unknown} ({rule.rule})"
            paths.append(url_for(rule.endpoint, **{k: world.url_values[k] for k in rule.arguments}))
    return sorted(set(paths))


def logged_in_client(app, user):
    from tests.helpers import login

    client = app.test_client()
    if user is not None:
        response = login(client, user.email, TEST_PASSWORD)
        assert response.status_code == 302, response.get_data(as_text=True)
    return client


@dataclass
class FormInfo:
    action: str | None
    fields: dict  # name -> (kind, value): kind is the tag, or the input's type
    submit_actions: list  # formaction of each submit button (None: the form's own action)


class FormParser(HTMLParser):
    """The POST forms of a page, with their fields and the buttons that send them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[FormInfo] = []
        self._current: FormInfo | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            if (a.get("method") or "get").lower() == "post":
                self._current = FormInfo(a.get("action"), {}, [])
            return
        form = self._current
        if form is None:
            return
        name = a.get("name")
        if tag == "button" and (a.get("type") or "submit") == "submit":
            form.submit_actions.append(a.get("formaction"))
            if name:
                form.fields.setdefault(name, ("button", a.get("value") or ""))
        elif tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in {"radio", "checkbox"} and name in form.fields:
                return
            form.fields[name] = (kind, a.get("value") or "")
        elif tag in {"textarea", "select"} and name:
            form.fields[name] = (tag, "")

    def handle_endtag(self, tag):
        if tag == "form" and self._current is not None:
            self.forms.append(self._current)
            self._current = None


def post_forms(html: str) -> list[FormInfo]:
    parser = FormParser()
    parser.feed(html)
    return parser.forms
