"""What the audit log's codes mean, in the reader's language: one mapping, kept in one place.

Codes are written as ``<object>.<verb>`` (``stall.request_changes``). A code without a label here
still reads as words ("Stall: payout hold"), never as a blank or a raw code.
"""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

ACTION_LABELS = {
    "stall.approve": _l("Approved the stall"),
    "stall.reject": _l("Rejected the stall"),
    "stall.request_changes": _l("Asked for changes to the stall"),
    "stall.suspend": _l("Suspended the stall"),
    "stall.reinstate": _l("Reinstated the stall"),
    "stall.payout_request": _l("Asked to change the payout account"),
    "stall.payout_withdraw": _l("Withdrew the payout account change"),
    "stall.payout_approve": _l("Approved the new payout account"),
    "stall.payout_reject": _l("Rejected the new payout account"),
    "stall.admin_edit": _l("Edited the stall (admin)"),
    "product.admin_create": _l("Added a product (admin)"),
    "product.admin_edit": _l("Edited the product (admin)"),
    "product.admin_delete": _l("Deleted the product (admin)"),
    "product.admin_photo_add": _l("Added a product photo (admin)"),
    "product.admin_photo_move": _l("Moved a product photo (admin)"),
    "product.admin_photo_delete": _l("Deleted a product photo (admin)"),
    "order.confirm_transfer": _l("Confirmed the bank transfer"),
    "order.pack": _l("Marked the order packed"),
    "order.ship": _l("Marked the order shipped"),
    "order.deliver": _l("Marked the order delivered"),
    "order.cancel": _l("Cancelled the order"),
    "order.cancel_paid": _l("Cancelled the paid order"),
    "order.refund": _l("Refunded the order"),
    "order.paid_back": _l("Marked the money owed back as paid"),
    "transfer.resolve": _l("Resolved a bank transfer"),
    "livestream.approve": _l("Approved the live session"),
    "livestream.reject": _l("Rejected the live session"),
    "livestream.cancel": _l("Cancelled the live session"),
    "livestream.admin_edit": _l("Edited the live session (admin)"),
}

OBJECT_LABELS = {
    "stall": _l("Stall"),
    "order": _l("Order"),
    "bank_transfer": _l("Bank transfer"),
    "transfer": _l("Bank transfer"),
    "product": _l("Product"),
    "user": _l("Account"),
    "livestream": _l("Live session"),
}


def _words(code: str) -> str:
    return code.replace("_", " ").replace(".", " ").strip()


def object_label(object_type: str) -> str:
    label = OBJECT_LABELS.get(object_type)
    return str(label) if label else _words(object_type).capitalize()


def action_label(code: str) -> str:
    """The audit action in words: the translated label, or the code made readable."""
    label = ACTION_LABELS.get(code)
    if label:
        return str(label)
    subject, _sep, verb = code.partition(".")
    if not verb:
        return _words(code).capitalize() or "—"
    return _("%(object)s: %(action)s", object=object_label(subject), action=_words(verb))
