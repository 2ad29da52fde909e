"""Every state has its label, in one place next to its enum, and the label is in Vietnamese."""

import pytest
from flask_babel import force_locale

from marketplace.admin.status import AREA_STATUS_LABELS, AreaStatus
from marketplace.catalog.models import PRODUCT_STATUS_LABELS, ProductStatus
from marketplace.livestreams.models import (
    LIVESTREAM_STATUS_LABELS,
    PLATFORM_LABELS,
    LivestreamStatus,
    Platform,
)
from marketplace.orders.models import (
    ORDER_STATUS_LABELS,
    PAYMENT_METHOD_LABELS,
    OrderStatus,
    PaymentMethod,
)
from marketplace.stalls.models import STALL_STATUS_LABELS, StallStatus

LABELLED = [
    (OrderStatus, ORDER_STATUS_LABELS),
    (PaymentMethod, PAYMENT_METHOD_LABELS),
    (StallStatus, STALL_STATUS_LABELS),
    (ProductStatus, PRODUCT_STATUS_LABELS),
    (LivestreamStatus, LIVESTREAM_STATUS_LABELS),
    (AreaStatus, AREA_STATUS_LABELS),
]


def test_every_platform_has_a_label(app):
    """Platform names are brands (the same in both languages), except "other"."""
    assert set(PLATFORM_LABELS) == set(Platform)
    with app.test_request_context(), force_locale("vi"):
        assert all(member.label.strip() for member in Platform)
        assert Platform.OTHER.label == "Nền tảng khác"


@pytest.mark.parametrize(("enum", "labels"), LABELLED, ids=lambda x: getattr(x, "__name__", ""))
def test_every_member_has_a_label_translated_to_vietnamese(app, enum, labels):
    assert set(labels) == set(enum), f"{enum.__name__}: give every member a label"
    with app.test_request_context():
        with force_locale("en"):
            english = {member: member.label for member in enum}
        with force_locale("vi"):
            vietnamese = {member: member.label for member in enum}
    for member in enum:
        assert english[member].strip(), member
        assert vietnamese[member] != english[member], f"{member!r}: no Vietnamese label"
    assert len(set(vietnamese.values())) == len(enum), "two states read the same"


def test_templates_show_the_enum_labels(app):
    """The macros every status badge goes through read ``.label``: no label map in a template."""
    from flask import render_template_string

    with app.test_request_context(), force_locale("vi"):
        html = render_template_string(
            '{% from "orders/_status.html" import order_status, method_label %}'
            '{% from "_macros/stalls.html" import status_badge %}'
            "{% for s in OrderStatus %}{{ order_status(s) }}|{% endfor %}"
            "{% for m in PaymentMethod %}{{ method_label(m) }}|{% endfor %}"
            "{% for s in StallStatus %}{{ status_badge(s) }}|{% endfor %}"
        )
        for enum in (OrderStatus, PaymentMethod, StallStatus):
            for member in enum:
                assert member.label in html
        assert 'class="badge order-pending_payment">Chờ thanh toán<' in html
