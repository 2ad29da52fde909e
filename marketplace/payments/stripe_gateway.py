"""Card payments through Stripe PaymentIntents. The only module in the project that imports stripe.

The rest of the code sees ``StripeGateway`` and the small ``Intent`` / ``Refund`` records; it never
sees a stripe object or a stripe exception. Amounts are integers of đồng: VND is a zero-decimal
currency for Stripe, so ``amount=125000`` is 125.000 ₫ and is sent exactly as given.

Tests run this adapter against localstripe (``devtools.localstripe_dev``), which speaks
the same v1 HTTP API with these differences, each handled or documented below:

- it refuses parameters it does not know with 400 "Unexpected <name>": ``description`` and
  ``automatic_payment_methods`` on PaymentIntents among them, so ``description`` is only sent to
  the real Stripe (``api_base`` unset) and we always use ``payment_method_types=["card"]``;
- ``POST /v1/payment_intents/<id>/confirm`` with a ``payment_method`` answers 500 "Not
  implemented": ``confirm_intent`` sets the payment method with an update, then confirms;
- it ignores ``Idempotency-Key`` headers (the real Stripe honours them);
- its PaymentIntents have no ``amount_received`` and embed ``latest_charge`` as an object rather
  than an id; ``_intent_from`` derives the first and accepts both forms of the second;
- it lets a refund exceed what is left on the charge, so ``refund`` checks that first;
- ``expand`` works (it is a no-op for ``latest_charge``, which is already embedded).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import stripe

from marketplace.config import ConfigurationError

CURRENCY = "vnd"
# Retries are safe: every POST carries an idempotency key (ours, or one stripe-python generates).
MAX_NETWORK_RETRIES = 2
# (connect, read) seconds; stripe-python waits 80 s by default, too long for a checkout page.
HTTP_TIMEOUT = (5, 30)


class GatewayError(Exception):
    """Stripe is unreachable or refused the request. The message is safe to log."""


class WebhookSignatureError(Exception):
    """A webhook body whose signature is missing, wrong or too old, or that is not an event."""


@dataclass(frozen=True)
class Intent:
    id: str
    status: str
    amount: int
    currency: str
    client_secret: str | None
    metadata: dict[str, str]
    amount_received: int
    # Why the last attempt failed ("Your card was declined."), when it did.
    last_payment_error: str | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Refund:
    id: str
    status: str
    amount: int
    payment_intent: str


def _check_amount(amount: Any) -> int:
    # bool is a subclass of int and True would be sent as "1" đồng.
    if type(amount) is not int or amount <= 0:
        raise ValueError(f"amount must be a positive whole number of đồng, got {amount!r}")
    return amount


def _check_metadata(metadata: Mapping[str, str]) -> dict[str, str]:
    checked = dict(metadata)
    for key, value in checked.items():
        if not isinstance(key, str) or not isinstance(value, str):
            raise ValueError(f"metadata keys and values must be strings, got {key!r}: {value!r}")
    return checked


@contextmanager
def _gateway_errors(action: str) -> Iterator[None]:
    """Turn stripe's exceptions into GatewayError, so callers need not know stripe."""
    try:
        yield
    except stripe.StripeError as exc:
        status = f" (HTTP {exc.http_status})" if exc.http_status else ""
        code = f" [{exc.code}]" if exc.code else ""
        # stripe's connection errors span several lines; a log line should not.
        message = " ".join((exc.user_message or str(exc) or type(exc).__name__).split())
        raise GatewayError(f"Stripe could not {action}{status}{code}: {message}") from exc


def _as_dict(obj: Any) -> dict[str, Any]:
    return obj.to_dict() if isinstance(obj, stripe.StripeObject) else dict(obj)


def _amount_received(data: Mapping[str, Any]) -> int:
    received = data.get("amount_received")
    if isinstance(received, int):
        return received
    # localstripe has no amount_received: take it from the captured charge.
    charge = data.get("latest_charge")
    if data.get("status") == "succeeded" and isinstance(charge, Mapping):
        captured = charge.get("amount_captured")
        if isinstance(captured, int):
            return captured
        if charge.get("captured") and isinstance(charge.get("amount"), int):
            return charge["amount"]
    return 0


def _intent_from(obj: Any) -> Intent:
    data = _as_dict(obj)
    error = data.get("last_payment_error")
    return Intent(
        id=data["id"],
        status=data["status"],
        amount=int(data["amount"]),
        currency=data["currency"],
        client_secret=data.get("client_secret"),
        metadata={str(k): str(v) for k, v in (data.get("metadata") or {}).items()},
        amount_received=_amount_received(data),
        last_payment_error=(error.get("message") or error.get("code")) if error else None,
    )


def _refund_from(obj: Any) -> Refund:
    data = _as_dict(obj)
    return Refund(
        id=data["id"],
        status=data["status"],
        amount=int(data["amount"]),
        payment_intent=data.get("payment_intent") or "",
    )


class StripeGateway:
    def __init__(self, *, secret_key: str, webhook_secret: str, api_base: str | None = None):
        if not secret_key:
            raise ValueError("secret_key is required")
        self._webhook_secret = webhook_secret
        # A fake API (localstripe) rejects some parameters the real Stripe accepts.
        self._real_stripe = not api_base
        base_addresses: dict[str, str | None] = {}
        if api_base:
            base_addresses["api"] = api_base.rstrip("/")
        # A client object of our own: no stripe.api_key or other module-level state is touched.
        self._client = stripe.StripeClient(
            secret_key,
            base_addresses=base_addresses,  # type: ignore[arg-type]
            max_network_retries=MAX_NETWORK_RETRIES,
            http_client=stripe.RequestsClient(timeout=HTTP_TIMEOUT),
        )

    def create_intent(
        self,
        *,
        amount: int,
        idempotency_key: str,
        metadata: dict[str, str],
        description: str,
    ) -> Intent:
        """A card PaymentIntent for ``amount`` đồng, waiting for a payment method."""
        params: dict[str, Any] = {
            "amount": _check_amount(amount),
            "currency": CURRENCY,
            "payment_method_types": ["card"],
            "metadata": _check_metadata(metadata),
        }
        if description and self._real_stripe:
            params["description"] = description
        with _gateway_errors("create a payment"):
            intent = self._client.v1.payment_intents.create(
                params=params,  # type: ignore[arg-type]
                options={"idempotency_key": idempotency_key},
            )
        return _intent_from(intent)

    def retrieve_intent(self, intent_id: str) -> Intent:
        with _gateway_errors(f"read payment {intent_id}"):
            intent = self._client.v1.payment_intents.retrieve(intent_id)
        return _intent_from(intent)

    def confirm_intent(self, *, intent_id: str, payment_method: str) -> Intent:
        """Attach ``payment_method`` (pm_..., or card_... from a Stripe.js token) and confirm.

        A declined card is not an error here: the intent comes back with status
        ``requires_payment_method`` and ``last_payment_error`` set. 3-D Secure cards come back
        ``requires_action``; the browser finishes with ``stripe.confirmCardPayment(secret)``.
        """
        with _gateway_errors(f"confirm payment {intent_id}"):
            # Two calls rather than confirm(payment_method=...), which localstripe does not
            # implement; the real Stripe accepts both.
            self._client.v1.payment_intents.update(
                intent_id, params={"payment_method": payment_method}
            )
            try:
                intent = self._client.v1.payment_intents.confirm(intent_id)
            except stripe.CardError:
                intent = self._client.v1.payment_intents.retrieve(intent_id)
        return _intent_from(intent)

    def refund(self, *, intent_id: str, amount: int, idempotency_key: str) -> Refund:
        """Give back ``amount`` đồng of a succeeded payment (several partial refunds are fine)."""
        _check_amount(amount)
        with _gateway_errors(f"refund payment {intent_id}"):
            intent = _as_dict(
                self._client.v1.payment_intents.retrieve(
                    intent_id, params={"expand": ["latest_charge"]}
                )
            )
        charge = intent.get("latest_charge")
        if intent.get("status") != "succeeded" or not isinstance(charge, Mapping):
            raise GatewayError(f"payment {intent_id} has not succeeded: nothing to refund")
        # Stripe refuses a refund larger than what is left; localstripe does not, so check here.
        left = _amount_received(intent) - int(charge.get("amount_refunded") or 0)
        if amount > left:
            raise GatewayError(
                f"cannot refund {amount} đồng of payment {intent_id}: only {left} left"
            )
        with _gateway_errors(f"refund payment {intent_id}"):
            refund = self._client.v1.refunds.create(
                params={"payment_intent": intent_id, "amount": amount},
                options={"idempotency_key": idempotency_key},
            )
        return _refund_from(refund)

    def parse_event(
        self, payload: bytes, signature_header: str | None, tolerance: int = 300
    ) -> dict:
        """The event in a webhook's raw body, once its ``Stripe-Signature`` header checks out.

        Returns the decoded JSON as plain dicts: ``{"id", "type", "data": {"object": {...}}, ...}``.
        """
        if not signature_header or not signature_header.isascii():
            # stripe compares signatures with hmac.compare_digest, which refuses non-ASCII text.
            raise WebhookSignatureError("missing or non-ASCII signature header")
        try:
            stripe.WebhookSignature.verify_header(
                payload, signature_header, self._webhook_secret, tolerance
            )
        except stripe.SignatureVerificationError as exc:
            raise WebhookSignatureError(str(exc).split("\n")[0]) from exc
        except UnicodeDecodeError as exc:  # verify_header decodes the body as UTF-8 first
            raise WebhookSignatureError("webhook body is not UTF-8") from exc
        try:
            event = json.loads(payload)
        except ValueError as exc:
            raise WebhookSignatureError("webhook body is not JSON") from exc
        if (
            not isinstance(event, dict)
            or not isinstance(event.get("id"), str)
            or not isinstance(event.get("type"), str)
            or not isinstance(event.get("data"), dict)
            or not isinstance(event["data"].get("object"), dict)
        ):
            raise WebhookSignatureError("webhook body is not a Stripe event")
        return event


def build_gateway(config: Mapping[str, Any]) -> StripeGateway | None:
    """The gateway set up from ``config``, or None when card payments are not configured."""
    secret_key = str(config.get("STRIPE_SECRET_KEY") or "").strip()
    if not secret_key:
        return None
    webhook_secret = str(config.get("STRIPE_WEBHOOK_SECRET") or "").strip()
    if not webhook_secret:
        # Without it no webhook verifies, and paid orders would never be marked paid.
        raise ConfigurationError("STRIPE_SECRET_KEY needs STRIPE_WEBHOOK_SECRET")
    return StripeGateway(
        secret_key=secret_key,
        webhook_secret=webhook_secret,
        api_base=str(config.get("STRIPE_API_BASE") or "").strip() or None,
    )


__all__ = [
    "GatewayError",
    "Intent",
    "Refund",
    "StripeGateway",
    "WebhookSignatureError",
    "build_gateway",
]
