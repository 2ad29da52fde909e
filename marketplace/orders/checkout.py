"""Placing a checkout: buyer details, holdings caps, the price snapshot, stock reservation.

Money and stock rules (DESIGN.md §3): totals are recomputed here from the database; stock is
reserved with one conditional UPDATE per line and can't go below zero (a CHECK backs it up).
"""

from __future__ import annotations

import hashlib
import secrets
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import BigInteger, cast, func, or_, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload, selectinload

from marketplace.accounts.models import User
from marketplace.accounts.services import parse_phone
from marketplace.catalog.models import Product, ProductStatus
from marketplace.config import setting
from marketplace.db import utcnow
from marketplace.errors import DomainError, NotFound
from marketplace.extensions import db
from marketplace.livestreams.attribution import LiveVisit, attributed_livestream_id
from marketplace.livestreams.pricing import LiveOffer, live_offers, over_limit
from marketplace.orders.lifecycle import expire_overdue
from marketplace.orders.models import Checkout, Order, OrderLine, OrderStatus, PaymentMethod
from marketplace.orders.notify import notify
from marketplace.reference.models import Commune
from marketplace.stalls.models import Stall, StallStatus
from marketplace.vietnamese import nfc

S = OrderStatus

# Crockford's alphabet: no I, L, O or U, so a code read aloud or typed into a bank app survives.
_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_order_code() -> str:
    """``CP`` and 8 random characters: 10 letters and digits, fits any bank-transfer memo."""
    return "CP" + "".join(secrets.choice(_CODE_ALPHABET) for _ in range(8))


class OutOfStock(DomainError):
    status_code = 409


@dataclass
class BuyerDetails:
    name: str
    phone: str
    email: str | None
    province_id: int
    commune_id: int
    street: str
    note: str = ""


def _clean_buyer(details: BuyerDetails) -> dict:
    phone = parse_phone(details.phone)
    if phone is None:
        raise DomainError(_l("This field is required."), field="phone")
    commune = db.session.get(Commune, details.commune_id)
    if commune is None or commune.province_id != details.province_id:
        raise DomainError(_l("Choose a commune in the chosen province."), field="commune_id")
    return {
        "buyer_name": nfc(details.name).strip(),
        "buyer_phone": phone,
        "buyer_email": (details.email or "").strip().lower() or None,
        "province_id": details.province_id,
        "commune_id": commune.id,
        "street": nfc(details.street).strip(),
        "note": nfc(details.note or "").strip(),
    }


def checkout_by_token(token: str) -> Checkout | None:
    return db.session.scalar(
        select(Checkout)
        .where(Checkout.token == token)
        .options(
            selectinload(Checkout.orders).selectinload(Order.lines),
            selectinload(Checkout.orders).joinedload(Order.stall).joinedload(Stall.bank),
        )
    )


def load_checkout(token: str) -> Checkout:
    """A checkout by its link's token, its overdue orders expired first (and kept); else 404."""
    found = checkout_by_token(token)
    if found is None:
        raise NotFound()
    expire_overdue(found.orders)
    return found


def shown_snapshot(lines) -> str:
    """What a checkout page shows, as ``product:price:quantity`` (cart lines, by product id)."""
    return ",".join(
        f"{line.product.id}:{line.unit_price}:{line.quantity}"
        for line in sorted(lines, key=lambda line: line.product.id)
    )


def parse_snapshot(raw: str | None) -> dict[int, tuple[int, int]]:
    """``{product_id: (price, quantity)}`` from a snapshot; whatever doesn't parse is left out
    (and so counts as changed)."""
    shown: dict[int, tuple[int, int]] = {}
    for part in (raw or "").split(",")[:200]:
        fields = part.split(":")
        if len(fields) == 3 and all(f.isascii() and f.isdigit() and len(f) <= 12 for f in fields):
            shown[int(fields[0])] = (int(fields[1]), int(fields[2]))
    return shown


def changed_since_shown(lines, raw: str | None) -> dict[int, int | None]:
    """Lines whose price or quantity differ from what the page showed: ``{product_id: the
    price shown, or None}``. Empty when the buyer saw exactly what would be charged."""
    shown = parse_snapshot(raw)
    changed: dict[int, int | None] = {}
    for line in lines:
        seen = shown.get(line.product.id)
        if seen != (line.unit_price, line.quantity):
            changed[line.product.id] = seen[0] if seen else None
    if set(shown) - {line.product.id for line in lines}:  # a line shown is gone
        changed.setdefault(0, None)
    return changed


@dataclass
class CartReview:
    """What a checkout page shows now, and why its cart can't be placed as it is (if so)."""

    shown: str  # the snapshot of the page as shown now (see ``shown_snapshot``)
    changed: dict[int, int | None]  # lines changed since the page was shown
    problem: str | None = None


def review_cart(lines, shown_before: str | None, *, submitted: bool) -> CartReview:
    """Check a cart against what the buyer saw: never charge a price they didn't see."""
    changed = changed_since_shown(lines, shown_before) if submitted and lines else {}
    problem = None
    if any(line.problem for line in lines):
        problem = _l(
            "Some products in your cart can't be bought as they are. Update your cart first."
        )
    elif changed:
        problem = _l(
            "Prices changed since you opened this page. Check the new totals below,"
            " then place the order again to confirm."
        )
    return CartReview(shown_snapshot(lines), changed, problem)


def _reserve(product: Product, quantity: int) -> None:
    """Take ``quantity`` from stock in one statement, or fail: never below zero, never oversold."""
    still_for_sale = (
        select(Stall.id)
        .where(Stall.id == Product.stall_id, Stall.status == StallStatus.APPROVED)
        .exists()
    )
    result = db.session.execute(
        update(Product)
        .where(
            Product.id == product.id,
            Product.stock >= quantity,
            Product.status == ProductStatus.ACTIVE,
            still_for_sale,
        )
        .values(stock=Product.stock - quantity)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise OutOfStock(
            _l("Not enough %(name)s left. Change the quantity and try again.", name=product.name)
        )


class TooManyUnpaid(DomainError):
    """More unpaid orders or units than the caps allow: the buyer can change the order."""


def _lock_holdings(keys: list[str]) -> None:
    """Serialise checkouts of one buyer (PostgreSQL advisory locks, held to the commit), so
    parallel checkouts can't all count the same holdings. SQLite's BEGIN IMMEDIATE already
    runs one writing request at a time."""
    if db.session.get_bind().dialect.name != "postgresql":
        return
    for key in sorted(set(keys)):  # one order for everyone: no deadlocks between them
        digest = hashlib.blake2b(key.encode(), digest_size=8).digest()
        db.session.execute(
            text("SELECT pg_advisory_xact_lock(:k)"),
            {"k": int.from_bytes(digest, "big", signed=True)},
        )


def _unpaid_holdings(condition) -> tuple[int, int]:
    """(orders, units) waiting for payment, not yet past their deadline, for ``condition``."""
    orders, units = db.session.execute(
        select(
            func.count(func.distinct(Order.id)),
            cast(func.coalesce(func.sum(OrderLine.quantity), 0), BigInteger),
        )
        .select_from(Order)
        .join(Order.checkout)
        .join(Order.lines)
        .where(Order.status == S.PENDING_PAYMENT, Order.expires_at > utcnow(), condition)
    ).one()
    return int(orders), int(units)


def check_holdings(
    *, phone: str, buyer: User | None, client_ip: str | None, orders: int, units: int
) -> None:
    """Refuse a checkout that would hold more unpaid orders or units than the caps allow.

    Counted from the database (pending orders), per phone, per account and per address,
    under a lock per key so that parallel checkouts of one buyer can't exceed the caps.
    """
    keys = [f"phone:{phone}"]
    per_buyer = [Checkout.buyer_phone == phone]
    if buyer is not None:
        keys.append(f"user:{buyer.id}")
        per_buyer.append(Order.buyer_id == buyer.id)
    if client_ip:
        keys.append(f"ip:{client_ip}")
    _lock_holdings(keys)
    max_orders, max_units = (
        setting("CHECKOUT_MAX_UNPAID_ORDERS"),
        setting("CHECKOUT_MAX_UNPAID_UNITS"),
    )
    held_orders, held_units = _unpaid_holdings(or_(*per_buyer))
    if held_orders + orders > max_orders or held_units + units > max_units:
        raise TooManyUnpaid(
            _l(
                "You have %(orders)s unpaid orders with %(units)s items waiting. So that goods"
                " stay available for everyone, one buyer can hold at most %(max_orders)s unpaid"
                " orders and %(max_units)s items at once. Pay for or cancel the orders waiting"
                " (see “Find my order”), or order fewer items.",
                orders=held_orders,
                units=held_units,
                max_orders=max_orders,
                max_units=max_units,
            )
        )
    if not client_ip:
        return
    max_orders = setting("CHECKOUT_MAX_UNPAID_ORDERS_PER_ADDRESS")
    max_units = setting("CHECKOUT_MAX_UNPAID_UNITS_PER_ADDRESS")
    held_orders, held_units = _unpaid_holdings(Checkout.client_ip == client_ip)
    if held_orders + orders > max_orders or held_units + units > max_units:
        raise TooManyUnpaid(
            _l(
                "Too many unpaid orders come from this network connection right now (at most"
                " %(max_orders)s orders and %(max_units)s items at once). Pay for or cancel"
                " the orders waiting, or try again after they expire.",
                max_orders=max_orders,
                max_units=max_units,
            )
        )


class OverLiveLimit(DomainError):
    """More than a session's per-buyer limit at its live price: the buyer lowers the quantity."""


# Orders whose live-price units no longer count against the per-buyer limit.
_LIMIT_FREED = (S.CANCELLED, S.EXPIRED, S.REFUNDED)


def _bought_at_live_price(
    limited: dict[int, LiveOffer], phone: str | None, buyer: User | None
) -> dict[tuple[int, int], int]:
    """``{(livestream_id, product_id): units}`` this buyer already ordered at those live prices
    (a buyer is their phone number, and their account when logged in)."""
    per_buyer = [Checkout.buyer_phone == phone] if phone else []
    if buyer is not None:
        per_buyer.append(Order.buyer_id == buyer.id)
    rows = db.session.execute(
        select(
            OrderLine.live_price_livestream_id,
            OrderLine.product_id,
            cast(func.sum(OrderLine.quantity), BigInteger),
        )
        .join(OrderLine.order)
        .join(Order.checkout)
        .where(
            OrderLine.live_price_livestream_id.in_({o.livestream_id for o in limited.values()}),
            OrderLine.product_id.in_(list(limited)),
            Order.status.not_in(_LIMIT_FREED),
            or_(*per_buyer),
        )
        .group_by(OrderLine.live_price_livestream_id, OrderLine.product_id)
    )
    return {(livestream_id, product_id): int(units) for livestream_id, product_id, units in rows}


def live_units_bought(offers: dict[int, LiveOffer], user_id: int) -> dict[tuple[int, int], int]:
    """What an account (and its phone number) already ordered at these live prices: the cart
    shows the per-buyer limit with it (hook ``cart.live_bought``). Checkout counts again."""
    limited = {pid: offer for pid, offer in offers.items() if offer.per_buyer_limit}
    user = db.session.get(User, user_id)
    if not limited or user is None:
        return {}
    return _bought_at_live_price(limited, user.phone, user)


def check_live_limits(
    offers: dict[int, LiveOffer],
    items: dict[int, int],
    names: dict[int, str],
    *,
    phone: str,
    buyer: User | None,
) -> None:
    """Refuse units at a live price beyond the session's per-buyer limit, counted across the
    buyer's orders that are not cancelled, expired or refunded, plus this checkout.

    Never a silent switch to the normal price: the buyer is told and lowers the quantity.
    Parallel checkouts of one buyer are serialised by the same per-buyer locks as the
    holdings caps (PostgreSQL advisory locks; SQLite runs one writer at a time).
    """
    limited = {pid: offer for pid, offer in offers.items() if offer.per_buyer_limit}
    if not limited:
        return
    _lock_holdings([f"phone:{phone}", *([f"user:{buyer.id}"] if buyer else [])])
    bought = _bought_at_live_price(limited, phone, buyer)
    for product_id, offer in sorted(limited.items()):
        already = bought.get((offer.livestream_id, product_id), 0)
        problem = over_limit(offer, items[product_id], already, names[product_id])
        if problem is not None:
            raise OverLiveLimit(problem)


def _check_items(items: dict[int, int]) -> None:
    if not items:
        raise DomainError(_l("Your cart is empty."))
    if any(isinstance(q, bool) or not isinstance(q, int) or q <= 0 for q in items.values()):
        raise DomainError(_l("Enter a quantity from 1 to %(max)s.", max=999))


def _products(items: dict[int, int]) -> list[Product]:
    """The products asked for, with their stalls; every one must still exist."""
    products = db.session.scalars(
        select(Product).where(Product.id.in_(list(items))).options(joinedload(Product.stall))
    ).all()
    if len(products) != len(items):
        raise DomainError(_l("Some products in your cart are no longer for sale."))
    return list(products)


def _add_orders(
    checkout: Checkout,
    products,
    items: dict[int, int],
    methods: dict[int, PaymentMethod],
    offers: dict[int, LiveOffer],
    livestream_id: int | None,
) -> None:
    """One order per stall, its lines priced from the database (live prices included), all
    due by one deadline and attributed to one livestream (or none)."""
    by_stall: dict[int, list[Product]] = defaultdict(list)
    for product in sorted(products, key=lambda p: p.id):
        by_stall[product.stall_id].append(product)
    now = utcnow()
    expires_at = now + timedelta(minutes=setting("ORDER_PAYMENT_TIMEOUT_MINUTES"))
    for stall_id, stall_products in by_stall.items():
        stall = stall_products[0].stall
        method = PaymentMethod(methods.get(stall_id, PaymentMethod.VIETQR))
        lines = []
        for product in stall_products:
            offer = offers.get(product.id)
            lines.append(
                OrderLine(
                    product_id=product.id,
                    product_name=product.name,
                    unit_label=product.unit_label,
                    unit_price=offer.price if offer else product.price,
                    quantity=items[product.id],
                    live_price_livestream_id=offer.livestream_id if offer else None,
                )
            )
        order = Order(
            code=new_order_code(),
            checkout=checkout,
            stall_id=stall_id,
            buyer_id=checkout.buyer_id,
            status=S.PENDING_PAYMENT,
            payment_method=method,
            total=sum(line.unit_price * line.quantity for line in lines),
            expires_at=expires_at,
            lines=lines,
            livestream_id=livestream_id,
            # The account its VietQR code pays into, kept even if the stall's account changes.
            payout_bank_id=stall.bank_id,
            payout_account_number=stall.bank_account_number,
            payout_account_name=stall.bank_account_name,
        )
        db.session.add(order)


def place_checkout(
    *,
    token: str,
    buyer: User | None,
    details: BuyerDetails,
    items: dict[int, int],
    methods: dict[int, PaymentMethod],
    client_ip: str | None = None,
    visit: LiveVisit | None = None,
    now: datetime | None = None,
) -> Checkout:
    """Create one order per stall and reserve their stock; the same token returns the same orders.

    ``items`` is ``{product_id: quantity}`` and ``methods`` ``{stall_id: method}``: the only
    things a client decides. Prices, totals and stalls come from the database; live prices
    and the attribution to ``visit``'s session are decided at ``now`` (the moment of placing).
    """
    existing = checkout_by_token(token)
    if existing is not None:
        return existing
    _check_items(items)
    values = _clean_buyer(details)
    products = _products(items)
    now = now or utcnow()
    offers = live_offers(items, now)

    check_holdings(
        phone=values["buyer_phone"],
        buyer=buyer,
        client_ip=client_ip,
        orders=len({product.stall_id for product in products}),
        units=sum(items.values()),
    )
    names = {product.id: product.name for product in products}
    check_live_limits(offers, items, names, phone=values["buyer_phone"], buyer=buyer)
    checkout = Checkout(
        token=token, buyer_id=buyer.id if buyer else None, client_ip=client_ip, **values
    )
    try:
        with db.session.begin_nested():
            db.session.add(checkout)
    except IntegrityError:
        # The same form submitted twice at once: the other request created it.
        existing = checkout_by_token(token)
        if existing is None:
            raise
        return existing

    # Reserve in product-id order: concurrent checkouts then lock rows in the same order and
    # can't deadlock each other on PostgreSQL.
    for product in sorted(products, key=lambda p: p.id):
        _reserve(product, items[product.id])
    hours = setting("LIVESTREAM_ATTRIBUTION_HOURS")
    _add_orders(
        checkout, products, items, methods, offers, attributed_livestream_id(visit, now, hours)
    )
    db.session.flush()
    for order in checkout.orders:
        notify(order, "placed")
    return checkout
