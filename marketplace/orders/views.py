from __future__ import annotations

import re
import secrets

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_required
from sqlalchemy.orm import joinedload, selectinload

from marketplace import hooks
from marketplace.accounts.access import current_account, get_owned_or_404
from marketplace.accounts.phone import format_vn_phone
from marketplace.cart.session import current_cart, save_cart
from marketplace.config import adapter, setting
from marketplace.db import utcnow
from marketplace.errors import Conflict, DomainError
from marketplace.extensions import limiter
from marketplace.forms import FORM_ERROR_STATUS, add_domain_error, form_values, render_form
from marketplace.livestreams import attribution
from marketplace.orders import checkout as placing
from marketplace.orders import lifecycle, queries
from marketplace.orders.forms import CheckoutForm, LookupForm, OrderActionForm
from marketplace.orders.hooks import VIETQR_PNG, VIETQR_SVG
from marketplace.orders.lifecycle import ACTIONS  # noqa: F401 (tests/test_audit_log.py)
from marketplace.orders.models import Checkout, Order, OrderStatus, PaymentMethod
from marketplace.stalls.models import Stall

bp = Blueprint("orders", __name__)
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{32}$")  # secrets.token_urlsafe(24)
SESSION_CHECKOUTS_KEY = "checkouts"


def _methods(groups) -> dict[int, PaymentMethod]:
    """The payment method chosen for each stall's order (VietQR unless card is asked for)."""
    card_ok = _card_ok()
    methods = {}
    for group in groups:
        chosen = request.form.get(f"method_{group.stall.id}", PaymentMethod.VIETQR.value)
        if chosen == PaymentMethod.CARD and card_ok:
            methods[group.stall.id] = PaymentMethod.CARD
        else:
            methods[group.stall.id] = PaymentMethod.VIETQR
    return methods


def _checkout_form() -> CheckoutForm:
    """The checkout form; shown fresh, it gets a new token and the account's details."""
    form = CheckoutForm()
    form.load_choices()
    if request.method == "GET":
        form.token.data = secrets.token_urlsafe(24)
        if current_user.is_authenticated:
            form.name.data = current_user.full_name
            form.email.data = current_user.email
            if current_user.phone:
                form.phone.data = format_vn_phone(current_user.phone)
    return form


def _card_ok() -> bool:
    return adapter("stripe_gateway") is not None


def _expired_form(form: CheckoutForm, groups):
    """Tokens are ours (made when the form is shown); any other is a stale or forged form."""
    form.token.data = secrets.token_urlsafe(24)
    form.form_errors.append(_("This form has expired. Check your details and send it again."))
    return render_form("orders/checkout.html", form, groups=groups, card_ok=_card_ok())


def _place(form: CheckoutForm, token: str, groups, now) -> Checkout | None:
    """Place the cart's lines at the server's prices; a refusal is shown on the form."""
    try:
        return placing.place_checkout(
            token=token,
            buyer=current_account(),
            details=form_values(form, placing.BuyerDetails, note=form.note.data or ""),
            items={line.product.id: line.quantity for group in groups for line in group.lines},
            methods=_methods(groups),
            client_ip=get_remote_address(),
            visit=attribution.decode_visit(session.get(attribution.SESSION_KEY)),
            now=now,
        )
    except DomainError as exc:
        add_domain_error(form, exc)
        return None


def _placed(cart, groups, placed: Checkout):
    cart.remove([line.product.id for group in groups for line in group.lines])
    save_cart(cart)
    remembered = session.get(SESSION_CHECKOUTS_KEY, [])[-19:]
    session[SESSION_CHECKOUTS_KEY] = [*remembered, placed.token]
    return redirect(url_for("orders.checkout_page", token=placed.token))


@bp.route("/checkout", methods=["GET", "POST"])
@limiter.limit(lambda: setting("CHECKOUT_RATE_LIMIT"), methods=["POST"])
def checkout():
    cart, form, now = current_cart(), _checkout_form(), utcnow()
    groups, token = cart.groups(at=now), form.token.data or ""  # one instant: live prices
    if request.method == "POST" and not _TOKEN.match(token):
        return _expired_form(form, groups)
    # A repeated submission (double click, retry) finds the checkout the first one made.
    if request.method == "POST" and placing.checkout_by_token(token):
        return redirect(url_for("orders.checkout_page", token=token))
    if not groups and request.method == "GET":
        return redirect(url_for("cart.show"))
    lines = [line for group in groups for line in group.lines]
    review = placing.review_cart(lines, form.shown.data, submitted=form.is_submitted())
    form.shown.data = review.shown  # what this page shows now
    if form.validate_on_submit() and review.problem:
        form.form_errors.append(str(review.problem))
    elif form.validate_on_submit() and (placed := _place(form, token, groups, now)):
        return _placed(cart, groups, placed)
    return render_form(
        "orders/checkout.html", form, groups=groups, card_ok=_card_ok(), changed=review.changed
    )


@bp.get("/checkout/<token>")
def checkout_page(token: str):
    found = placing.load_checkout(token)
    codes = {
        order.id: hooks.one(VIETQR_SVG, order=order)
        for order in found.orders
        if order.payment_method == PaymentMethod.VIETQR
        and order.status == OrderStatus.PENDING_PAYMENT
    }
    return render_template("orders/checkout_done.html", checkout=found, qr_codes=codes)


def _qr_download(order: Order):
    """The order's VietQR as a PNG file to save: banking apps scan a QR from the gallery."""
    if order.payment_method != PaymentMethod.VIETQR or order.status != OrderStatus.PENDING_PAYMENT:
        abort(404)
    response = current_app.response_class(hooks.one(VIETQR_PNG, order=order), mimetype="image/png")
    response.headers["Content-Disposition"] = f'attachment; filename="VietQR-{order.code}.png"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.get("/checkout/<token>/orders/<code>/qr.png")
def checkout_qr(token: str, code: str):
    return _qr_download(_checkout_order(token, code)[1])


def _checkout_order(token: str, code: str) -> tuple[Checkout, Order]:
    found = placing.load_checkout(token)
    order = next((o for o in found.orders if o.code == code), None)
    if order is None:
        abort(404)
    return found, order


def _ask_to_cancel(found: Checkout, order: Order, back: str):
    if request.method == "POST":  # a one-tap form (an old page): ask the question first
        return redirect(url_for("orders.buyer_cancel", token=found.token, code=order.code))
    if order.status != OrderStatus.PENDING_PAYMENT:
        flash(_("This order can no longer be cancelled."), "error")
        return redirect(back)
    return render_template("orders/cancel_confirm.html", checkout=found, order=order, back=back)


@bp.route("/checkout/<token>/orders/<code>/cancel", methods=["GET", "POST"])
def buyer_cancel(token: str, code: str):
    """Ask first (a page that works without JavaScript), cancel only on the confirmed POST.

    Holding the checkout's link is what allows this (the lookup never hands it over); a
    logged-in buyer of this checkout is recorded as their account, anyone else as the link.
    """
    found, order = _checkout_order(token, code)
    back = url_for("orders.checkout_page", token=token) + f"#order-{order.code}"
    if request.method == "GET" or request.form.get("confirm") != "yes":
        return _ask_to_cancel(found, order, back)
    user = current_account()
    own_account = user is not None and found.buyer_id == user.id
    try:
        lifecycle.cancel(
            order,
            role="buyer",
            by=user,
            reason=_("Cancelled by the buyer"),
            via="buyer_account" if own_account else "buyer_link",
        )
    except DomainError as exc:  # already cancelled, paid meanwhile: the buyer's page says so
        flash(str(exc.message), "error")
        return redirect(back)
    flash(_("Order %(code)s is cancelled.", code=order.code), "success")
    return redirect(back)


@bp.get("/orders")
@login_required
def history():
    return render_template("orders/history.html", orders=queries.buyer_history(current_user.id))


SESSION_LOOKUPS_KEY = "looked_up_orders"


@bp.route("/orders/lookup", methods=["GET", "POST"])
@limiter.limit(lambda: setting("ORDER_LOOKUP_RATE_LIMIT"), methods=["POST"])
def lookup():
    """Code and phone show that one order, read-only: never the checkout's link.

    A stall owner knows the code and phone of their own orders; the checkout behind them may
    hold other stalls' orders, and its link allows cancelling them.
    """
    form = LookupForm()
    if form.validate_on_submit():
        order = queries.find_by_code_and_phone(form.code.data, form.phone.data)
        if order is not None:
            remembered = [c for c in session.get(SESSION_LOOKUPS_KEY, []) if c != order.code]
            session[SESSION_LOOKUPS_KEY] = [*remembered[-9:], order.code]
            return redirect(url_for("orders.looked_up", code=order.code))
        form.form_errors.append(_("No order with this code and phone number."))
    return render_form("orders/lookup.html", form)


def _looked_up_order(code: str) -> Order:
    """An order this browser found with its code and phone (kept in the signed session)."""
    if code not in session.get(SESSION_LOOKUPS_KEY, []):
        abort(404)
    order = queries.order_by_code(code)
    if order is None:
        abort(404)
    lifecycle.expire_overdue([order])
    return order


@bp.get("/orders/lookup/<code>/qr.png")
def looked_up_qr(code: str):
    return _qr_download(_looked_up_order(code))


@bp.get("/orders/lookup/<code>")
def looked_up(code: str):
    order = _looked_up_order(code)
    qr = (
        hooks.one(VIETQR_SVG, order=order)
        if order.payment_method == PaymentMethod.VIETQR
        and order.status == OrderStatus.PENDING_PAYMENT
        else None
    )
    return render_template("orders/looked_up.html", order=order, qr=qr)


# --- The stall owner's side ----------------------------------------------------------------


@bp.get("/my/stalls/<int:stall_id>/orders")
@login_required
def stall_orders(stall_id: int):
    stall = get_owned_or_404(Stall, stall_id)
    status = request.args.get("status") or None
    rows = queries.stall_orders(stall.id, status)
    return render_template("orders/stall_orders.html", stall=stall, orders=rows, status=status)


def _owned_order(order_id: int) -> Order:
    """An order of the current user's stall (or any, for an admin), expired if overdue."""
    order = get_owned_or_404(Order, order_id, joinedload(Order.checkout), selectinload(Order.lines))
    lifecycle.expire_overdue([order])
    return order


@bp.get("/my/orders/<int:order_id>")
@login_required
def owner_order(order_id: int):
    return _owner_page(_owned_order(order_id), OrderActionForm())


@bp.post("/my/orders/<int:order_id>/paid_back")
@login_required
def owner_paid_back(order_id: int):
    """The owner (or an admin) paid the buyer of a cancelled bank-transfer order back."""
    order = get_owned_or_404(Order, order_id, joinedload(Order.checkout), selectinload(Order.lines))
    form = OrderActionForm()
    if not form.validate_on_submit():
        return _owner_page(order, form, FORM_ERROR_STATUS)
    try:
        lifecycle.pay_back(order, by=current_account())
    except DomainError as exc:  # already marked, nothing owed: said on the order's page
        add_domain_error(form, exc)
        return _owner_page(order, form, exc.status_code)
    flash(_("Order %(code)s updated.", code=order.code), "success")
    return redirect(url_for("orders.owner_order", order_id=order.id))


def _owner_page(order: Order, form: OrderActionForm, status: int = 200):
    role = lifecycle.role_of(order, current_user)
    return render_template(
        "orders/owner_order.html",
        order=order,
        form=form,
        actions=lifecycle.allowed_actions(order, role),
    ), status


@bp.post("/my/orders/<int:order_id>/<action>")
@login_required
def owner_action(order_id: int, action: str):
    order, user = _owned_order(order_id), current_account()
    lifecycle.check_action(order, action, lifecycle.role_of(order, user))  # 404 or stale first
    form = OrderActionForm()
    if not form.validate_on_submit():
        return _owner_page(order, form, FORM_ERROR_STATUS)
    given = form_values(form, lifecycle.OrderAction)
    try:
        lifecycle.act(order, action, given, by=user, gateway=_gateway())
    except Conflict:
        raise  # stale: back to the order's page, saying what it is now
    except DomainError as exc:
        add_domain_error(form, exc)
        return _owner_page(order, form, FORM_ERROR_STATUS)
    flash(_("Order %(code)s updated.", code=order.code), "success")
    return redirect(url_for("orders.owner_order", order_id=order.id))


def _gateway():
    return adapter("stripe_gateway")
