from __future__ import annotations

from flask import (
    Blueprint,
    flash,
    has_request_context,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from marketplace.cart.services import Cart, parse_quantity
from marketplace.cart.session import current_cart, guest_cart_count, save_cart
from marketplace.errors import DomainError
from marketplace.forms import parse_whole_number, safe_next_url

bp = Blueprint("cart", __name__)


def _product_id() -> int | None:
    return parse_whole_number(request.form.get("product_id"), max_digits=12)


@bp.get("/cart")
def show():
    cart = current_cart()
    return render_template("cart/cart.html", groups=cart.groups())


@bp.post("/cart/add")
def add():
    cart = current_cart()
    product_id = _product_id()
    back = safe_next_url(request.form.get("next"), url_for("cart.show"))
    try:
        if product_id is None:
            raise DomainError(_("This product is not for sale."))
        cart.add(product_id, parse_quantity(request.form.get("quantity", "1")))
    except DomainError as exc:
        flash(str(exc.message), "error")
        return redirect(back)
    save_cart(cart)
    flash(_("Added to your cart."), "success")
    return redirect(back)


@bp.post("/cart/update")
def update():
    cart = current_cart()
    product_id = _product_id()
    try:
        if product_id is None:
            raise DomainError(_("This product is not for sale."))
        if request.form.get("remove"):
            cart.remove([product_id])
        else:
            cart.set(product_id, parse_quantity(request.form.get("quantity")))
    except DomainError as exc:
        flash(str(exc.message), "error")
    save_cart(cart)
    return redirect(url_for("cart.show"))


@bp.app_context_processor
def cart_badge():
    """The number of items in the cart, for the menu (guests: no query at all)."""
    if not has_request_context():  # mail rendered by a CLI command
        return {}
    if current_user.is_authenticated:
        return {"cart_count": Cart(current_user.id).count()}
    return {"cart_count": guest_cart_count()}
