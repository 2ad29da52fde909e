"""Demo data for the embedded demo (`make run`) and for trying features by hand.

Idempotent: every record has a natural key (an email), and existing records are left as they are,
so running the seed twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from marketplace.accounts import services as accounts
from marketplace.accounts.models import User
from marketplace.extensions import db


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


def seed_demo(password: str) -> dict[str, int]:
    """Create whatever demo records are missing; return how many of each kind were created."""
    created = {"users": 0}
    existing = set(db.session.scalars(select(User.email)))
    for person in DEMO_PEOPLE:
        if person.email in existing:
            continue
        accounts.register_user(
            full_name=person.full_name,
            email=person.email,
            phone=person.phone,
            password=password,
            preferred_language=person.language,
            is_admin=person.role == "admin",
        )
        created["users"] += 1
    db.session.flush()
    return created


def database_is_empty() -> bool:
    return db.session.scalar(select(User.id).limit(1)) is None
