"""Demo data for the embedded demo (`make run`) and for trying features by hand.

Idempotent: every record has a natural key (an account's email, a stall's slug; a stall's
products come with it), and existing records are left as they are, so running the seed twice
changes nothing.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from io import BytesIO

from sqlalchemy import select

from marketplace.accounts import services as accounts
from marketplace.accounts.models import User
from marketplace.catalog import services as catalog
from marketplace.catalog.models import ProductStatus
from marketplace.db import utcnow
from marketplace.demo_catalog import DEMO_STALLS, EXTRA_OWNERS, demo_logo, demo_photo
from marketplace.extensions import db
from marketplace.reference.models import Bank, Category, Commune, Province
from marketplace.stalls import services as stalls
from marketplace.stalls.models import Stall, StallStatus


@dataclass(frozen=True)
class DemoPerson:
    email: str
    full_name: str
    phone: str
    role: str  # admin | owner | shopper (owners open their stalls in the catalogue demo)
    place: str
    language: str = "vi"


DEMO_PEOPLE: tuple[DemoPerson, ...] = (
    DemoPerson(
        "admin@chophien.example",
        "Nguyễn Thu Hà",
        "0912 000 001",
        "admin",
        "Đoàn Thanh niên tỉnh Lào Cai",
    ),
    DemoPerson(
        "my.thao@chophien.example",
        "Thào Thị Mỷ",
        "0912 000 002",
        "owner",
        "Bắc Hà, Lào Cai (mận Tam Hoa)",
    ),
    DemoPerson(
        "panh.lo@chophien.example",
        "Lò Văn Pành",
        "0912 000 003",
        "owner",
        "Mường Thanh, Điện Biên (gạo Điện Biên)",
    ),
    DemoPerson(
        "son.ho@chophien.example",
        "Hồ Văn Sơn",
        "0912 000 004",
        "owner",
        "Khe Sanh, Quảng Trị (cà phê Khe Sanh)",
    ),
    DemoPerson(
        "hhen.nie@chophien.example",
        "H'Hen Niê",
        "0912 000 005",
        "owner",
        "Ea Knuop, Đắk Lắk (sầu riêng)",
    ),
    DemoPerson(
        "lien.dang@chophien.example",
        "Đặng Thị Liên",
        "0912 000 006",
        "owner",
        "Tân Cương, Thái Nguyên (chè)",
    ),
    DemoPerson(
        "quan.tran@chophien.example", "Trần Minh Quân", "0912 000 007", "shopper", "Thái Nguyên"
    ),
    DemoPerson(
        "ngoc.le@chophien.example", "Lê Thị Ngọc", "0912 000 008", "shopper", "Đông Hà, Quảng Trị"
    ),
    DemoPerson(
        "y.ksor@chophien.example",
        "Y Bhim Ksor",
        "0912 000 009",
        "shopper",
        "Buôn Ma Thuột, Đắk Lắk",
        language="en",
    ),
)


def seed_demo(password: str, photos: bool = True) -> dict[str, int]:
    """Create whatever demo records are missing; return how many of each kind were created."""
    created = {"users": 0, "stalls": 0, "products": 0, "photos": 0, "orders": 0}
    existing = set(db.session.scalars(select(User.email)))
    people = [
        (p.email, p.full_name, p.phone, p.language, p.role == "admin") for p in DEMO_PEOPLE
    ] + [(email, name, phone, "vi", False) for email, name, phone in EXTRA_OWNERS]
    for email, full_name, phone, language, is_admin in people:
        if email in existing:
            continue
        accounts.register_user(
            full_name=full_name,
            email=email,
            phone=phone,
            password=password,
            preferred_language=language,
            is_admin=is_admin,
            email_verified=True,  # demo addresses receive no mail
        )
        created["users"] += 1
    db.session.flush()
    _seed_catalogue(created, photos)
    _seed_orders(created)
    return created


def _seed_catalogue(created: dict[str, int], photos: bool) -> None:
    """Stalls and products through the same services (and photo pipeline) owners use."""
    owners = {u.email: u for u in db.session.scalars(select(User))}
    provinces = {p.name: p for p in db.session.scalars(select(Province))}
    communes = {(c.province_id, c.name): c for c in db.session.scalars(select(Commune))}
    banks = {b.bin: b for b in db.session.scalars(select(Bank))}
    categories = {c.slug: c for c in db.session.scalars(select(Category))}
    existing = set(db.session.scalars(select(Stall.slug)))
    for n, demo in enumerate(DEMO_STALLS):
        if demo.slug in existing:
            continue
        province = provinces[demo.province]
        details = stalls.StallDetails(
            name=demo.name,
            story=demo.story,
            province_id=province.id,
            commune_id=communes[(province.id, demo.commune)].id,
            pickup_address=demo.pickup_address,
            contact_phone=demo.contact_phone,
            zalo_phone=demo.zalo_phone,
            bank_id=banks[demo.bank_bin].id,
            bank_account_number=demo.account_number,
            bank_account_name=demo.account_name,
        )
        logo = BytesIO(demo_logo(demo.name, seed=n)) if photos else None
        stall = stalls.apply_for_stall(owners[demo.owner_email], details, logo)
        stall.slug = demo.slug
        created["stalls"] += 1
        created["photos"] += 1 if logo else 0
        if demo.status == "changes_requested":
            stall.status = StallStatus.CHANGES_REQUESTED
            stall.status_reason = (
                "Ảnh logo hơi mờ và chưa có số Zalo. Bạn bổ sung rồi gửi lại giúp Đoàn nhé."
            )
        if demo.status != "approved":
            continue  # products come once a stall is approved, as for real owners
        stall.status = StallStatus.APPROVED
        stall.approved_at = utcnow() - timedelta(days=len(DEMO_STALLS) - n)
        db.session.flush()
        for m, item in enumerate(demo.products):
            issued = date.fromisoformat(item.ocop_issued) if item.ocop_issued else None
            product = catalog.create_product(
                stall,
                catalog.ProductDetails(
                    name=item.name,
                    description=item.description,
                    category_id=categories[item.category].id,
                    price=item.price,
                    stock=item.stock,
                    unit_label=item.unit_label,
                    weight_grams=item.weight_grams,
                    status=ProductStatus.ACTIVE,
                    ocop_stars=item.ocop_stars,
                    ocop_certificate=item.ocop_certificate,
                    ocop_expires_on=_add_months(issued, OCOP_VALIDITY_MONTHS) if issued else None,
                ),
            )
            created["products"] += 1
            if not photos:  # the fast demo sells without photos (owners' products wait for one)
                product.status = ProductStatus.ACTIVE
            if photos:
                views = 2 if m % 3 == 0 else 1  # some products show a second photo
                for k in range(views):
                    image = demo_photo(
                        item.name, item.category, seed=n * 100 + m * 10 + k, width=800, height=600
                    )
                    catalog.add_photo(product, BytesIO(image))
                    created["photos"] += 1
        db.session.flush()


OCOP_VALIDITY_MONTHS = 36


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# The demo's unpaid orders wait this long instead of ORDER_PAYMENT_TIMEOUT: a newcomer who opens
# the demo days after `make run` still finds a bank transfer to confirm. A long deadline, rather
# than one renewed by a timer, holds whether or not the server was restarted in between.
DEMO_PAYMENT_WINDOW = timedelta(days=3650)


def keep_demo_orders_payable() -> int:
    """Give the demo's still-unpaid orders the demo's long deadline; returns how many changed.

    Only orders of the demo's own checkouts (tokens ``demo-NN``, made by ``seed-demo``, which
    refuses production) are touched. Runs at every seed, including ``--if-empty`` at each
    ``make run``, so a demo database seeded by an older version is renewed too.
    """
    from sqlalchemy import update

    from marketplace.orders.models import Checkout, Order, OrderStatus

    demo_checkouts = select(Checkout.id).where(Checkout.token.in_([o[0] for o in DEMO_ORDERS]))
    result = db.session.execute(
        update(Order)
        .where(
            Order.checkout_id.in_(demo_checkouts),
            Order.status == OrderStatus.PENDING_PAYMENT,
        )
        .values(expires_at=utcnow() + DEMO_PAYMENT_WINDOW)
        .execution_options(synchronize_session=False)
    )
    db.session.flush()
    return result.rowcount


def database_is_empty() -> bool:
    return db.session.scalar(select(User.id).limit(1)) is None


# (demo key, shopper, stall slug, [(product index, quantity)], method, what happens next)
DEMO_ORDERS = (
    ("demo-01", "quan.tran@chophien.example", "man-tam-hoa-bac-ha", [(0, 2), (1, 1)], "vietqr", []),
    ("demo-02", "ngoc.le@chophien.example", "man-tam-hoa-bac-ha", [(2, 1)], "vietqr", ["confirm"]),
    (
        "demo-03",
        "y.ksor@chophien.example",
        "man-tam-hoa-bac-ha",
        [(0, 1)],
        "vietqr",
        ["confirm", "pack"],
    ),
    (
        "demo-04",
        "quan.tran@chophien.example",
        "man-tam-hoa-bac-ha",
        [(1, 3)],
        "vietqr",
        ["confirm", "pack", "ship"],
    ),
    (
        "demo-05",
        "ngoc.le@chophien.example",
        "man-tam-hoa-bac-ha",
        [(0, 1)],
        "vietqr",
        ["confirm", "pack", "ship", "deliver"],
    ),
    ("demo-06", "y.ksor@chophien.example", "man-tam-hoa-bac-ha", [(2, 1)], "vietqr", ["cancel"]),
    ("demo-07", "quan.tran@chophien.example", "man-tam-hoa-bac-ha", [(1, 1)], "vietqr", ["expire"]),
    ("demo-08", "ngoc.le@chophien.example", "man-tam-hoa-bac-ha", [(0, 2)], "card", []),
    ("demo-09", "y.ksor@chophien.example", "man-tam-hoa-bac-ha", [(1, 2)], "card", ["pay"]),
    (
        "demo-10",
        "quan.tran@chophien.example",
        "man-tam-hoa-bac-ha",
        [(2, 1)],
        "card",
        ["pay", "pack", "ship", "deliver"],
    ),
    (
        "demo-11",
        "ngoc.le@chophien.example",
        "man-tam-hoa-bac-ha",
        [(0, 1)],
        "card",
        ["pay", "refund"],
    ),
)


def _seed_orders(created: dict[str, int]) -> None:
    """Orders in every state, paid both ways, through the order services.

    Card orders need a Stripe gateway (the demo's localstripe): without one they are skipped,
    and a later run with one adds them.
    """
    from flask import current_app

    from marketplace.catalog.models import Product
    from marketplace.orders import services as orders
    from marketplace.orders.models import Checkout, PaymentMethod
    from marketplace.payments import services as payments

    gateway = current_app.extensions.get("stripe_gateway")
    done = set(db.session.scalars(select(Checkout.token).where(Checkout.token.like("demo-%"))))
    users = {u.email: u for u in db.session.scalars(select(User))}
    for key, email, slug, picks, method, steps in DEMO_ORDERS:
        if key in done or (method == "card" and gateway is None):
            continue
        stall = db.session.scalar(select(Stall).where(Stall.slug == slug))
        if stall is None:
            continue
        products = list(
            db.session.scalars(
                select(Product).where(Product.stall_id == stall.id).order_by(Product.id)
            )
        )
        buyer = users[email]
        items = {products[i].id: quantity for i, quantity in picks if i < len(products)}
        checkout = orders.place_checkout(
            token=key,
            buyer=buyer,
            details=orders.BuyerDetails(
                name=buyer.full_name,
                phone=buyer.phone,
                email=buyer.email,
                province_id=stall.province_id,
                commune_id=stall.commune_id,
                street="Thôn Na Hối",
                note="",
            ),
            items=items,
            methods={stall.id: PaymentMethod(method)},
        )
        order = checkout.orders[0]
        owner = stall.owner
        for step in steps:
            if step == "confirm":
                orders.confirm_transfer(order, by=owner)
            elif step == "pay":
                intent = payments.ensure_intent(checkout)
                payments.apply_intent(
                    gateway.confirm_intent(intent_id=intent.id, payment_method="pm_card_visa")
                )
            elif step in {"pack", "ship", "deliver"}:
                orders.advance(order, step, "owner")
            elif step == "cancel":
                orders.cancel(order, role="buyer", by=buyer, reason="Đặt nhầm số lượng")
            elif step == "refund":
                orders.refund(
                    order,
                    order.total,
                    by=owner,
                    reason="Hàng bị dập khi vận chuyển",
                    gateway=gateway,
                )
            elif step == "expire":
                order.expires_at = utcnow() - timedelta(minutes=1)
                db.session.flush()
                orders.expire_if_due(order)
        created["orders"] += 1
    db.session.flush()
    keep_demo_orders_payable()
