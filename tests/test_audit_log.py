"""The audit log reads as sentences: translated actions, named and linked objects, no N+1."""

import re

from sqlalchemy import select

from marketplace import PROJECT_ROOT
from marketplace.audit.labels import ACTION_LABELS, action_label
from marketplace.audit.services import record_decision
from marketplace.extensions import db
from tests.helpers import count_statements, place_order

LITERAL = re.compile(r"""action=["']([a-z_]+\.[a-z_]+)["']""")
TEMPLATED = re.compile(r"""action=f["']([a-z_]+)\.\{""")
# Admin edits through owner pages: record_admin_edit(..., object_type="x", ..., "admin_y").
ADMIN_OBJECT = re.compile(r"""object_type=["']([a-z_]+)["']""")
ADMIN_VERB = re.compile(r"""["'](admin_[a-z_]+)["']""")


def _written_codes() -> set[str]:
    """Every action code the code base writes with record_decision."""
    from marketplace.orders.views import ACTIONS as ORDER_ACTIONS
    from marketplace.stalls.services import DECISIONS

    expand = {
        "stall": {f"stall.{a}" for a in DECISIONS},
        "order": {f"order.{a}" for a in ORDER_ACTIONS},
    }
    codes: set[str] = set()
    for path in (PROJECT_ROOT / "marketplace").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        if "record_admin_edit(" in source and "def record_admin_edit" not in source:
            codes |= {
                f"{obj}.{verb}"
                for obj in ADMIN_OBJECT.findall(source)
                for verb in ADMIN_VERB.findall(source)
            }
        if "record_decision(" not in source:
            continue
        codes |= set(LITERAL.findall(source))
        for prefix in TEMPLATED.findall(source):
            assert prefix in expand, f"{path}: add the '{prefix}.*' codes to this test"
            codes |= expand[prefix]
    return codes


def test_every_action_code_written_has_a_label():
    codes = _written_codes()
    assert {"stall.request_changes", "order.refund", "transfer.resolve"} <= codes
    assert codes - set(ACTION_LABELS) == set()


def test_unknown_codes_read_as_words(app):
    with app.test_request_context(headers={"Accept-Language": "vi"}):
        assert action_label("stall.request_changes") == "Yêu cầu sửa gian hàng"
        assert action_label("stall.payout_hold") == "Gian hàng: payout hold"
        assert action_label("mystery") == "Mystery"
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert action_label("order.refund") == "Refunded the order"


def _record(app, admin, action, object_type, object_id, reason=None):
    with app.app_context():
        record_decision(
            actor_id=admin.id,
            action=action,
            object_type=object_type,
            object_id=object_id,
            reason=reason,
        )
        db.session.commit()


def test_audit_log_names_and_links_objects(
    app, client, make_user, make_stall, make_product, log_in
):
    from marketplace.orders.models import Order

    admin = make_user(is_admin=True, full_name="Cán bộ Hương")
    stall = make_stall(name="Chè Tà Xùa")
    product = make_product(stall)
    buyer = app.test_client()
    assert place_order(app, buyer, [(product, 1)]).status_code == 302
    with app.app_context():
        order = db.session.scalar(select(Order))
        order_id, code = order.id, order.code
    _record(app, admin, "stall.request_changes", "stall", stall.id, "Ảnh mờ")
    _record(app, admin, "order.refund", "order", order_id, "Hàng hỏng")
    _record(app, admin, "transfer.resolve", "bank_transfer", 7, "Sai nội dung")
    _record(app, admin, "stall.payout_hold", "payout", 3)

    log_in(client, admin)
    page = client.get("/admin/audit").get_data(as_text=True)
    for raw in ("stall.request_changes", "order.refund", "transfer.resolve", "stall #"):
        assert raw not in page
    assert "Yêu cầu sửa gian hàng" in page and "Hoàn tiền đơn hàng" in page
    assert f'<a href="/admin/stalls/{stall.id}">Chè Tà Xùa</a>' in page
    assert f'<a href="/my/orders/{order_id}">Đơn hàng {code}</a>' in page
    assert 'href="/admin/payments">Chuyển khoản #7</a>' in page
    assert "Gian hàng: payout hold" in page and "Payout #3" in page
    assert 'data-label="Lý do"' in page
    # The stall's own page tells its history in the same words.
    assert "Yêu cầu sửa gian hàng" in client.get(f"/admin/stalls/{stall.id}").get_data(as_text=True)


def test_audit_log_runs_a_bounded_number_of_statements(app, client, make_user, make_stall, log_in):
    admin = make_user(is_admin=True)
    log_in(client, admin)
    stalls = [make_stall(name=f"Gian {n}") for n in range(6)]
    _record(app, admin, "stall.approve", "stall", stalls[0].id)
    _record(app, admin, "order.pack", "order", 1)
    few = count_statements(app, client, "/admin/audit")
    for stall in stalls[1:]:
        other = make_user(is_admin=True)
        _record(app, other, "stall.suspend", "stall", stall.id, "Lý do")
        _record(app, other, "order.ship", "order", stall.id)
    assert count_statements(app, client, "/admin/audit") == few
