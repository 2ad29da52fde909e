"""The demo's livestreams: a studio, past sessions with what the app would have measured and the
orders they brought, one session live whenever the demo is opened, upcoming ones and one waiting
for the admins.

Rows are written directly through the models, not through the booking service: that service
(rightly) refuses a start in the past, and the past sessions' audience — thousands of viewers,
hundreds of orders — is generated in bulk inserts so that `make run` stays fast. The numbers are
consistent with each other the way the measuring part keeps them: per-minute buckets, per-visitor
rows and totals describe the same simulated viewers; attributed orders are placed during the
session or inside the attribution window after it, at the live price during it. Stock is not
taken for these past orders (they were delivered long ago in the story).

Idempotent: a session is found again by its stall and title; a studio by its name. Sessions
"relative to now" (live, upcoming, pending) are moved forward at every seed, including
`seed-demo --if-empty` at each `make run` (`keep_demo_livestreams_current`).
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select

from marketplace.catalog.models import Product
from marketplace.db import utcnow
from marketplace.demo.catalogue import (
    DemoAudience,
    DemoCatalogue,
    DemoLivestream,
    demo_catalogue,
)
from marketplace.extensions import db
from marketplace.livestreams.booking import conflicting_session
from marketplace.livestreams.models import (
    Livestream,
    LivestreamMinute,
    LivestreamProduct,
    LivestreamStatus,
    LivestreamTotals,
    LivestreamViewer,
    Platform,
    PlatformReport,
    Studio,
)
from marketplace.orders.models import Checkout, Order, OrderLine, OrderStatus, PaymentMethod
from marketplace.reference.models import Commune, Province
from marketplace.stalls.models import Stall

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
LIVE_STARTED_AGO = timedelta(minutes=20)
ATTRIBUTION_AFTER = timedelta(hours=2)
# The share of a past session's orders in each status (the rest of the list is delivered).
ORDER_OUTCOMES = (
    (OrderStatus.SHIPPED, 0.10),
    (OrderStatus.PACKED, 0.05),
    (OrderStatus.PAID, 0.05),
    (OrderStatus.CANCELLED, 0.05),
    (OrderStatus.EXPIRED, 0.05),
)
_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ")
_MIDDLE = ("Văn", "Thị", "Minh", "Ngọc", "Thu", "Quốc", "Thanh", "Hữu", "Bảo", "Khánh")
_GIVEN = ("An", "Bình", "Chi", "Dũng", "Hà", "Hải", "Hạnh", "Hoa", "Hùng", "Lan", "Linh", "Long")
_GIVEN += ("Mai", "Nam", "Nga", "Phúc", "Quân", "Sơn", "Tâm", "Thủy", "Trang", "Tú", "Vy", "Yến")


def seed_livestreams(
    created: dict[str, int], data: DemoCatalogue | None = None, now: datetime | None = None
) -> None:
    data = data or demo_catalogue()
    now = now or utcnow()
    studios = _seed_studios(data)
    stalls = {
        s.slug: s
        for s in db.session.scalars(
            select(Stall).where(Stall.slug.in_({d.stall_slug for d in data.livestreams}))
        )
    }
    existing = {
        tuple(row) for row in db.session.execute(select(Livestream.stall_id, Livestream.title))
    }
    for demo in data.livestreams:
        stall = stalls.get(demo.stall_slug)
        if stall is None or (stall.id, demo.title) in existing:
            continue
        _seed_session(demo, stall, studios, now)
        created["livestreams"] = created.get("livestreams", 0) + 1
    db.session.flush()
    keep_demo_livestreams_current(now, data)


def _seed_studios(data: DemoCatalogue) -> dict[str, Studio]:
    studios = {s.name: s for s in db.session.scalars(select(Studio))}
    places = {
        (p, c): (pid, cid)
        for p, c, pid, cid in db.session.execute(
            select(Province.name, Commune.name, Province.id, Commune.id).join(Commune.province)
        )
    }
    for demo in data.studios:
        if demo.name in studios:
            continue
        province_id, commune_id = places[(demo.province, demo.commune)]
        studio = Studio(
            name=demo.name,
            description=demo.description,
            province_id=province_id,
            commune_id=commune_id,
            address=demo.address,
            opens_at=demo.opens_at,
            closes_at=demo.closes_at,
            open_weekdays=demo.open_weekdays,
        )
        db.session.add(studio)
        studios[demo.name] = studio
    db.session.flush()
    return studios


def _at(day: int, start: time, now: datetime) -> datetime:
    today = now.astimezone(VIETNAM).date()
    return datetime.combine(today + timedelta(days=day), start, VIETNAM).astimezone(UTC)


def _times(demo: DemoLivestream, now: datetime) -> tuple[datetime, datetime]:
    if demo.when == "live":
        starts_at = now.replace(second=0, microsecond=0) - LIVE_STARTED_AGO
    else:
        starts_at = _at(demo.day, demo.start, now)
    return starts_at, starts_at + timedelta(minutes=demo.minutes)


def _seed_session(
    demo: DemoLivestream, stall: Stall, studios: dict[str, Studio], now: datetime
) -> None:
    starts_at, ends_at = _times(demo, now)
    pending = demo.when == "pending"
    livestream = Livestream(
        stall_id=stall.id,
        studio_id=studios[demo.studio].id if demo.studio else None,
        title=demo.title,
        description=demo.description,
        platform=Platform(demo.platform),
        stream_url=demo.url,
        starts_at=starts_at,
        ends_at=ends_at,
        status=LivestreamStatus.PENDING if pending else LivestreamStatus.APPROVED,
        decided_at=None if pending else min(now, starts_at) - timedelta(days=1),
        created_by_id=stall.owner_id,
        created_at=min(now, starts_at) - timedelta(days=2),
    )
    products = {
        p.name: p for p in db.session.scalars(select(Product).where(Product.stall_id == stall.id))
    }
    for position, featured in enumerate(demo.products):
        livestream.products.append(
            LivestreamProduct(
                product_id=products[featured.product].id,
                live_price=featured.live_price,
                per_buyer_limit=featured.per_buyer_limit,
                position=position,
            )
        )
    db.session.add(livestream)
    db.session.flush()
    if demo.audience is not None:
        # Not for security: a seeded generator tells the same story at every seed.
        rng = random.Random(f"{demo.stall_slug}/{demo.title}")  # noqa: S311
        presence = _simulate_viewers(rng, livestream, demo, demo.audience)
        _simulate_orders(rng, livestream, demo, demo.audience, stall, products, presence)
    if demo.platform_report:
        db.session.add(
            PlatformReport(
                livestream_id=livestream.id,
                reported_by_id=stall.owner_id,
                reported_at=ends_at + timedelta(hours=3),
                **dict(demo.platform_report),
            )
        )


@dataclass
class _Viewer:
    arrived: int  # minute index
    stay: int  # minutes with heartbeats
    views: list[int]  # minute index of each counted view


def _simulate_viewers(
    rng: random.Random, livestream: Livestream, demo: DemoLivestream, audience: DemoAudience
) -> list[int]:
    """Viewers arrive mostly early and stay a while; each sends 2 heartbeats a minute while
    watching. Some come back after 30 minutes (a new view). Returns viewers per minute."""
    n = demo.minutes
    viewers = []
    for _ in range(audience.viewers):
        arrived = min(n - 1, int(rng.triangular(0, n, n * 0.2)))
        stay = min(n - arrived, 1 + int(rng.expovariate(1 / (n * 0.15))))
        viewers.append(_Viewer(arrived, stay, [arrived]))
    for _ in range(audience.views - audience.viewers):
        viewer = rng.choice(viewers)
        viewer.views.append(min(n - 1, viewer.views[-1] + 31 + rng.randrange(20)))
    presence, views = [0] * n, [0] * n
    for viewer in viewers:
        for m in range(viewer.arrived, viewer.arrived + viewer.stay):
            presence[m] += 1
        for m in viewer.views:
            views[m] += 1
    start = livestream.starts_at
    minute = timedelta(minutes=1)
    key = hashlib.sha256(f"{livestream.id}/{demo.title}".encode()).hexdigest()[:12]
    db.session.execute(
        insert(LivestreamViewer),
        [
            {
                "livestream_id": livestream.id,
                "visitor_id": f"demo{key}{i:08d}",
                "first_seen_at": start + minute * v.arrived,
                "last_view_at": start + minute * v.views[-1],
                "last_heartbeat_at": start + minute * (v.arrived + v.stay) - timedelta(seconds=30),
                "heartbeats": 2 * v.stay,
            }
            for i, v in enumerate(viewers)
        ],
    )
    db.session.execute(
        insert(LivestreamMinute),
        [
            {
                "livestream_id": livestream.id,
                "minute": start + minute * m,
                "views": views[m],
                "viewers": presence[m],
                "heartbeats": 2 * presence[m],
            }
            for m in range(n)
            if views[m] or presence[m]
        ],
    )
    db.session.add(
        LivestreamTotals(
            livestream_id=livestream.id,
            views=sum(views),
            unique_viewers=len(viewers),
            heartbeats=2 * sum(presence),
            peak_concurrent=max(presence),
        )
    )
    return presence


def _simulate_orders(
    rng: random.Random,
    livestream: Livestream,
    demo: DemoLivestream,
    audience: DemoAudience,
    stall: Stall,
    products: dict[str, Product],
    presence: list[int],
) -> None:
    """Guest orders attributed to the session, in bulk: placed while people watched (more when
    more watched), a few in the attribution window after the end."""
    communes = db.session.execute(select(Commune.id, Commune.province_id)).all()
    featured = [(products[f.product], f) for f in demo.products]
    minute = timedelta(minutes=1)
    checkouts, orders, lines = [], [], []
    for n in range(audience.orders):
        if rng.random() < 0.1:
            placed = livestream.ends_at + minute * rng.randrange(1, int(ATTRIBUTION_AFTER / minute))
        else:
            at = rng.choices(range(len(presence)), weights=[p + 1 for p in presence])[0]
            placed = livestream.starts_at + minute * at + timedelta(seconds=rng.randrange(60))
        during = placed < livestream.ends_at
        commune_id, province_id = rng.choice(communes)
        checkouts.append(
            {
                "token": f"demo-live-{livestream.id}-{n}",
                "buyer_name": f"{rng.choice(_FAMILY)} {rng.choice(_MIDDLE)} {rng.choice(_GIVEN)}",
                "buyer_phone": f"+8498{rng.randrange(10**7):07d}",
                "province_id": province_id,
                "commune_id": commune_id,
                "street": f"Số {rng.randrange(1, 300)}, thôn {rng.randrange(1, 12)}",
                "note": "",
                "created_at": placed,
            }
        )
        chosen = rng.sample(featured, k=min(len(featured), 1 + (rng.random() < 0.3)))
        order_lines = []
        for product, f in chosen:
            quantity = rng.choice((1, 1, 1, 2, 2, 3))
            live = during and f.live_price is not None
            if live and f.per_buyer_limit:
                quantity = min(quantity, f.per_buyer_limit)
            order_lines.append(
                {
                    "product_id": product.id,
                    "product_name": product.name,
                    "unit_label": product.unit_label,
                    "unit_price": f.live_price if live else product.price,
                    "quantity": quantity,
                    "live_price_livestream_id": livestream.id if live else None,
                }
            )
        lines.append(order_lines)
        orders.append(_order_row(rng, livestream, stall, placed, order_lines))
    checkout_ids = db.session.scalars(
        insert(Checkout).returning(Checkout.id, sort_by_parameter_order=True), checkouts
    ).all()
    for order, checkout_id in zip(orders, checkout_ids, strict=True):
        order["checkout_id"] = checkout_id
    order_ids = db.session.scalars(
        insert(Order).returning(Order.id, sort_by_parameter_order=True), orders
    ).all()
    db.session.execute(
        insert(OrderLine),
        [
            {**line, "order_id": order_id}
            for order_id, order_lines in zip(order_ids, lines, strict=True)
            for line in order_lines
        ],
    )


def _order_row(
    rng: random.Random, livestream: Livestream, stall: Stall, placed: datetime, lines: list[dict]
) -> dict:
    status = OrderStatus.DELIVERED
    roll = rng.random()
    for outcome, share in ORDER_OUTCOMES:
        if roll < share:
            status = outcome
            break
        roll -= share
    paid = status not in {OrderStatus.CANCELLED, OrderStatus.EXPIRED}
    return {
        "code": "CP" + "".join(rng.choice(_CODE_ALPHABET) for _ in range(8)),
        "stall_id": stall.id,
        "status": status,
        "payment_method": PaymentMethod.VIETQR,
        "total": sum(line["unit_price"] * line["quantity"] for line in lines),
        "refunded_amount": 0,
        "expires_at": placed + timedelta(minutes=30),
        "paid_at": placed + timedelta(minutes=rng.randrange(2, 25)) if paid else None,
        "cancelled_as": "buyer_link" if status == OrderStatus.CANCELLED else None,
        "payout_bank_id": stall.bank_id,
        "payout_account_number": stall.bank_account_number,
        "payout_account_name": stall.bank_account_name,
        "livestream_id": livestream.id,
        "created_at": placed,
        "updated_at": placed,
    }


def keep_demo_livestreams_current(now: datetime | None = None, data: DemoCatalogue | None = None):
    """Move the demo's live, upcoming and pending sessions forward when their time has passed:
    the live one to cover ``now``, the others to their day after today. Returns how many moved.

    A session whose new time is taken (booked by hand since) is left where it is, so the
    database's no-double-booking constraints always hold."""
    data = data or demo_catalogue()
    now = now or utcnow()
    relative = [d for d in data.livestreams if d.when != "past"]
    if not relative:
        return 0
    sessions = {
        (slug, title): livestream
        for livestream, slug, title in db.session.execute(
            select(Livestream, Stall.slug, Livestream.title)
            .join(Livestream.stall)
            .where(Livestream.title.in_({d.title for d in relative}))
        )
    }
    moved = 0
    for demo in relative:
        livestream = sessions.get((demo.stall_slug, demo.title))
        if livestream is None or not _stale(demo, livestream, now):
            continue
        starts_at, ends_at = _times(demo, now)
        # Someone may have booked that time for the stall or studio by hand since the last seed:
        # then the demo session stays where it is rather than the seed failing.
        if conflicting_session(
            livestream.stall_id, livestream.studio_id, starts_at, ends_at, exclude_id=livestream.id
        ):
            continue
        livestream.starts_at, livestream.ends_at = starts_at, ends_at
        livestream.sequence += 1
        moved += 1
    db.session.flush()
    return moved


def _stale(demo: DemoLivestream, livestream: Livestream, now: datetime) -> bool:
    if demo.when == "live":  # keep at least half an hour of live left
        return livestream.phase(now) != "live" or livestream.ends_at < now + timedelta(minutes=30)
    return livestream.starts_at < now + timedelta(hours=1)
