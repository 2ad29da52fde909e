"""The 34 provinces and 3,321 communes of July 2025, their order, and how forms offer them."""

from __future__ import annotations

import importlib.util
import json
import re
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import sqlalchemy as sa
from flask_migrate import upgrade
from sqlalchemy import func, select

from marketplace.extensions import db
from marketplace.reference.models import Commune, Province
from marketplace.reference.sorting import place_sort_key, vietnamese_sort_key

ROOT = Path(__file__).resolve().parents[2]


def _official() -> list[dict]:
    data = resources.files("vietnam_provinces").joinpath("data", "nested-divisions.json")
    return json.loads(data.read_text(encoding="utf-8"))


def _old_revision():
    """Revision 931348b7530d, whose demo communes got the ids that stalls point at."""
    [path] = (ROOT / "migrations" / "versions").glob("931348b7530d_*.py")
    spec = importlib.util.spec_from_file_location("rev_931348b7530d", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _province_id(code: str) -> int:
    return db.session.scalar(select(Province.id).where(Province.code == code))


def _commune_id(province_code: str, name: str) -> int:
    return db.session.scalar(
        select(Commune.id).where(
            Commune.province_id == _province_id(province_code), Commune.name == name
        )
    )


# --- The data -------------------------------------------------------------------------------


def test_the_pinned_package_has_the_2025_units():
    pins = (ROOT / "requirements.txt").read_text()
    [pinned] = re.findall(r"^vietnam-provinces==(\S+)$", pins, re.M)
    assert importlib.metadata.version("vietnam-provinces") == pinned
    official = _official()
    assert len(official) == 34
    assert sum(len(p["wards"]) for p in official) == 3321


def test_every_official_unit_is_loaded_with_its_code(app_ctx):
    official = _official()
    rows = db.session.execute(select(Province.official_code, Province.code)).all()
    assert len(rows) == 34
    assert {code: slug for code, slug in rows} == {
        f"{p['code']:02d}": p["codename"].replace("_", "-") for p in official
    }
    communes = db.session.execute(
        select(Commune.official_code, Province.official_code, Commune.name).join(Province)
    ).all()
    assert len(communes) == 3321
    expected = {
        f"{w['code']:05d}": (f"{p['code']:02d}", _same_name(w["name"]))
        for p in official
        for w in p["wards"]
    }
    loaded = {code: (province, _same_name(name)) for code, province, name in communes}
    assert loaded == expected


def _same_name(name: str) -> str:
    """Names as the demo rows write them: "xã", "phường" in lower case, one kind of apostrophe."""
    return " ".join(name.split()).replace("’", "'").replace("–", "-").casefold()


def test_demo_commune_ids_still_name_the_same_places(app_ctx):
    old = _old_revision()
    province_ids = {code: n for n, (code, _) in enumerate(old.PROVINCES, start=1)}
    renamed = {
        "xã Na Hang": "xã Nà Hang",
        "xã Kỳ Sơn": "xã Mường Xén",
        "xã Lắk": "xã Liên Sơn Lắk",
        "xã Lâm Viên": "phường Lâm Viên - Đà Lạt",
    }
    gone = {"xã Tam Đường", "xã Bảo Lộc", "xã Gia Nghĩa"}  # nothing pointed at them
    for code, name in old.PROVINCES:
        province = db.session.get(Province, province_ids[code])
        assert (province.code, province.name) == (code, name)
    commune_id = 0
    for code, names in old.COMMUNES.items():
        for name in names:
            commune_id += 1
            row = db.session.get(Commune, commune_id)
            if name in gone:
                assert row is None, name
                continue
            assert row.province_id == province_ids[code], name
            assert row.name == renamed.get(name, name)
            assert re.fullmatch(r"\d{5}", row.official_code)


def test_demo_catalogue_places_exist(app_ctx):
    from marketplace.demo.catalogue import DEMO_STALLS

    places = {(demo.province, demo.commune) for demo in DEMO_STALLS}
    assert places
    for province, commune in places:
        row = db.session.execute(
            select(Commune.official_code)
            .join(Province)
            .where(Province.name == province, Commune.name == commune)
        ).first()
        assert row is not None and row.official_code, (province, commune)


def test_a_demo_commune_in_use_is_kept_when_it_matches_no_official_one(tmp_path):
    from marketplace import create_app
    from tests.helpers import base_config

    app = create_app(base_config(f"sqlite:///{tmp_path}/old.sqlite3"))
    with app.app_context():
        upgrade(revision="6923ce8ec6a8")
        with db.engine.begin() as connection:
            old = dict(
                connection.execute(
                    sa.text(
                        "SELECT name, id FROM communes WHERE name IN ('xã Tam Đường', 'xã Bảo Lộc')"
                    )
                ).all()
            )
            connection.execute(
                sa.text(
                    "INSERT INTO checkouts (token, buyer_name, buyer_phone, province_id,"
                    " commune_id, street, note, created_at)"
                    " SELECT 't1', 'Lò Văn A', '+84912345678', province_id, id, 'Bản Nà Bó', '',"
                    " :now FROM communes WHERE id = :id"
                ),
                {"id": old["xã Tam Đường"], "now": datetime.now(UTC)},
            )
        upgrade()
        kept = db.session.get(Commune, old["xã Tam Đường"])
        assert kept.name == "xã Tam Đường" and kept.official_code is None
        assert kept.sort_key == place_sort_key("xã Tam Đường")
        assert db.session.get(Commune, old["xã Bảo Lộc"]) is None
        assert db.session.scalar(select(func.count(Commune.official_code))) == 3321
        db.engine.dispose()


# --- Vietnamese order -----------------------------------------------------------------------


def test_sort_key_follows_the_vietnamese_alphabet():
    alphabet = list("aăâbcdđeêghiklmnoôơpqrstuưvxy")
    assert sorted(reversed(alphabet), key=vietnamese_sort_key) == alphabet
    tones = ["ma", "mà", "mả", "mã", "má", "mạ"]
    assert sorted(reversed(tones), key=vietnamese_sort_key) == tones
    assert re.fullmatch(r"\d+", place_sort_key("xã Cư M'gar"))
    # The division type only breaks ties.
    assert sorted(["xã Tân Lập", "phường Tân An", "phường Tân Lập"], key=place_sort_key) == [
        "phường Tân An",
        "phường Tân Lập",
        "xã Tân Lập",
    ]


def test_provinces_are_in_vietnamese_order_in_the_database(app_ctx):
    names = db.session.scalars(select(Province.name).order_by(Province.sort_key)).all()
    for first, then in [("Cà Mau", "Cao Bằng"), ("Hà Nội", "Huế"), ("Hải Phòng", "Hưng Yên")]:
        assert names.index(first) < names.index(then), (first, then)
    assert names[0] == "An Giang" and names[-1] == "Vĩnh Long"
    assert names.index("Đồng Tháp") < names.index("Gia Lai") < names.index("Hà Nội")
    assert names == sorted(names, key=place_sort_key)


def test_stored_sort_keys_and_commune_order(app_ctx):
    rows = db.session.execute(
        select(Commune.province_id, Commune.name, Commune.sort_key).order_by(
            Commune.province_id, Commune.sort_key
        )
    ).all()
    assert all(key == place_sort_key(name) for _, name, key in rows)
    assert all(re.fullmatch(r"\d+", key) for key in db.session.scalars(select(Province.sort_key)))
    by_province: dict[int, list[str]] = {}
    for province_id, name, _ in rows:
        by_province.setdefault(province_id, []).append(name)
    for names in by_province.values():
        assert names == sorted(names, key=place_sort_key)
    hanoi = by_province[_province_id("ha-noi")]
    assert (
        hanoi.index("phường Ba Đình") < hanoi.index("xã Bát Tràng") < hanoi.index("phường Cầu Giấy")
    )


# --- The commune endpoint -------------------------------------------------------------------


def test_communes_of_a_province_as_json(app, client):
    with app.app_context():
        da_nang = _province_id("da-nang")
        expected = db.session.scalars(
            select(Commune.name).where(Commune.province_id == da_nang).order_by(Commune.sort_key)
        ).all()
    response = client.get(f"/reference/provinces/{da_nang}/communes")
    assert response.status_code == 200
    assert "max-age" in response.headers["Cache-Control"]
    body = response.get_json()
    assert body["province"]["name"] == "Đà Nẵng"
    assert body["province"]["code"] == "48"
    assert [c["name"] for c in body["communes"]] == expected
    assert len(expected) == 94
    again = client.get(
        f"/reference/provinces/{da_nang}/communes",
        headers={"If-None-Match": response.headers["ETag"]},
    )
    assert again.status_code == 304
    missing = client.get(
        "/reference/provinces/99999/communes", headers={"Accept": "application/json"}
    )
    assert missing.status_code == 404
    assert missing.get_json()["error"]["code"] == 404
    huge = client.get("/reference/provinces/99999999999999999999/communes")
    assert huge.status_code == 404
