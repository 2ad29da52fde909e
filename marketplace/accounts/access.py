"""Who may do what: the login and admin decorators, and the one ownership check.

Every model that belongs to someone has a classmethod ``owned_by(user_id)`` returning the SQL
condition "this row belongs to that user" (a stall: its owner; a product: its stall's owner).
Views load such objects only through ``get_owned_or_404``, so an owner check can't be forgotten
and another owner's object is indistinguishable from a missing one.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import abort
from flask_login import current_user, login_required
from sqlalchemy import select

from marketplace.extensions import db, login_manager

T = TypeVar("T")

__all__ = ["admin_required", "current_account", "get_owned_or_404", "login_required"]


def current_account():
    """The logged-in ``User`` itself (not Flask-Login's proxy), for services; None for a guest."""
    if not current_user.is_authenticated:
        return None
    return current_user._get_current_object()


def admin_required(view: Callable[..., Any]) -> Callable[..., Any]:
    """Guests are sent to the login page; logged-in non-admins get 403."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        if not current_user.is_admin:
            abort(403)
        return view(*args, **kwargs)

    return wrapped


def get_owned_or_404(model: type[T], object_id: int, *options: Any) -> T:
    """Load ``model`` by id if the current user owns it or is an admin; otherwise 404."""
    if not current_user.is_authenticated:
        abort(404)
    stmt = select(model).where(model.id == object_id)  # type: ignore[attr-defined]
    if not current_user.is_admin:
        stmt = stmt.where(model.owned_by(current_user.id))  # type: ignore[attr-defined]
    if options:
        stmt = stmt.options(*options)
    obj = db.session.scalar(stmt)
    if obj is None:
        abort(404)
    return obj
