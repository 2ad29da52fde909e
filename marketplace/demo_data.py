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
        "admin@chophien.test",
        "Nguyễn Thu Hà",
        "0912 000 001",
        "admin",
        "Đoàn Thanh niên tỉnh Lào Cai",
    ),
    DemoPerson(
        "my.thao@chophien.test",
        "Thào Thị Mỷ",
        "0912 000 002",
        "owner",
        "Bắc Hà, Lào Cai (mận Tam Hoa)",
    ),
    DemoPerson(
        "panh.lo@chophien.test",
        "Lò Văn Pành",
        "0912 000 003",
        "owner",
        "Mường Thanh, Điện Biên (gạo Điện Biên)",
    ),
    DemoPerson(
        "son.ho@chophien.test",
        "Hồ Văn Sơn",
        "0912 000 004",
        "owner",
        "Khe Sanh, Quảng Trị (cà phê Khe Sanh)",
    ),
    DemoPerson(
        "hhen.nie@chophien.test",
        "H'Hen Niê",
        "0912 000 005",
        "owner",
        "Ea Knuop, Đắk Lắk (sầu riêng)",
    ),
    DemoPerson(
        "lien.dang@chophien.test",
        "Đặng Thị Liên",
        "0912 000 006",
        "owner",
        "Tân Cương, Thái Nguyên (chè)",
    ),
    DemoPerson(
        "quan.tran@chophien.test", "Trần Minh Quân", "0912 000 007", "shopper", "Thái Nguyên"
    ),
    DemoPerson(
        "ngoc.le@chophien.test", "Lê Thị Ngọc", "0912 000 008", "shopper", "Đông Hà, Quảng Trị"
    ),
    DemoPerson(
        "y.ksor@chophien.test",
        "Y Bhim Ksor",
        "0912 000 009",
        "shopper",
        "Buôn Ma Thuột, Đắk Lắk",
        language="en",
    ),
)


def seed_demo(password: str, photos: bool = True) -> dict[str, int]:
    """Create whatever demo records are missing; return how many of each kind were created."""
    created = {"users": 0, "stalls": 0, "products": 0, "photos": 0}
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
        )
        created["users"] += 1
    db.session.flush()
    _seed_catalogue(created, photos)
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


def database_is_empty() -> bool:
    return db.session.scalar(select(User.id).limit(1)) is None
