"""The cart. Quantities only: prices, names and stock are always read from the database."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select
from sqlalchemy.orm import joinedload, selectinload

from marketplace import hooks
from marketplace.cart.hooks import LIVE_BOUGHT
from marketplace.cart.models import CartItem
from marketplace.catalog.models import Product, ProductStatus
from marketplace.catalog.services import PUBLIC
from marketplace.db import utcnow
from marketplace.errors import DomainError
from marketplace.extensions import db
from marketplace.forms import parse_whole_number
from marketplace.livestreams.pricing import LiveOffer, live_offers, over_limit
from marketplace.stalls.models import Stall, StallStatus

MAX_QUANTITY = 999
MAX_LINES = 50


@dataclass
class CartLine:
    product: Product
    quantity: int
    problem: str | None = None  # why this line can't be bought as it is
    offer: LiveOffer | None = None  # the live price in force when the cart was read

    @property
    def unit_price(self) -> int:
        """What one unit costs now: the live price during a session, else the normal price."""
        return self.offer.price if self.offer else self.product.price

    @property
    def line_total(self) -> int:
        return self.unit_price * self.quantity


@dataclass
class CartGroup:
    stall: Stall
    lines: list[CartLine] = field(default_factory=list)

    @property
    def subtotal(self) -> int:
        return sum(line.line_total for line in self.lines if line.problem is None)


def parse_quantity(raw: object) -> int:
    """A positive whole number: the client never decides a sign, a fraction or a price."""
    quantity = parse_whole_number(raw, max_digits=4)
    if quantity is None or not 0 < quantity <= MAX_QUANTITY or "." in str(raw):
        raise DomainError(_l("Enter a quantity from 1 to %(max)s.", max=MAX_QUANTITY))
    return quantity


class Cart:
    """A shopper's cart: in the database when logged in, else a dict kept in the session.

    Guests' items are plain ``{product_id: quantity}``; the view stores ``guest_items`` back in
    the session after a change.
    """

    def __init__(self, user_id: int | None, guest_items: dict | None = None):
        self.user_id = user_id
        self.guest_items = {
            int(k): int(v)
            for k, v in (guest_items or {}).items()
            if parse_whole_number(k) is not None and isinstance(v, int)
        }

    def items(self) -> dict[int, int]:
        if self.user_id is None:
            return dict(self.guest_items)
        rows = db.session.execute(
            select(CartItem.product_id, CartItem.quantity).where(CartItem.user_id == self.user_id)
        )
        return {product_id: quantity for product_id, quantity in rows}

    def count(self) -> int:
        return sum(self.items().values())

    def set(self, product_id: int, quantity: int) -> None:
        """Set a line's quantity, checked against what is for sale now."""
        product = _buyable(product_id)
        if quantity > product.stock:
            raise DomainError(
                _l("Only %(n)s left of %(name)s.", n=product.stock, name=product.name)
            )
        if product_id not in self.items() and len(self.items()) >= MAX_LINES:
            raise DomainError(_l("Your cart is full."))
        if self.user_id is None:
            self.guest_items[product_id] = quantity
            return
        item = db.session.scalar(
            select(CartItem).where(
                CartItem.user_id == self.user_id, CartItem.product_id == product_id
            )
        )
        if item is None:
            db.session.add(CartItem(user_id=self.user_id, product_id=product_id, quantity=quantity))
        else:
            item.quantity = quantity
        db.session.flush()

    def add(self, product_id: int, quantity: int) -> None:
        current = self.items().get(product_id, 0)
        self.set(product_id, min(current + quantity, MAX_QUANTITY))

    def remove(self, product_ids: list[int]) -> None:
        if self.user_id is None:
            for product_id in product_ids:
                self.guest_items.pop(product_id, None)
            return
        db.session.execute(
            delete(CartItem).where(
                CartItem.user_id == self.user_id, CartItem.product_id.in_(product_ids)
            )
        )

    def _bought_at_live_price(self, offers: dict[int, LiveOffer]) -> dict[tuple[int, int], int]:
        """Units the account already ordered at these live prices (none known for a guest, whose
        phone number is asked only at checkout: checkout counts again either way)."""
        limited = {pid: offer for pid, offer in offers.items() if offer.per_buyer_limit}
        if self.user_id is None or not limited:
            return {}
        return hooks.one(LIVE_BOUGHT, offers=limited, user_id=self.user_id)

    def groups(self, at: datetime | None = None) -> list[CartGroup]:
        """The cart by stall, with each line's price at ``at`` (now by default: live prices
        included) and any reason it can't be bought."""
        items = self.items()
        if not items:
            return []
        products = db.session.scalars(
            select(Product)
            .where(Product.id.in_(list(items)))
            .options(
                joinedload(Product.stall).joinedload(Stall.province),
                selectinload(Product.photos),
            )
        ).unique()
        offers = live_offers(items, at or utcnow())
        bought = self._bought_at_live_price(offers)
        groups: dict[int, CartGroup] = {}
        for product in sorted(products, key=lambda p: (p.stall_id, p.id)):
            quantity, offer = items[product.id], offers.get(product.id)
            problem = _problem(product, quantity)
            if problem is None and offer is not None:
                already = bought.get((offer.livestream_id, product.id), 0)
                limited = over_limit(offer, quantity, already, product.name)
                problem = None if limited is None else str(limited)
            line = CartLine(product, quantity, problem, offer)
            groups.setdefault(product.stall_id, CartGroup(product.stall)).lines.append(line)
        return list(groups.values())


def _problem(product: Product, quantity: int) -> str | None:
    if product.status != ProductStatus.ACTIVE or product.stall.status != StallStatus.APPROVED:
        return str(_l("No longer for sale."))
    if product.stock == 0:
        return str(_l("Sold out."))
    if quantity > product.stock:
        return str(_l("Only %(n)s left.", n=product.stock))
    return None


def _buyable(product_id: int) -> Product:
    product = db.session.scalar(
        select(Product).join(Product.stall).where(Product.id == product_id, *PUBLIC)
    )
    if product is None:
        raise DomainError(_l("This product is not for sale."))
    if product.stock == 0:
        raise DomainError(_l("%(name)s is sold out.", name=product.name))
    return product


def merge_guest_cart(user_id: int, guest_items: dict) -> None:
    """At login, the guest's cart joins the account's (quantities add up, capped by stock)."""
    cart = Cart(user_id)
    for product_id, quantity in Cart(None, guest_items).items().items():
        try:
            cart.add(product_id, quantity)
        except DomainError:
            try:  # more than the stock: take what there is
                product = _buyable(product_id)
                cart.set(product_id, min(product.stock, MAX_QUANTITY))
            except DomainError:
                continue  # no longer for sale: nothing to merge
