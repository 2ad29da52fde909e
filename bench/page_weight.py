"""How heavy the main pages are for a phone: bytes and requests at a 360 px viewport.

Usage: start the demo (`make run`), then
    .venv/bin/python bench/page_weight.py [http://127.0.0.1:5000]
Needs Debian's chromium (/usr/bin/chromium). Prints one line per page: HTML bytes, total
bytes fetched before the user scrolls (images below the fold load lazily), request count and
the load time on loopback (no network throttling: compare bytes, not times).
"""

from __future__ import annotations

import sys
import time

from playwright.sync_api import sync_playwright

PAGES = ["/", "/products", "/products?q=man+say", "/products?category=tea&sort=price_asc"]
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def measure(base: str) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": 360, "height": 760}, locale="vi-VN")
        # A product and a stall page, found from the listing.
        page.goto(base + "/products")
        product = page.locator(".product-card a").first.get_attribute("href")
        page.goto(base + product)
        stall = page.locator(".stall-line a").first.get_attribute("href")
        print(f"{'page':45} {'html':>8} {'total':>9} {'reqs':>5} {'ms':>6}")
        for path in [*PAGES, product, stall]:
            context = browser.new_context(viewport={"width": 360, "height": 760}, locale="vi-VN")
            tab = context.new_page()
            sizes: dict[str, int] = {}

            def on_response(response, sizes=sizes):
                try:
                    sizes[response.url] = len(response.body())
                except Exception:  # redirects have no body
                    sizes[response.url] = 0

            tab.on("response", on_response)
            started = time.perf_counter()
            tab.goto(base + path, wait_until="networkidle")
            elapsed = (time.perf_counter() - started) * 1000
            html = sizes.get(base + path, 0)
            print(f"{path:45} {html:8,} {sum(sizes.values()):9,} {len(sizes):5} {elapsed:6.0f}")
            context.close()
        browser.close()


if __name__ == "__main__":
    measure(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:5000")
