"""The demo's data files load, agree with each other and with the reference data (issue 8, item 5).

A typo in a data file fails here, with the file and the record named, instead of in a demo.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, select

from marketplace.accounts.models import User
from marketplace.demo.catalogue import (
    DATA_DIR,
    ORDER_STEPS,
    PAYMENT_METHODS,
    STALL_STATUSES,
    DemoDataError,
    check_reference,
    load_catalogue,
)
from marketplace.demo.seed import load_reference
from marketplace.extensions import db


def test_the_shipped_demo_data_loads_and_matches_the_reference_data(app_ctx):
    catalogue = load_catalogue()
    check_reference(catalogue, load_reference())

    assert Counter(p.role for p in catalogue.people).keys() == {"admin", "owner", "shopper"}
    assert {s.status for s in catalogue.stalls} == set(STALL_STATUSES)
    approved = [s for s in catalogue.stalls if s.status == "approved"]
    assert len(approved) >= 30 and all(s.products for s in approved)
    assert sum(len(s.products) for s in catalogue.stalls) >= 120
    # The demo orders show every state and both ways to pay.
    assert {step for o in catalogue.orders for step in o.steps} == set(ORDER_STEPS)
    assert {o.method for o in catalogue.orders} == set(PAYMENT_METHODS)
    assert any(not o.steps for o in catalogue.orders)  # one still waits for its transfer


def test_the_data_files_are_utf8_json_inside_the_package():
    files = sorted(p.name for p in DATA_DIR.glob("*.json"))
    assert files == [
        "livestreams.json",
        "orders.json",
        "people.json",
        "products.json",
        "stalls.json",
        "studios.json",
    ]
    assert Path(DATA_DIR).is_relative_to(Path(__file__).parents[1] / "marketplace" / "demo")
    stalls = json.loads((DATA_DIR / "stalls.json").read_bytes().decode("utf-8"))
    assert any(s["province"] == "Đắk Lắk" for s in stalls)


def _broken_copy(tmp_path: Path, file: str, change) -> Path:
    directory = tmp_path / "data"
    shutil.copytree(DATA_DIR, directory)
    records = json.loads((directory / file).read_text(encoding="utf-8"))
    change(records)
    (directory / file).write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    return directory


def _product(name: str):
    def find(records):
        return next(r for r in records if r["name"] == name)

    return find


BROKEN = {
    "missing price": (
        "products.json",
        lambda rs: _product("Mận sấy dẻo Tam Hoa")(rs).pop("price"),
        "products.json, record 1 ('Mận sấy dẻo Tam Hoa'): missing 'price'",
    ),
    "price as text": (
        "products.json",
        lambda rs: _product("Mận sấy dẻo Tam Hoa")(rs).update(price="120.000"),
        "'price' must be a whole number, found '120.000'",
    ),
    "bad OCOP date": (
        "products.json",
        lambda rs: _product("Mận sấy dẻo Tam Hoa")(rs)["ocop"].update(issued="20/05/2025"),
        "'ocop': 'issued' must be a date like 2025-05-20, found '20/05/2025'",
    ),
    "unknown stall of a product": (
        "products.json",
        lambda rs: rs[0].update(stall="man-tam-hoa"),
        "products.json, record 1 ('Mận sấy dẻo Tam Hoa'): stall 'man-tam-hoa' is not in",
    ),
    "misspelt key": (
        "stalls.json",
        lambda rs: rs[0].update(zalo=rs[0].pop("zalo_phone")),
        "stalls.json, record 1 ('man-tam-hoa-bac-ha'): unknown key(s) 'zalo'",
    ),
    "unknown stall status": (
        "stalls.json",
        lambda rs: rs[0].update(status="approve"),
        "'status' is 'approve', not one of approved, pending, changes_requested",
    ),
    "owner not in people": (
        "stalls.json",
        lambda rs: rs[0].update(owner="my.thao@example.com"),
        "owner 'my.thao@example.com' is not an owner in people.json",
    ),
    "duplicate email": (
        "people.json",
        lambda rs: rs[1].update(email=rs[0]["email"]),
        "people.json, record 2 ('admin@chophien.example'): email 'admin@chophien.example' "
        "appears twice",
    ),
    "unknown role": (
        "people.json",
        lambda rs: rs[0].update(role="seller"),
        "'role' is 'seller', not one of admin, owner, shopper",
    ),
    "order of a product the stall does not sell": (
        "orders.json",
        lambda rs: rs[0]["items"][0].update(product="Mận sấy"),
        "orders.json, record 1 ('demo-01'), item 1: product 'Mận sấy' is not a product of",
    ),
    "unknown order step": (
        "orders.json",
        lambda rs: rs[1]["steps"].append("ship it"),
        "orders.json, record 2 ('demo-02'): step 'ship it' is not one of",
    ),
    "refund without a reason": (
        "orders.json",
        lambda rs: next(r for r in rs if "refund" in r["steps"]).pop("reason"),
        "missing 'reason'",
    ),
    # stats: the demo's livestreams (issue 9, item 11)
    "live price not below the price": (
        "livestreams.json",
        lambda rs: rs[0]["products"][0].update(live_price=150_000),
        "livestreams.json, record 1 ('Cà phê Khe Sanh: từ nương đồi đến ly phin'), product 1: "
        "'live_price' 150000 must be below the price 150000",
    ),
    "featured product of another stall": (
        "livestreams.json",
        lambda rs: rs[0]["products"][0].update(product="Mận sấy dẻo Tam Hoa"),
        "product 'Mận sấy dẻo Tam Hoa' is not a product of stall 'ca-phe-khe-sanh'",
    ),
    "session outside the studio's hours": (
        "livestreams.json",
        lambda rs: rs[0].update(start="22:30"),
        "'start' 22:30:00 is outside the opening hours of 'Nhà văn hoá số xã Khe Sanh'",
    ),
    "past session without an audience": (
        "livestreams.json",
        lambda rs: rs[0].pop("audience"),
        "missing 'audience'",
    ),
    "two live sessions": (
        "livestreams.json",
        lambda rs: rs[1].update(when="live"),
        "livestreams.json: at most one session may be live",
    ),
    "studio hours backwards": (
        "studios.json",
        lambda rs: rs[0].update(opens_at="23:00"),
        "studios.json, record 1 ('Nhà văn hoá số xã Khe Sanh'): 'opens_at' must be before",
    ),
}


@pytest.mark.parametrize("case", BROKEN)
def test_a_broken_record_fails_naming_its_file_and_record(tmp_path, case):
    file, change, message = BROKEN[case]
    with pytest.raises(DemoDataError) as failure:
        load_catalogue(_broken_copy(tmp_path, file, change))
    assert message in str(failure.value)


def test_a_file_that_is_not_json_fails_naming_it(tmp_path):
    directory = _broken_copy(tmp_path, "people.json", lambda rs: None)
    (directory / "people.json").write_text('[{"email": "a@b.example",]', encoding="utf-8")
    with pytest.raises(DemoDataError, match=r"^people\.json: not valid UTF-8 JSON"):
        load_catalogue(directory)


def _misspelt_place(records):
    records[0]["province"] = "Lào Cay"


@pytest.mark.parametrize(
    ("file", "change", "message"),
    [
        (
            "stalls.json",
            _misspelt_place,
            "stalls.json, record 1 ('man-tam-hoa-bac-ha'): province 'Lào Cay' is not a known",
        ),
        (
            "stalls.json",
            lambda rs: rs[0].update(commune="xã Bắc Hà 2"),
            "commune 'xã Bắc Hà 2' is not a commune of 'Lào Cai'",
        ),
        (
            "stalls.json",
            lambda rs: rs[0].update(bank_bin="970499"),
            "bank_bin '970499' is not a known bank",
        ),
        (
            "products.json",
            lambda rs: rs[0].update(category="dried-fruits"),
            "products.json, product 'Mận sấy dẻo Tam Hoa' of 'man-tam-hoa-bac-ha': category "
            "'dried-fruits' is not one of",
        ),
    ],
)
def test_a_name_missing_from_the_reference_data_fails_naming_the_record(
    app_ctx, tmp_path, file, change, message
):
    catalogue = load_catalogue(_broken_copy(tmp_path, file, change))  # well-formed, so it loads
    with pytest.raises(DemoDataError) as failure:
        check_reference(catalogue, load_reference())
    assert message in str(failure.value)


def test_seed_demo_refuses_data_with_a_misspelt_place_and_creates_nothing(
    app, runner, tmp_path, monkeypatch
):
    broken = load_catalogue(_broken_copy(tmp_path, "stalls.json", _misspelt_place))
    monkeypatch.setattr("marketplace.demo.seed.demo_catalogue", lambda: broken)
    result = runner.invoke(args=["seed-demo", "--no-photos"])
    assert result.exit_code == 1
    assert "Demo data not seeded: stalls.json, record 1" in result.output
    assert "province 'Lào Cay'" in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(User)) == 0
