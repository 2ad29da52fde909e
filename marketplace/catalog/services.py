"""Products: the owner's catalogue, and what shoppers may see and search."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import BinaryIO

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, and_, case, func, or_, select
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from marketplace.catalog.models import Product, ProductStatus
from marketplace.errors import DomainError, NotFound
from marketplace.extensions import db
from marketplace.photos.models import Photo
from marketplace.photos.services import delete_photo, schedule_object_deletion, store_photo
from marketplace.reference.models import Category, Province
from marketplace.stalls.models import Stall, StallStatus
from marketplace.vietnamese import nfc, search_key

MAX_PHOTOS = 8
PAGE_SIZE = 24


@dataclass
class ProductDetails:
    name: str
    description: str
    category_id: int
    price: int
    stock: int
    unit_label: str
    weight_grams: int
    status: ProductStatus
    ocop_stars: int | None = None
    ocop_certificate: str | None = None
    ocop_expires_on: date | None = None


def _clean(details: ProductDetails, *, has_photo: bool) -> dict:
    # The form checks these too; the service is the last word whatever the caller.
    for name, value, minimum in (
        ("price", details.price, 1),
        ("stock", details.stock, 0),
        ("weight_grams", details.weight_grams, 0),
    ):
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise DomainError(_l("Enter a whole number of at least %(n)s.", n=minimum), field=name)
    if db.session.get(Category, details.category_id) is None:
        raise DomainError(_l("Choose a category from the list."), field="category_id")
    stars = details.ocop_stars or None
    certificate = (details.ocop_certificate or "").strip() or None
    if stars is not None:
        if stars not in (3, 4, 5):
            raise DomainError(_l("OCOP stars are 3, 4 or 5."), field="ocop_stars")
        if not certificate:
            raise DomainError(_l("Enter the OCOP certificate number."), field="ocop_certificate")
        if details.ocop_expires_on is None:
            raise DomainError(_l("Enter the certificate's expiry date."), field="ocop_expires_on")
    name = nfc(details.name).strip()
    description = nfc(details.description).replace("\r\n", "\n").strip()
    return {
        "name": name,
        "description": description,
        "category_id": details.category_id,
        "price": details.price,
        "stock": details.stock,
        "unit_label": nfc(details.unit_label).strip(),
        "weight_grams": details.weight_grams,
        "status": _on_sale_with_photo(ProductStatus(details.status), has_photo),
        "ocop_stars": stars,
        "ocop_certificate": certificate if stars else None,
        "ocop_expires_on": details.ocop_expires_on if stars else None,
        "name_key": search_key(name),
        "text_key": search_key(description),
    }


def _on_sale_with_photo(status: ProductStatus, has_photo: bool) -> ProductStatus:
    """Shoppers buy from photos: a product goes on sale only once it has one."""
    if status in (ProductStatus.ACTIVE, ProductStatus.NEEDS_PHOTO):
        return ProductStatus.ACTIVE if has_photo else ProductStatus.NEEDS_PHOTO
    return status


def _require_approved(stall: Stall) -> None:
    if stall.status != StallStatus.APPROVED:
        raise DomainError(_l("Products can be added once the stall is approved."))


def create_product(stall: Stall, details: ProductDetails) -> Product:
    _require_approved(stall)
    product = Product(stall_id=stall.id, **_clean(details, has_photo=False))
    db.session.add(product)
    db.session.flush()
    return product


def update_product(product: Product, details: ProductDetails) -> None:
    for key, value in _clean(details, has_photo=bool(product.photos)).items():
        setattr(product, key, value)
    db.session.flush()


def delete_product(product: Product) -> None:
    schedule_object_deletion(list(product.photos))
    db.session.delete(product)
    db.session.flush()


def add_photo(product: Product, stream: BinaryIO) -> Photo:
    if len(product.photos) >= MAX_PHOTOS:
        raise DomainError(_l("A product can have at most %(n)s photos.", n=MAX_PHOTOS))
    position = max((p.position for p in product.photos), default=-1) + 1
    photo = store_photo(
        stream, folder=f"products/{product.id}", product_id=product.id, position=position
    )
    db.session.refresh(product, ["photos"])
    product.status = _on_sale_with_photo(product.status, True)
    db.session.flush()
    return photo


def move_photo(product: Product, photo_id: int, offset: int) -> None:
    """Move a photo up (-1) or down (+1); the first photo is the cover."""
    photos = list(product.photos)
    index = next((i for i, p in enumerate(photos) if p.id == photo_id), None)
    if index is None:
        raise NotFound(_l("That photo is not on this product."))
    target = index + offset
    if 0 <= target < len(photos):
        photos[index], photos[target] = photos[target], photos[index]
    for position, photo in enumerate(photos):
        photo.position = position
    db.session.flush()


def remove_photo(product: Product, photo_id: int) -> None:
    photo = next((p for p in product.photos if p.id == photo_id), None)
    if photo is None:
        raise NotFound(_l("That photo is not on this product."))
    product.photos.remove(photo)
    delete_photo(photo)
    product.status = _on_sale_with_photo(product.status, bool(product.photos))
    db.session.flush()


# --- What shoppers see -------------------------------------------------------------------


PUBLIC = (Product.status == ProductStatus.ACTIVE, Stall.status == StallStatus.APPROVED)


def public_products() -> Select:
    """Active products of approved stalls, with what a product card shows loaded up front."""
    return (
        select(Product)
        .join(Product.stall)
        .where(*PUBLIC)
        .options(
            contains_eager(Product.stall).joinedload(Stall.province),
            joinedload(Product.category),
            selectinload(Product.photos),
        )
    )


def get_public_product(product_id: int) -> Product | None:
    return (
        db.session.scalars(public_products().where(Product.id == product_id)).unique().one_or_none()
    )


SORTS = {
    "newest": (Product.created_at.desc(), Product.id.desc()),
    "price_asc": (Product.price.asc(), Product.id.asc()),
    "price_desc": (Product.price.desc(), Product.id.desc()),
}


@dataclass
class ProductQuery:
    q: str = ""
    category: str | None = None  # slug
    province: str | None = None  # code
    min_stars: int | None = None
    min_price: int | None = None
    max_price: int | None = None
    in_stock: bool = False
    sort: str = "newest"
    page: int = 1


@dataclass
class Page:
    items: list[Product]
    total: int
    page: int
    per_page: int
    query: ProductQuery = field(repr=False)

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))


def _search_conditions(words: list[str]):
    return [
        or_(
            Product.name_key.contains(word, autoescape=True),
            Product.text_key.contains(word, autoescape=True),
            Stall.search_key.contains(word, autoescape=True),
        )
        for word in words
    ]


def _filters(query: ProductQuery, today: date) -> list:
    conditions = []
    words = search_key(query.q).split()
    conditions.extend(_search_conditions(words))
    if query.category:
        conditions.append(
            Product.category_id
            == select(Category.id).where(Category.slug == query.category).scalar_subquery()
        )
    if query.province:
        conditions.append(
            Stall.province_id
            == select(Province.id).where(Province.code == query.province).scalar_subquery()
        )
    if query.min_stars:
        conditions += [Product.ocop_stars >= query.min_stars, Product.ocop_expires_on >= today]
    if query.min_price is not None:
        conditions.append(Product.price >= query.min_price)
    if query.max_price is not None:
        conditions.append(Product.price <= query.max_price)
    if query.in_stock:
        conditions.append(Product.stock > 0)
    return conditions


def search_products(query: ProductQuery, today: date, per_page: int = PAGE_SIZE) -> Page:
    """One page of public products: a count, the rows, and their photos (three statements)."""
    conditions = _filters(query, today)
    total = db.session.scalar(
        select(func.count(Product.id)).join(Product.stall).where(*PUBLIC, *conditions)
    )
    order = list(SORTS.get(query.sort, SORTS["newest"]))
    words = search_key(query.q).split()
    if words and query.sort == "newest":
        # Relevance first: the whole phrase in the name, then every word in the name.
        phrase = " ".join(words)
        rank = case(
            (Product.name_key.contains(phrase, autoescape=True), 0),
            (and_(*[Product.name_key.contains(w, autoescape=True) for w in words]), 1),
            else_=2,
        )
        order.insert(0, rank)
    pages = max(1, math.ceil((total or 0) / per_page))
    page = min(max(1, query.page), pages)
    items = list(
        db.session.scalars(
            public_products()
            .where(*conditions)
            .order_by(*order)
            .limit(per_page)
            .offset((page - 1) * per_page)
        ).unique()
    )
    return Page(items=items, total=total or 0, page=page, per_page=per_page, query=query)


def stall_products(stall: Stall) -> list[Product]:
    return list(
        db.session.scalars(
            public_products()
            .where(Product.stall_id == stall.id)
            .order_by(Product.created_at.desc())
        ).unique()
    )


def owner_products(stall: Stall) -> list[Product]:
    return list(
        db.session.scalars(
            select(Product)
            .where(Product.stall_id == stall.id)
            .options(selectinload(Product.photos), joinedload(Product.category))
            .order_by(Product.created_at.desc())
        ).unique()
    )


def dashboard_panel(*, stall: Stall) -> dict:
    """The ``stalls.DASHBOARD`` hook: the stall's products."""
    return {"products": owner_products(stall)}


def featured_products(today: date, limit: int = 8) -> list[Product]:
    stmt = public_products().where(
        Product.ocop_stars.is_not(None), Product.ocop_expires_on >= today
    )
    return list(
        db.session.scalars(
            stmt.order_by(Product.ocop_stars.desc(), Product.created_at.desc()).limit(limit)
        ).unique()
    )


def newest_stalls(limit: int = 6) -> list[Stall]:
    return list(
        db.session.scalars(
            select(Stall)
            .where(Stall.status == StallStatus.APPROVED)
            .options(joinedload(Stall.province), joinedload(Stall.logo))
            .order_by(Stall.approved_at.desc(), Stall.id.desc())
            .limit(limit)
        )
    )


def public_stall(slug: str) -> Stall | None:
    return db.session.scalar(
        select(Stall)
        .where(Stall.slug == slug, Stall.status == StallStatus.APPROVED)
        .options(joinedload(Stall.province), joinedload(Stall.commune), joinedload(Stall.logo))
    )
