"""The demo's people, stalls, products and orders, read from the JSON files in `data/`.

Names, places and prices are realistic but invented: the people, phone numbers and bank accounts
do not exist. Provinces are the ones in force since the 2025 merger (e.g. Hà Giang is now part of
Tuyên Quang, Bắc Kạn part of Thái Nguyên, Yên Bái part of Lào Cai); communes are the post-merger
ones. OCOP certificates issued before the merger keep the old province code (HG, BK, HB).

Every file is checked when it is loaded (required keys, types, allowed values, references between
the files), and `check_reference` checks the places, banks and categories against the reference
data in the database, so a typo fails a test with the file and record named, not a demo.

- `people.json`: accounts. Those with a `place` are listed in `flask seed-demo`'s login hint;
  the others own the rest of the catalogue's stalls.
- `stalls.json`: stalls (owner by email, bank by its NAPAS BIN, status approved, pending or
  changes_requested, which needs a `status_reason`).
- `products.json`: products in their stall's order (stall by slug, price in whole đồng,
  `weight_grams` 0 for homestays and tours, optional `ocop` with stars, certificate, issue date).
- `orders.json`: the demo's orders (checkout token `demo-NN`, buyer by email, products by name
  within the stall, payment method, and the steps the seed then takes: confirm, pay, pack, ship,
  deliver, cancel, refund, expire; cancel and refund need a `reason`).
- `studios.json`: shared livestream studios (name, place, opening hours in Vietnam time).
- `livestreams.json`: livestream sessions of approved stalls. `when` is past (with an
  `audience`: views, unique viewers and paid-or-not orders to simulate, and optionally the
  platform's own figures), live (moved to cover "now" at every seed), upcoming or pending (`day`
  days after today, at `start` Vietnam time, moved forward when that has passed).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).with_name("data")

ROLES = ("admin", "owner", "shopper")
LANGUAGES = ("vi", "en")
STALL_STATUSES = ("approved", "pending", "changes_requested")  # what the seed knows to make
PAYMENT_METHODS = ("vietqr", "card")
ORDER_STEPS = ("confirm", "pay", "pack", "ship", "deliver", "cancel", "refund", "expire")
LIVESTREAM_WHEN = ("past", "live", "upcoming", "pending")
LIVESTREAM_PLATFORMS = ("tiktok", "facebook", "youtube", "zalo", "shopee", "other")
PLATFORM_FIGURES = ("views", "peak_viewers", "likes", "comments", "shares", "orders")


class DemoDataError(ValueError):
    """A demo data file is malformed; the message names the file and the record."""


@dataclass(frozen=True)
class DemoPerson:
    email: str
    full_name: str
    phone: str
    role: str  # admin | owner | shopper
    language: str = "vi"
    place: str | None = None  # shown in the login hint; None: not listed


@dataclass(frozen=True)
class DemoProduct:
    name: str
    description: str  # plain text, may contain "\n"
    category: str  # a category slug of the reference data
    price: int  # whole đồng
    stock: int
    unit_label: str
    weight_grams: int  # shipping weight; 0 for homestay and tours
    ocop_stars: int | None = None
    ocop_certificate: str | None = None
    ocop_issued: date | None = None


@dataclass(frozen=True)
class DemoStall:
    slug: str
    name: str
    owner_email: str
    story: str
    province: str
    commune: str
    pickup_address: str
    contact_phone: str
    zalo_phone: str
    bank_bin: str
    account_number: str
    account_name: str
    status: str  # approved | pending | changes_requested
    status_reason: str | None
    products: tuple[DemoProduct, ...]


@dataclass(frozen=True)
class DemoOrder:
    token: str
    buyer_email: str
    stall_slug: str
    items: tuple[tuple[str, int], ...]  # (product name, quantity)
    method: str
    steps: tuple[str, ...]
    street: str
    reason: str | None  # for a cancel or a refund


@dataclass(frozen=True)
class DemoStudio:
    name: str
    description: str
    province: str
    commune: str
    address: str
    opens_at: time  # Vietnam time
    closes_at: time
    open_weekdays: str  # ISO weekday digits


@dataclass(frozen=True)
class DemoFeatured:
    product: str  # a product name of the session's stall
    live_price: int | None
    per_buyer_limit: int | None


@dataclass(frozen=True)
class DemoAudience:
    views: int
    viewers: int  # unique viewers
    orders: int  # attributed orders (most paid, some cancelled or expired)


@dataclass(frozen=True)
class DemoLivestream:
    stall_slug: str
    title: str
    description: str
    platform: str
    url: str
    when: str  # past | live | upcoming | pending
    day: int  # days from today (Vietnam time); unused for live
    start: time  # Vietnam time; unused for live
    minutes: int
    studio: str | None
    products: tuple[DemoFeatured, ...]
    audience: DemoAudience | None = None
    platform_report: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class DemoCatalogue:
    people: tuple[DemoPerson, ...]
    stalls: tuple[DemoStall, ...]
    orders: tuple[DemoOrder, ...]
    studios: tuple[DemoStudio, ...] = ()
    livestreams: tuple[DemoLivestream, ...] = ()


@dataclass(frozen=True)
class Reference:
    """Names the demo data may use, as the reference data (migrations) defines them."""

    provinces: frozenset[str]
    communes: frozenset[tuple[str, str]]  # (province name, commune name)
    bank_bins: frozenset[str]
    categories: frozenset[str]  # slugs


# --------------------------------------------------------------------------------- reading


class _Record:
    """One JSON object of a file, with typed accessors that fail naming the file and record."""

    def __init__(self, file: str, index: int, raw: Any, key: str) -> None:
        self.file, self.index, self.raw = file, index, raw
        label = raw.get(key) if isinstance(raw, dict) else None
        self.label = f"{file}, record {index + 1}" + (f" ({label!r})" if label else "")
        if not isinstance(raw, dict):
            self.fail(f"expected an object, found {type(raw).__name__}")

    def fail(self, problem: str) -> None:
        raise DemoDataError(f"{self.label}: {problem}")

    def get(self, key: str, kind: type | tuple[type, ...], *, required: bool = True) -> Any:
        if key not in self.raw or self.raw[key] is None:
            if required:
                self.fail(f"missing {key!r}")
            return None
        value = self.raw[key]
        if (isinstance(value, bool) and kind is not bool) or not isinstance(value, kind):
            self.fail(f"{key!r} must be {_kind_name(kind)}, found {value!r}")
        if isinstance(value, str) and not value.strip():
            self.fail(f"{key!r} is empty")
        return value

    def text(self, key: str, *, required: bool = True) -> Any:
        return self.get(key, str, required=required)

    def number(self, key: str, minimum: int = 0, *, required: bool = True) -> Any:
        value = self.get(key, int, required=required)
        if value is not None and value < minimum:
            self.fail(f"{key!r} must be at least {minimum}, found {value}")
        return value

    def choice(self, key: str, allowed: Iterable[str], *, required: bool = True) -> Any:
        value = self.text(key, required=required)
        allowed = tuple(allowed)
        if value is not None and value not in allowed:
            self.fail(f"{key!r} is {value!r}, not one of {', '.join(allowed)}")
        return value

    def check_keys(self, known: Iterable[str]) -> None:
        unknown = sorted(set(self.raw) - set(known))
        if unknown:
            self.fail(f"unknown key(s) {', '.join(map(repr, unknown))}")


def _kind_name(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    names = {str: "text", int: "a whole number", list: "a list", dict: "an object"}
    return " or ".join(names.get(k, k.__name__) for k in kinds)


def _records(directory: Path, file: str, key: str) -> list[_Record]:
    path = directory / file
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise DemoDataError(f"{file}: missing from {directory}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DemoDataError(f"{file}: not valid UTF-8 JSON ({exc})") from exc
    if not isinstance(raw, list):
        raise DemoDataError(f"{file}: expected a list of records")
    return [_Record(file, i, item, key) for i, item in enumerate(raw)]


def _unique(records: list[_Record], key: str, values: list[Any]) -> None:
    seen: set[Any] = set()
    for record, value in zip(records, values, strict=True):
        if value in seen:
            record.fail(f"{key} {value!r} appears twice")
        seen.add(value)


def _person(r: _Record) -> DemoPerson:
    r.check_keys(("email", "full_name", "phone", "role", "language", "place"))
    email = r.text("email")
    if "@" not in email:
        r.fail(f"'email' {email!r} is not an email address")
    return DemoPerson(
        email=email,
        full_name=r.text("full_name"),
        phone=r.text("phone"),
        role=r.choice("role", ROLES),
        language=r.choice("language", LANGUAGES, required=False) or "vi",
        place=r.text("place", required=False),
    )


_STALL_KEYS = (
    "slug",
    "name",
    "owner",
    "story",
    "province",
    "commune",
    "pickup_address",
    "contact_phone",
    "zalo_phone",
    "bank_bin",
    "account_number",
    "account_name",
    "status",
    "status_reason",
)


def _stall(r: _Record, owners: set[str], products: tuple[DemoProduct, ...]) -> DemoStall:
    r.check_keys(_STALL_KEYS)
    owner = r.text("owner")
    if owner not in owners:
        r.fail(f"owner {owner!r} is not an owner in people.json")
    status = r.choice("status", STALL_STATUSES)
    reason = r.text("status_reason", required=status == "changes_requested")
    return DemoStall(
        slug=r.text("slug"),
        name=r.text("name"),
        owner_email=owner,
        story=r.text("story"),
        province=r.text("province"),
        commune=r.text("commune"),
        pickup_address=r.text("pickup_address"),
        contact_phone=r.text("contact_phone"),
        zalo_phone=r.text("zalo_phone"),
        bank_bin=r.text("bank_bin"),
        account_number=r.text("account_number"),
        account_name=r.text("account_name"),
        status=status,
        status_reason=reason,
        products=products,
    )


_PRODUCT_KEYS = (
    "stall",
    "name",
    "category",
    "price",
    "stock",
    "unit_label",
    "weight_grams",
    "description",
    "ocop",
)


def _product(r: _Record) -> DemoProduct:
    r.check_keys(_PRODUCT_KEYS)
    ocop = r.get("ocop", dict, required=False)
    stars = certificate = issued = None
    if ocop is not None:
        o = _Record(r.file, r.index, ocop, "certificate")
        o.label = f"{r.label}, 'ocop'"
        o.check_keys(("stars", "certificate", "issued"))
        stars = o.number("stars", 1)
        if stars > 5:
            o.fail(f"'stars' must be 1 to 5, found {stars}")
        certificate = o.text("certificate")
        try:
            issued = date.fromisoformat(o.text("issued"))
        except ValueError:
            o.fail(f"'issued' must be a date like 2025-05-20, found {ocop['issued']!r}")
    return DemoProduct(
        name=r.text("name"),
        description=r.text("description"),
        category=r.text("category"),
        price=r.number("price", 1),
        stock=r.number("stock"),
        unit_label=r.text("unit_label"),
        weight_grams=r.number("weight_grams"),
        ocop_stars=stars,
        ocop_certificate=certificate,
        ocop_issued=issued,
    )


def _order(r: _Record, buyers: set[str], stalls: Mapping[str, DemoStall]) -> DemoOrder:
    r.check_keys(("token", "buyer", "stall", "street", "items", "method", "steps", "reason"))
    token = r.text("token")
    if not token.startswith("demo-"):
        r.fail(f"'token' {token!r} must start with 'demo-' (the seed finds its orders by it)")
    buyer = r.text("buyer")
    if buyer not in buyers:
        r.fail(f"buyer {buyer!r} is not in people.json")
    stall = stalls.get(r.text("stall"))
    if stall is None or stall.status != "approved":
        r.fail(f"stall {r.raw['stall']!r} is not an approved stall in stalls.json")
    names = {p.name for p in stall.products}
    items = []
    for n, raw in enumerate(r.get("items", list)):
        item = _Record(r.file, r.index, raw, "product")
        item.label = f"{r.label}, item {n + 1}"
        item.check_keys(("product", "quantity"))
        name = item.text("product")
        if name not in names:
            item.fail(f"product {name!r} is not a product of stall {stall.slug!r}")
        items.append((name, item.number("quantity", 1)))
    if not items:
        r.fail("'items' is empty")
    steps = tuple(r.get("steps", list))
    for step in steps:
        if step not in ORDER_STEPS:
            r.fail(f"step {step!r} is not one of {', '.join(ORDER_STEPS)}")
    return DemoOrder(
        token=token,
        buyer_email=buyer,
        stall_slug=stall.slug,
        items=tuple(items),
        method=r.choice("method", PAYMENT_METHODS),
        steps=steps,
        street=r.text("street"),
        reason=r.text("reason", required=bool({"cancel", "refund"} & set(steps))),
    )


def _clock(r: _Record, key: str) -> time:
    try:
        return time.fromisoformat(r.text(key))
    except ValueError:
        r.fail(f"{key!r} must be a time like 20:00, found {r.raw[key]!r}")
        raise  # unreachable: fail raises


_STUDIO_KEYS = (
    "name",
    "description",
    "province",
    "commune",
    "address",
    "opens_at",
    "closes_at",
    "open_weekdays",
)


def _studio(r: _Record) -> DemoStudio:
    r.check_keys(_STUDIO_KEYS)
    opens_at, closes_at = _clock(r, "opens_at"), _clock(r, "closes_at")
    if opens_at >= closes_at:
        r.fail("'opens_at' must be before 'closes_at'")
    days = r.text("open_weekdays")
    if not set(days) <= set("1234567"):
        r.fail(f"'open_weekdays' must be ISO weekday digits 1-7, found {days!r}")
    return DemoStudio(
        name=r.text("name"),
        description=r.text("description"),
        province=r.text("province"),
        commune=r.text("commune"),
        address=r.raw.get("address") or "",
        opens_at=opens_at,
        closes_at=closes_at,
        open_weekdays=days,
    )


_LIVESTREAM_KEYS = (
    "stall",
    "title",
    "description",
    "platform",
    "url",
    "when",
    "day",
    "start",
    "minutes",
    "studio",
    "products",
    "audience",
    "platform_report",
)


def _livestream(
    r: _Record, stalls: Mapping[str, DemoStall], studios: Mapping[str, DemoStudio]
) -> DemoLivestream:
    r.check_keys(_LIVESTREAM_KEYS)
    stall = stalls.get(r.text("stall"))
    if stall is None or stall.status != "approved":
        r.fail(f"stall {r.raw['stall']!r} is not an approved stall in stalls.json")
    when = r.choice("when", LIVESTREAM_WHEN)
    url = r.text("url")
    if not url.startswith("https://"):
        r.fail(f"'url' must start with https://, found {url!r}")
    minutes = r.number("minutes", 15)
    if minutes > 360:
        r.fail(f"'minutes' must be 15 to 360, found {minutes}")
    live = when == "live"
    day = r.get("day", int, required=not live) or 0
    if (when == "past" and day >= 0) or (when in {"upcoming", "pending"} and day < 1):
        r.fail(f"'day' {day} does not fit a {when} session (past: below 0; later: 1 or more)")
    start = time(0) if live else _clock(r, "start")
    studio = r.text("studio", required=False)
    if studio is not None:
        hours = studios.get(studio)
        if hours is None:
            r.fail(f"studio {studio!r} is not in studios.json")
        if not live and not hours.opens_at <= start <= hours.closes_at:
            r.fail(f"'start' {start} is outside the opening hours of {studio!r}")
    return DemoLivestream(
        stall_slug=stall.slug,
        title=r.text("title"),
        description=r.text("description"),
        platform=r.choice("platform", LIVESTREAM_PLATFORMS),
        url=url,
        when=when,
        day=day,
        start=start,
        minutes=minutes,
        studio=studio,
        products=_featured(r, stall),
        audience=_audience(r, required=when == "past"),
        platform_report=_platform_report(r),
    )


def _featured(r: _Record, stall: DemoStall) -> tuple[DemoFeatured, ...]:
    prices = {p.name: p.price for p in stall.products}
    featured = []
    for n, raw in enumerate(r.get("products", list)):
        item = _Record(r.file, r.index, raw, "product")
        item.label = f"{r.label}, product {n + 1}"
        item.check_keys(("product", "live_price", "limit"))
        name = item.text("product")
        if name not in prices:
            item.fail(f"product {name!r} is not a product of stall {stall.slug!r}")
        live_price = item.number("live_price", 1, required=False)
        if live_price is not None and live_price >= prices[name]:
            item.fail(f"'live_price' {live_price} must be below the price {prices[name]}")
        featured.append(DemoFeatured(name, live_price, item.number("limit", 1, required=False)))
    return tuple(featured)


def _audience(r: _Record, *, required: bool) -> DemoAudience | None:
    raw = r.get("audience", dict, required=required)
    if raw is None:
        return None
    a = _Record(r.file, r.index, raw, "views")
    a.label = f"{r.label}, 'audience'"
    a.check_keys(("views", "viewers", "orders"))
    audience = DemoAudience(a.number("views", 1), a.number("viewers", 1), a.number("orders"))
    if audience.viewers > audience.views:
        a.fail("'viewers' (unique) can't be more than 'views'")
    return audience


def _platform_report(r: _Record) -> tuple[tuple[str, int], ...]:
    raw = r.get("platform_report", dict, required=False)
    if raw is None:
        return ()
    p = _Record(r.file, r.index, raw, "views")
    p.label = f"{r.label}, 'platform_report'"
    p.check_keys(PLATFORM_FIGURES)
    return tuple((k, p.number(k)) for k in PLATFORM_FIGURES if k in raw)


def load_catalogue(directory: Path = DATA_DIR) -> DemoCatalogue:
    """Read and check the demo data files; raise DemoDataError naming the file and record."""
    person_records = _records(directory, "people.json", "email")
    people = tuple(_person(r) for r in person_records)
    _unique(person_records, "email", [p.email for p in people])

    product_records = _records(directory, "products.json", "name")
    by_stall: dict[str, list[DemoProduct]] = {}
    for r in product_records:
        by_stall.setdefault(r.text("stall"), []).append(_product(r))
    _unique(product_records, "product", [(r.raw["stall"], r.raw["name"]) for r in product_records])

    stall_records = _records(directory, "stalls.json", "slug")
    owners = {p.email for p in people if p.role == "owner"}
    stalls = tuple(
        _stall(r, owners, tuple(by_stall.get(r.raw.get("slug"), ()))) for r in stall_records
    )
    _unique(stall_records, "slug", [s.slug for s in stalls])
    slugs = {s.slug for s in stalls}
    for r in product_records:
        if r.raw["stall"] not in slugs:
            r.fail(f"stall {r.raw['stall']!r} is not in stalls.json")

    order_records = _records(directory, "orders.json", "token")
    by_slug = {s.slug: s for s in stalls}
    orders = tuple(_order(r, {p.email for p in people}, by_slug) for r in order_records)
    _unique(order_records, "token", [o.token for o in orders])

    studio_records = _records(directory, "studios.json", "name")
    studios = tuple(_studio(r) for r in studio_records)
    _unique(studio_records, "name", [s.name for s in studios])
    session_records = _records(directory, "livestreams.json", "title")
    by_name = {s.name: s for s in studios}
    livestreams = tuple(_livestream(r, by_slug, by_name) for r in session_records)
    _unique(session_records, "session", [(s.stall_slug, s.title) for s in livestreams])
    if sum(s.when == "live" for s in livestreams) > 1:
        raise DemoDataError("livestreams.json: at most one session may be live")
    return DemoCatalogue(
        people=people, stalls=stalls, orders=orders, studios=studios, livestreams=livestreams
    )


def check_reference(catalogue: DemoCatalogue, reference: Reference) -> None:
    """Check the places, banks and categories the demo names against the reference data."""
    for n, stall in enumerate(catalogue.stalls):
        where = f"stalls.json, record {n + 1} ({stall.slug!r})"
        if stall.province not in reference.provinces:
            raise DemoDataError(f"{where}: province {stall.province!r} is not a known province")
        if (stall.province, stall.commune) not in reference.communes:
            raise DemoDataError(
                f"{where}: commune {stall.commune!r} is not a commune of {stall.province!r}"
            )
        if stall.bank_bin not in reference.bank_bins:
            raise DemoDataError(f"{where}: bank_bin {stall.bank_bin!r} is not a known bank")
        for product in stall.products:
            if product.category not in reference.categories:
                raise DemoDataError(
                    f"products.json, product {product.name!r} of {stall.slug!r}: category "
                    f"{product.category!r} is not one of {', '.join(sorted(reference.categories))}"
                )
    for n, studio in enumerate(catalogue.studios):
        if (studio.province, studio.commune) not in reference.communes:
            raise DemoDataError(
                f"studios.json, record {n + 1} ({studio.name!r}): commune {studio.commune!r} is "
                f"not a commune of {studio.province!r}"
            )


@functools.cache
def demo_catalogue() -> DemoCatalogue:
    """The shipped demo data, loaded and checked once per process."""
    return load_catalogue()


def __getattr__(name: str) -> Any:
    """`DEMO_PEOPLE`, `EXTRA_OWNERS`, `DEMO_STALLS`, `DEMO_ORDERS`, read on first use."""
    if name == "DEMO_PEOPLE":  # listed in the login hint
        return tuple(p for p in demo_catalogue().people if p.place)
    if name == "EXTRA_OWNERS":  # the catalogue's other stall owners
        return tuple(p for p in demo_catalogue().people if not p.place)
    if name == "DEMO_STALLS":
        return demo_catalogue().stalls
    if name == "DEMO_ORDERS":
        return demo_catalogue().orders
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
