"""Seed the demo: the data of `catalogue.py` through the services real users go through.

Idempotent: every record has a natural key (an account's email, a stall's slug, an order's
checkout token; a stall's products come with it), and existing records are left as they are, so
running the seed twice changes nothing.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from io import BytesIO
from typing import Any

from sqlalchemy import select, update

from marketplace.accounts import services as accounts
from marketplace.accounts.models import User
from marketplace.catalog import services as catalog
from marketplace.catalog.models import Product, ProductStatus
from marketplace.config import adapter
from marketplace.db import utcnow
from marketplace.demo import photos as pictures
from marketplace.demo.catalogue import (
    DemoCatalogue,
    DemoOrder,
    DemoStall,
    Reference,
    check_reference,
    demo_catalogue,
)
from marketplace.demo.livestreams import seed_livestreams
from marketplace.extensions import db
from marketplace.orders import services as orders
from marketplace.orders.models import Checkout, Order, OrderStatus, PaymentMethod
from marketplace.payments import services as payments
from marketplace.reference.models import Bank, Category, Commune, Province
from marketplace.stalls import services as stalls
from marketplace.stalls.models import Stall, StallStatus

OCOP_VALIDITY_MONTHS = 36

# The demo's unpaid orders wait this long instead of ORDER_PAYMENT_TIMEOUT: a newcomer who opens
# the demo days after `make run` still finds a bank transfer to confirm. A long deadline, rather
# than one renewed by a timer, holds whether or not the server was restarted in between.
DEMO_PAYMENT_WINDOW = timedelta(days=3650)


def seed_demo(password: str, photos: bool = True) -> dict[str, int]:
    """Create whatever demo records are missing; return how many of each kind were created."""
    data = demo_catalogue()
    check_reference(data, load_reference())  # before writing anything
    created = {"users": 0, "stalls": 0, "products": 0, "photos": 0, "orders": 0, "livestreams": 0}
    existing = set(db.session.scalars(select(User.email)))
    for person in data.people:
        if person.email in existing:
            continue
        accounts.register_user(
            full_name=person.full_name,
            email=person.email,
            phone=person.phone,
            password=password,
            preferred_language=person.language,
            is_admin=person.role == "admin",
            email_verified=True,  # demo addresses receive no mail
        )
        created["users"] += 1
    db.session.flush()
    _seed_catalogue(data, created, photos)
    _seed_orders(data, created)
    seed_livestreams(created, data)
    return created


def _seed_catalogue(data: DemoCatalogue, created: dict[str, int], photos: bool) -> None:
    """Stalls and products through the same services (and photo pipeline) owners use."""
    owners = {u.email: u for u in db.session.scalars(select(User))}
    provinces = {p.name: p for p in db.session.scalars(select(Province))}
    communes = {(c.province_id, c.name): c for c in db.session.scalars(select(Commune))}
    banks = {b.bin: b for b in db.session.scalars(select(Bank))}
    categories = {c.slug: c for c in db.session.scalars(select(Category))}
    existing = set(db.session.scalars(select(Stall.slug)))
    for n, demo in enumerate(data.stalls):
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
        logo = BytesIO(pictures.demo_logo(demo.name, seed=n)) if photos else None
        stall = stalls.apply_for_stall(owners[demo.owner_email], details, logo)
        stall.slug = demo.slug
        created["stalls"] += 1
        created["photos"] += 1 if logo else 0
        if demo.status == "changes_requested":
            stall.status = StallStatus.CHANGES_REQUESTED
            stall.status_reason = demo.status_reason
        if demo.status != "approved":
            continue  # products come once a stall is approved, as for real owners
        stall.status = StallStatus.APPROVED
        stall.approved_at = utcnow() - timedelta(days=len(data.stalls) - n)
        db.session.flush()
        _seed_products(stall, demo, n, categories, created, photos)
        db.session.flush()


def _seed_products(
    stall: Stall,
    demo: DemoStall,
    n: int,
    categories: dict[str, Category],
    created: dict[str, int],
    photos: bool,
) -> None:
    for m, item in enumerate(demo.products):
        issued = item.ocop_issued
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
            continue
        views = 2 if m % 3 == 0 else 1  # some products show a second photo
        for k in range(views):
            image = pictures.demo_photo(
                item.name, item.category, seed=n * 100 + m * 10 + k, width=800, height=600
            )
            catalog.add_photo(product, BytesIO(image))
            created["photos"] += 1


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def load_reference() -> Reference:
    """The province, commune, bank and category names the demo data may use."""
    return Reference(
        provinces=frozenset(db.session.scalars(select(Province.name))),
        communes=frozenset(
            (province, commune)
            for province, commune in db.session.execute(
                select(Province.name, Commune.name).join(Commune.province)
            )
        ),
        bank_bins=frozenset(db.session.scalars(select(Bank.bin))),
        categories=frozenset(db.session.scalars(select(Category.slug))),
    )


def keep_demo_orders_payable() -> int:
    """Give the demo's still-unpaid orders the demo's long deadline; returns how many changed.

    Only orders of the demo's own checkouts (tokens ``demo-NN``, made by ``seed-demo``, which
    refuses production) are touched. Runs at every seed, including ``--if-empty`` at each
    ``make run``, so a demo database seeded by an older version is renewed too.
    """
    tokens = [o.token for o in demo_catalogue().orders]
    demo_checkouts = select(Checkout.id).where(Checkout.token.in_(tokens))
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


def _seed_orders(data: DemoCatalogue, created: dict[str, int]) -> None:
    """Orders in every state, paid both ways, through the order services.

    Card orders need a Stripe gateway (the demo's localstripe): without one they are skipped,
    and a later run with one adds them.
    """
    gateway = adapter("stripe_gateway")
    done = set(db.session.scalars(select(Checkout.token).where(Checkout.token.like("demo-%"))))
    users = {u.email: u for u in db.session.scalars(select(User))}
    for demo in data.orders:
        if demo.token in done or (demo.method == "card" and gateway is None):
            continue
        stall = db.session.scalar(select(Stall).where(Stall.slug == demo.stall_slug))
        if stall is None:
            continue
        _seed_order(demo, stall, users[demo.buyer_email], gateway)
        created["orders"] += 1
    db.session.flush()
    keep_demo_orders_payable()


def _seed_order(demo: DemoOrder, stall: Stall, buyer: User, gateway: Any) -> None:
    products = {
        p.name: p.id
        for p in db.session.scalars(
            select(Product).where(Product.stall_id == stall.id).order_by(Product.id)
        )
    }
    checkout = orders.place_checkout(
        token=demo.token,
        buyer=buyer,
        details=orders.BuyerDetails(
            name=buyer.full_name,
            phone=buyer.phone,
            email=buyer.email,
            province_id=stall.province_id,
            commune_id=stall.commune_id,
            street=demo.street,
            note="",
        ),
        items={products[name]: quantity for name, quantity in demo.items if name in products},
        methods={stall.id: PaymentMethod(demo.method)},
    )
    order = checkout.orders[0]
    for step in demo.steps:
        _take_step(step, demo, checkout, order, buyer, stall.owner, gateway)


def _take_step(
    step: str,
    demo: DemoOrder,
    checkout: Checkout,
    order: Order,
    buyer: User,
    owner: User,
    gateway: Any,
) -> None:
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
        orders.cancel(order, role="buyer", by=buyer, reason=demo.reason)
    elif step == "refund":
        orders.refund(order, order.total, by=owner, reason=demo.reason, gateway=gateway)
    elif step == "expire":
        order.expires_at = utcnow() - timedelta(minutes=1)
        db.session.flush()
        orders.expire_if_due(order)
