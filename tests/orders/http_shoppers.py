"""Shoppers over real HTTP for the checkout race tests: each gets a session, a cart and a
checkout form, and `at_once` sends their submissions together."""

import re
import threading
from concurrent.futures import ThreadPoolExecutor

import requests

from tests.helpers import reference_ids

CSRF = re.compile(r'<meta name="csrf-token" content="([^"]+)">')
TOKEN = re.compile(r'<input id="token" name="token" type="hidden" value="([^"]+)">')
SHOWN = re.compile(r'<input id="shown" name="shown" type="hidden" value="([^"]*)">')


def shopper_ready_to_pay(base: str, product_id: int, form: dict) -> tuple[requests.Session, dict]:
    session = requests.Session()
    csrf = CSRF.search(session.get(f"{base}/").text).group(1)
    session.post(
        f"{base}/cart/add",
        data={"product_id": product_id, "quantity": 1, "csrf_token": csrf},
        timeout=30,
    )
    page = session.get(f"{base}/checkout", timeout=30).text
    shown = SHOWN.search(page).group(1)
    return session, {
        **form,
        "token": TOKEN.search(page).group(1),
        "shown": shown,
        "csrf_token": csrf,
    }


def place(base, session, data):
    return session.post(
        f"{base}/checkout", data=data, allow_redirects=False, timeout=60
    ).status_code


def buyer_form(app):
    with app.app_context():
        ids = reference_ids("dak-lak", "xã Ea Knốp")
    return {
        "name": "Người mua",
        "phone": "0987 654 321",
        "province_id": ids["province_id"],
        "commune_id": ids["commune_id"],
        "street": "Buôn Ea Knốp",
        "email": "",
    }


def at_once(calls):
    """Run every call at the same moment (a barrier), each in its own thread; their results."""
    barrier = threading.Barrier(len(calls))

    def run(call):
        barrier.wait()
        return call()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))
