"""Form pages in headless Chromium at 360x740 in Vietnamese: axe-core's aria-valid-attr-value
rule passes on every page (each has a form: at least the language switch), and a form sent
back with errors takes focus to its error summary.

axe-core comes from the npm registry (`make test` installs it under .cache/npm). With
AXE_REPORT=1 the full rule set also runs and its critical and serious findings are printed.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from marketplace import PROJECT_ROOT
from tests.form_pages import ROLES, build_world, page_paths
from tests.helpers import TEST_PASSWORD

AXE_JS = Path(PROJECT_ROOT) / ".cache" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
pytestmark = [
    pytest.mark.skipif(
        not AXE_JS.exists(),
        reason=f"axe-core is not installed at {AXE_JS}: run `make test` (it runs npm install)",
    ),
]
VIEWPORT = {"width": 360, "height": 740}


@pytest.fixture
def live(make_app, make_user, make_stall, make_product, live_server):
    """The app on a loopback server, with one of everything in it."""
    app = make_app()
    world = build_world(app, make_user, make_stall, make_product)
    return app, world, live_server(app)


def _phone(browser, base, user=None):
    context = browser.new_context(viewport=VIEWPORT, locale="vi-VN")
    page = context.new_page()
    if user is not None:
        page.goto(f"{base}/login")
        page.fill("#identifier", user.email)
        page.fill("#password", TEST_PASSWORD)
        page.click("main form button.button")
        # Shoppers land on the home page, owners and admins on their dashboards.
        page.wait_for_url(lambda url: "/login" not in url)
    return page


def _axe(page, rules: list[str] | None = None) -> list[dict]:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through DevTools: the site's CSP (rightly) refuses inline script tags.
        page.evaluate(AXE_JS.read_text() + "\n;undefined")
    options = {"runOnly": {"type": "rule", "values": rules}} if rules else {}
    result = page.evaluate(
        "async (options) => (await axe.run(document, options)).violations", options
    )
    return [
        {
            "rule": v["id"],
            "impact": v["impact"],
            "targets": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result
    ]


def test_aria_attributes_are_valid_on_every_form_page(live, browser):
    app, world, base = live
    full_report = os.environ.get("AXE_REPORT") == "1"
    checked, serious = 0, {}
    for role in ROLES:
        page = _phone(browser, base, world.user(role))
        page.goto(f"{base}/products/{world.url_values['product_id']}")
        page.click("form.add-to-cart button")  # so that the cart and checkout show their forms
        for path in page_paths(app, world):
            response = page.goto(f"{base}{path}")
            if response.status != 200 or "text/html" not in response.headers["content-type"]:
                continue
            if page.locator("form").count() == 0:
                continue
            checked += 1
            violations = _axe(page, ["aria-valid-attr-value"])
            assert not violations, f"{path} as {role}: {violations}"
            if full_report and path not in serious:
                serious[path] = [v for v in _axe(page) if v["impact"] in {"critical", "serious"}]
        page.context.close()
    assert checked > 30
    if full_report:
        print(f"\naxe: {checked} form pages (page x role), full rule set, critical and serious:")
        print(json.dumps({p: v for p, v in serious.items() if v}, ensure_ascii=False, indent=1))


def _focused(page) -> str:
    return page.evaluate("document.activeElement && document.activeElement.id")


def test_errors_take_focus_to_the_summary_at_the_top(live, browser):
    _app, world, base = live
    page = _phone(browser, base, world.shopper)
    page.goto(f"{base}/products/{world.url_values['product_id']}")
    page.click("form.add-to-cart button")
    page.goto(f"{base}/checkout")
    page.fill("#phone", "12")
    page.fill("#street", "")
    page.click("main form button.button >> nth=-1")  # the submit button far down the page
    page.wait_for_load_state()
    assert page.locator("#error-summary").count() == 1
    page.wait_for_function("document.activeElement && document.activeElement.id")
    assert _focused(page) == "error-summary"
    top = page.evaluate("document.getElementById('error-summary').getBoundingClientRect().top")
    assert 0 <= top < VIEWPORT["height"], top
    assert not _axe(page, ["aria-valid-attr-value"])

    page.click("#error-summary a[href='#phone']")
    assert _focused(page) == "phone"
    assert page.get_attribute("#phone", "aria-invalid") == "true"
    described = page.get_attribute("#phone", "aria-describedby")
    assert "phone-error" in described.split()

    # Without JavaScript the summary is still the first thing in the form.
    context = browser.new_context(viewport=VIEWPORT, locale="vi-VN", java_script_enabled=False)
    plain = context.new_page()
    plain.goto(f"{base}/login")
    plain.click("main form button.button")
    plain.wait_for_load_state()
    first = plain.evaluate("document.querySelector('main form > :not(input)').id")
    assert first == "error-summary"
    context.close()
