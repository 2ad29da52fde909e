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
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from marketplace.accounts.access import get_owned_or_404
from marketplace.accounts.phone import InvalidPhoneNumber, format_vn_phone, normalise_vn_mobile
from marketplace.audit.services import record_decision
from marketplace.cart.views import current_cart, save_cart
from marketplace.errors import Conflict, DomainError
from marketplace.extensions import db, limiter
from marketplace.forms import FORM_ERROR_STATUS, add_domain_error, form_values, render_form
from marketplace.orders import services
from marketplace.orders.forms import CheckoutForm, LookupForm, OrderActionForm
from marketplace.orders.models import Checkout, Order, OrderStatus, PaymentMethod
from marketplace.orders.stale import stale_order_action
from marketplace.payments import services as payments
from marketplace.payments.vietqr import qr_png, qr_svg
from marketplace.stalls.models import Stall

bp = Blueprint("orders", __name__)
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{32}$")  # secrets.token_urlsafe(24)
SESSION_CHECKOUTS_KEY = "checkouts"


def _methods(groups) -> dict[int, PaymentMethod]:
    """The payment method chosen for each stall's order (VietQR unless card is asked for)."""
    card_ok = current_app.extensions.get("stripe_gateway") is not None
    methods = {}
    for group in groups:
        chosen = request.form.get(f"method_{group.stall.id}", PaymentMethod.VIETQR.value)
        if chosen == PaymentMethod.CARD and card_ok:
            methods[group.stall.id] = PaymentMethod.CARD
        else:
            methods[group.stall.id] = PaymentMethod.VIETQR
    return methods


@bp.route("/checkout", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["CHECKOUT_RATE_LIMIT"], methods=["POST"])
def checkout():
    cart = current_cart()
    groups = cart.groups()
    form = CheckoutForm()
    form.load_choices()
    if request.method == "GET":
        form.token.data = secrets.token_urlsafe(24)
        if current_user.is_authenticated:
            form.name.data = current_user.full_name
            form.email.data = current_user.email
            if current_user.phone:
                form.phone.data = format_vn_phone(current_user.phone)
    token = form.token.data or ""
    if request.method == "POST" and not _TOKEN.match(token):
        # Tokens are ours (made when the form is shown); any other is a stale or forged form.
        form.token.data = secrets.token_urlsafe(24)
        form.form_errors.append(_("This form has expired. Check your details and send it again."))
        return render_form(
            "orders/checkout.html",
            form,
            groups=groups,
            card_ok=current_app.extensions.get("stripe_gateway") is not None,
        )
    # A repeated submission (double click, retry) finds the checkout the first one made.
    if request.method == "POST" and services.checkout_by_token(token):
        return redirect(url_for("orders.checkout_page", token=token))
    if not groups and request.method == "GET":
        return redirect(url_for("cart.show"))
    problems = [line for group in groups for line in group.lines if line.problem]
    lines = [line for group in groups for line in group.lines]
    submitted = form.is_submitted() and lines  # an empty cart is the service's to report
    changed = services.changed_since_shown(lines, form.shown.data) if submitted else {}
    form.shown.data = services.shown_snapshot(lines)  # what this page shows now
    if form.validate_on_submit() and problems:
        form.form_errors.append(
            _("Some products in your cart can't be bought as they are. Update your cart first.")
        )
    elif form.validate_on_submit() and changed:
        # Never charge a price the buyer didn't see: show the new totals and ask again.
        form.form_errors.append(
            _(
                "Prices changed since you opened this page. Check the new totals below,"
                " then place the order again to confirm."
            )
        )
    elif form.validate_on_submit():
        items = {line.product.id: line.quantity for group in groups for line in group.lines}
        try:
            placed = services.place_checkout(
                token=token,
                buyer=current_user._get_current_object() if current_user.is_authenticated else None,
                details=form_values(form, services.BuyerDetails, note=form.note.data or ""),
                items=items,
                methods=_methods(groups),
                client_ip=get_remote_address(),
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            cart.remove(list(items))
            save_cart(cart)
            remembered = session.get(SESSION_CHECKOUTS_KEY, [])[-19:]
            session[SESSION_CHECKOUTS_KEY] = [*remembered, placed.token]
            return redirect(url_for("orders.checkout_page", token=placed.token))
    card_ok = current_app.extensions.get("stripe_gateway") is not None
    return render_form(
        "orders/checkout.html", form, groups=groups, card_ok=card_ok, changed=changed
    )


def expire_overdue(orders) -> None:
    """Expire what is past its deadline before anything else happens, and keep that even if
    the action this request was for then fails (the one exception to one commit per request).
    """
    if [order for order in orders if services.expire_if_due(order)]:
        db.session.commit()


def _load_checkout(token: str) -> Checkout:
    found = services.checkout_by_token(token)
    if found is None:
        abort(404)
    expire_overdue(found.orders)
    return found


@bp.get("/checkout/<token>")
def checkout_page(token: str):
    found = _load_checkout(token)
    codes = {
        order.id: qr_svg(payments.vietqr_payload(order), title=order.code)
        for order in found.orders
        if order.payment_method == PaymentMethod.VIETQR
        and order.status == OrderStatus.PENDING_PAYMENT
    }
    return render_template("orders/checkout_done.html", checkout=found, qr_codes=codes)


def _qr_download(order: Order):
    """The order's VietQR as a PNG file to save: banking apps scan a QR from the gallery."""
    if order.payment_method != PaymentMethod.VIETQR or order.status != OrderStatus.PENDING_PAYMENT:
        abort(404)
    response = current_app.response_class(
        qr_png(payments.vietqr_payload(order)), mimetype="image/png"
    )
    response.headers["Content-Disposition"] = f'attachment; filename="VietQR-{order.code}.png"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.get("/checkout/<token>/orders/<code>/qr.png")
def checkout_qr(token: str, code: str):
    return _qr_download(_checkout_order(token, code)[1])


def _checkout_order(token: str, code: str) -> tuple[Checkout, Order]:
    found = _load_checkout(token)
    order = next((o for o in found.orders if o.code == code), None)
    if order is None:
        abort(404)
    return found, order


@bp.route("/checkout/<token>/orders/<code>/cancel", methods=["GET", "POST"])
def buyer_cancel(token: str, code: str):
    """Ask first (a page that works without JavaScript), cancel only on the confirmed POST.

    Holding the checkout's link is what allows this (the lookup never hands it over); a
    logged-in buyer of this checkout is recorded as their account, anyone else as the link.
    """
    found, order = _checkout_order(token, code)
    back = url_for("orders.checkout_page", token=token) + f"#order-{order.code}"
    if request.method == "GET" or request.form.get("confirm") != "yes":
        if request.method == "POST":  # a one-tap form (an old page): ask the question first
            return redirect(url_for("orders.buyer_cancel", token=token, code=code))
        if order.status != OrderStatus.PENDING_PAYMENT:
            flash(_("This order can no longer be cancelled."), "error")
            return redirect(back)
        return render_template("orders/cancel_confirm.html", checkout=found, order=order, back=back)
    user = current_user._get_current_object() if current_user.is_authenticated else None
    own_account = user is not None and found.buyer_id == user.id
    try:
        services.cancel(
            order,
            role="buyer",
            by=user,
            reason=_("Cancelled by the buyer"),
            via="buyer_account" if own_account else "buyer_link",
        )
    except DomainError as exc:
        flash(str(exc.message), "error")
        return redirect(back)
    flash(_("Order %(code)s is cancelled.", code=order.code), "success")
    return redirect(back)


@bp.get("/orders")
@login_required
def history():
    rows = db.session.scalars(
        select(Order)
        .where(Order.buyer_id == current_user.id)
        .options(joinedload(Order.stall), joinedload(Order.checkout), selectinload(Order.lines))
        .order_by(Order.created_at.desc())
        .limit(100)
    ).all()
    return render_template("orders/history.html", orders=rows)


SESSION_LOOKUPS_KEY = "looked_up_orders"


@bp.route("/orders/lookup", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["ORDER_LOOKUP_RATE_LIMIT"], methods=["POST"])
def lookup():
    """Code and phone show that one order, read-only: never the checkout's link.

    A stall owner knows the code and phone of their own orders; the checkout behind them may
    hold other stalls' orders, and its link allows cancelling them.
    """
    form = LookupForm()
    if form.validate_on_submit():
        code = form.code.data.strip().upper().replace(" ", "").replace("-", "")
        try:
            phone = normalise_vn_mobile(form.phone.data)
        except InvalidPhoneNumber:
            phone = None
        order = db.session.scalar(
            select(Order)
            .join(Order.checkout)
            .where(Order.code == code, Checkout.buyer_phone == phone)
        )
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
    order = db.session.scalar(
        select(Order)
        .where(Order.code == code)
        .options(selectinload(Order.lines), joinedload(Order.stall).joinedload(Stall.bank))
    )
    if order is None:
        abort(404)
    expire_overdue([order])
    return order


@bp.get("/orders/lookup/<code>/qr.png")
def looked_up_qr(code: str):
    return _qr_download(_looked_up_order(code))


@bp.get("/orders/lookup/<code>")
def looked_up(code: str):
    order = _looked_up_order(code)
    qr = (
        qr_svg(payments.vietqr_payload(order), title=order.code)
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
    stmt = (
        select(Order)
        .where(Order.stall_id == stall.id)
        .options(joinedload(Order.checkout), selectinload(Order.lines))
        .order_by(Order.created_at.desc())
        .limit(200)
    )
    if status in {s.value for s in OrderStatus}:
        stmt = stmt.where(Order.status == status)
    rows = db.session.scalars(stmt).all()
    return render_template("orders/stall_orders.html", stall=stall, orders=rows, status=status)


ACTIONS = {"confirm_transfer", "pack", "ship", "deliver", "cancel", "cancel_paid", "refund"}


def _role(order: Order) -> str:
    return "admin" if current_user.is_admin and order.stall.owner_id != current_user.id else "owner"


@bp.get("/my/orders/<int:order_id>")
@login_required
def owner_order(order_id: int):
    order = get_owned_or_404(Order, order_id, joinedload(Order.checkout), selectinload(Order.lines))
    expire_overdue([order])
    return _owner_page(order, OrderActionForm())


@bp.post("/my/orders/<int:order_id>/paid_back")
@login_required
def owner_paid_back(order_id: int):
    """The owner (or an admin) paid the buyer of a cancelled bank-transfer order back."""
    order = get_owned_or_404(Order, order_id, joinedload(Order.checkout), selectinload(Order.lines))
    form = OrderActionForm()
    if not form.validate_on_submit():
        return _owner_page(order, form, FORM_ERROR_STATUS)
    user = current_user._get_current_object()
    try:
        services.mark_paid_back(order, by=user)
    except DomainError as exc:
        add_domain_error(form, exc)
        return _owner_page(order, form, exc.status_code)
    if _role(order) == "admin":
        record_decision(
            actor_id=user.id,
            action="order.paid_back",
            object_type="order",
            object_id=order.id,
            reason=None,
        )
    flash(_("Order %(code)s updated.", code=order.code), "success")
    return redirect(url_for("orders.owner_order", order_id=order.id))


def _owner_page(order: Order, form: OrderActionForm, status: int = 200):
    return render_template(
        "orders/owner_order.html",
        order=order,
        form=form,
        actions=services.allowed_actions(order, _role(order)),
    ), status


@bp.post("/my/orders/<int:order_id>/<action>")
@login_required
def owner_action(order_id: int, action: str):
    order = get_owned_or_404(Order, order_id, joinedload(Order.checkout), selectinload(Order.lines))
    expire_overdue([order])
    form = OrderActionForm()
    if action not in ACTIONS:
        abort(404)
    if action not in services.allowed_actions(order, _role(order)):
        raise stale_order_action(order, action)
    if not form.validate_on_submit():
        return _owner_page(order, form, FORM_ERROR_STATUS)
    user = current_user._get_current_object()
    try:
        if action == "confirm_transfer":
            services.confirm_transfer(order, by=user)
        elif action in {"pack", "ship", "deliver"}:
            services.advance(order, action, _role(order))
        elif action in {"cancel", "cancel_paid"}:
            services.cancel(
                order,
                role=_role(order),
                by=user,
                reason=form.reason.data,
                gateway=current_app.extensions.get("stripe_gateway"),
            )
        elif action == "refund":
            amount = form.amount.data or (order.total - order.refunded_amount)
            services.refund(
                order, amount, by=user, reason=form.reason.data, gateway=payments.gateway()
            )
        else:
            abort(404)
    except Conflict:
        # Another tab or worker changed the order after this page was shown: say what it is now.
        db.session.rollback()
        raise stale_order_action(order, action) from None
    except DomainError as exc:
        add_domain_error(form, exc)
        return _owner_page(order, form, FORM_ERROR_STATUS)
    if _role(order) == "admin":  # an admin acting on a stall's order is a decision to keep
        record_decision(
            actor_id=user.id,
            action=f"order.{action}",
            object_type="order",
            object_id=order.id,
            reason=form.reason.data or None,
        )
    flash(_("Order %(code)s updated.", code=order.code), "success")
    return redirect(url_for("orders.owner_order", order_id=order.id))
