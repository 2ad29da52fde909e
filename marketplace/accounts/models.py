from __future__ import annotations

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import CheckConstraint, ColumnElement, String
from sqlalchemy.orm import Mapped, mapped_column

from marketplace.db import utcnow
from marketplace.extensions import db


class User(UserMixin, db.Model):
    __tablename__ = "users"
    __table_args__ = (CheckConstraint("session_version >= 1", name="session_version_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    # E.164, e.g. +84912345678; unique because people log in with it.
    phone: Mapped[str | None] = mapped_column(String(16), unique=True)
    full_name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    is_admin: Mapped[bool] = mapped_column(default=False)
    preferred_language: Mapped[str | None] = mapped_column(String(5))
    # Bumped at logout and password change: every cookie carrying an older value is void.
    session_version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]
    # Set when the owner of the address follows a mailed link; needed to open a stall.
    email_verified_at: Mapped[datetime | None]

    @property
    def email_verified(self) -> bool:
        return self.email_verified_at is not None

    def get_id(self) -> str:
        return f"{self.id}.{self.session_version}"

    @classmethod
    def owned_by(cls, user_id: int) -> ColumnElement[bool]:
        """An account belongs to itself (see ``access.get_owned_or_404``)."""
        return cls.id == user_id

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email}>"
