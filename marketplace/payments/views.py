from __future__ import annotations

import hashlib
import hmac
import logging
import re

from flask import (
    Blueprint,
    abort,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _

from marketplace.config import adapter, setting
from marketplace.errors import DomainError, json_error
from marketplace.extensions import csrf, limiter
from marketplace.orders.checkout import load_checkout
from marketplace.payments import services
from marketplace.payments.stripe_gateway import GatewayError, WebhookSignatureError

bp = Blueprint("payments", __name__)
log = logging.getLogger(__name__)


def _unavailable(exc: Exception) -> str:
    """What the buyer is told when the card payment can't go ahead: the service's reason."""
    return str(getattr(exc, "message", None) or _("Card payments are not available right now."))


def _card_form_settings() -> dict:
    return {
        "publishable_key": setting("STRIPE_PUBLISHABLE_KEY"),
        "stripe_js_url": setting("STRIPE_JS_URL"),
        "test_mode": setting("STRIPE_SECRET_KEY").startswith("sk_test")
        or bool(setting("STRIPE_API_BASE")),
    }


@bp.get("/checkout/<token>/pay")
def pay(token: str):
    checkout = load_checkout(token)
    try:
        intent = services.ensure_intent(checkout)
    except (DomainError, GatewayError) as exc:
        flash(_unavailable(exc), "error")
        return redirect(url_for("orders.checkout_page", token=token))
    if intent.status == "succeeded":
        services.apply_intent(intent)
        return redirect(url_for("orders.checkout_page", token=token))
    return render_template(
        "payments/pay.html",
        checkout=checkout,
        orders=services.card_orders(checkout),
        amount=intent.amount,
        client_secret=intent.client_secret,
        **_card_form_settings(),
    )


_PAYMENT_METHOD = re.compile(r"^(pm|card|tok|src)_[A-Za-z0-9]{4,250}$")


def _refusal(body: object) -> str | None:
    """Why a confirm request's JSON body can't be used, or None."""
    if not isinstance(body, dict):
        return "the body must be a JSON object"
    payment_method = body.get("payment_method")
    if not (isinstance(payment_method, str) and _PAYMENT_METHOD.match(payment_method)):
        return "payment_method must be a Stripe id"
    return None


def _card_answer(intent) -> dict:
    """What the card form's script needs next: done, a 3-D Secure step, or a declined card."""
    answer = {"status": intent.status}
    if intent.status == "requires_action":
        answer["client_secret"] = intent.client_secret
    elif intent.status == "requires_payment_method":
        answer["message"] = _("The card was declined. Try another card.")
    return answer


@bp.post("/checkout/<token>/pay/confirm")
def confirm(token: str):
    """The card form's token (from Stripe.js) confirms the intent, server-side.

    JSON in and out. Card details never reach this server: only Stripe's id for them.
    """
    checkout = load_checkout(token)
    body = request.get_json(silent=True)
    if refusal := _refusal(body):
        return json_error(400, "bad_request", refusal)
    try:
        intent = services.confirm_card_payment(checkout, body["payment_method"])
    except (DomainError, GatewayError) as exc:
        return json_error(503, "unavailable", _unavailable(exc))
    services.apply_intent(intent)
    return jsonify(_card_answer(intent))


@bp.get("/checkout/<token>/paid")
def returned(token: str):
    """Where the card form sends the buyer: read the intent now, don't wait for the webhook."""
    checkout = load_checkout(token)
    if checkout.stripe_intent_id:
        try:
            intent = services.gateway().retrieve_intent(checkout.stripe_intent_id)
        except (DomainError, GatewayError):
            flash(
                _("We could not check the payment just now. Reload this page in a moment."), "info"
            )
        else:
            if services.apply_intent(intent) or intent.status == "succeeded":
                flash(_("Payment received. Thank you!"), "success")
            elif intent.status in {"processing", "requires_capture"}:
                flash(_("Your payment is being processed."), "info")
            else:
                flash(_("The card payment did not go through. You can try again."), "error")
    return redirect(url_for("orders.checkout_page", token=token))


@bp.post("/webhooks/stripe")
@csrf.exempt
@limiter.exempt
def stripe_webhook():
    gateway = adapter("stripe_gateway")
    if gateway is None:
        abort(404)
    try:
        event = gateway.parse_event(request.get_data(), request.headers.get("Stripe-Signature"))
    except WebhookSignatureError:
        return json_error(400, "bad_signature", "invalid signature")
    try:
        outcome = services.handle_stripe_event(event)
    except DomainError as exc:
        return json_error(400, "bad_request", str(exc.message))
    except GatewayError:
        # Not recorded (the transaction rolls back): Stripe retries, and we apply it then.
        log.exception("stripe event %s could not be applied now", event["id"])
        return json_error(503, "unavailable", "try again later")
    log.info("stripe event %s %s: %s", event["id"], event["type"], outcome)
    return jsonify(received=True, outcome=outcome)


def _bank_request_is_authentic() -> bool:
    api_key = setting("BANK_WEBHOOK_API_KEY")
    header = request.headers.get("Authorization", "")
    if api_key and hmac.compare_digest(header.encode(), f"Apikey {api_key}".encode()):
        return True
    secret = setting("BANK_WEBHOOK_HMAC_SECRET")
    if secret:
        expected = hmac.new(secret.encode(), request.get_data(), hashlib.sha256).hexdigest()
        given = request.headers.get("X-Signature", "")
        # Headers arrive as latin-1 text: compare bytes, which any header can be made of.
        return hmac.compare_digest(expected.encode(), given.lower().encode("latin-1", "replace"))
    return False


@bp.post("/webhooks/bank")
@csrf.exempt
@limiter.exempt
def bank_webhook():
    if not (setting("BANK_WEBHOOK_API_KEY") or setting("BANK_WEBHOOK_HMAC_SECRET")):
        abort(404)  # not configured: the endpoint does not exist
    if not _bank_request_is_authentic():
        return json_error(401, "unauthorized", "bad API key or signature")
    payload = request.get_json(silent=True)
    required = {"id", "transferType", "transferAmount"}
    if not isinstance(payload, dict) or not required <= payload.keys():
        return json_error(400, "bad_request", f"a JSON object with {sorted(required)} is required")
    try:
        transfer = services.handle_bank_transfer(payload)
    except DomainError as exc:
        return json_error(400, "bad_request", str(exc.message))
    # SePay expects {"success": true} with 200/201 to stop retrying.
    return jsonify(success=True, status=transfer.status if transfer else "ignored"), 200
