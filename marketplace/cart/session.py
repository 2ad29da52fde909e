"""The shopper's cart for this request: the account's, or the guest's kept in the session."""

from __future__ import annotations

from flask import session
from flask_login import current_user

from marketplace.cart.services import Cart, merge_guest_cart

SESSION_CART_KEY = "cart"


def current_cart() -> Cart:
    if current_user.is_authenticated:
        return Cart(current_user.id)
    return Cart(None, session.get(SESSION_CART_KEY))


def save_cart(cart: Cart) -> None:
    if cart.user_id is None:
        session[SESSION_CART_KEY] = {str(k): v for k, v in cart.guest_items.items()}


def guest_cart_count() -> int:
    return sum((session.get(SESSION_CART_KEY) or {}).values())


def merge_at_login(*, user, guest_session: dict) -> None:
    """The ``accounts.LOGGED_IN`` hook: the guest's cart joins the account's."""
    guest_cart = guest_session.get(SESSION_CART_KEY)
    if guest_cart:
        merge_guest_cart(user.id, guest_cart)
