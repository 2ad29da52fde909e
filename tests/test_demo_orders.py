"""The demo's pending orders stay pending whenever someone opens the demo (issue 7, item 11)."""

from datetime import timedelta

from sqlalchemy import select

from marketplace.db import utcnow
from marketplace.extensions import db
from marketplace.orders.models import Checkout, Order, OrderStatus
from marketplace.orders.services import expire_due_orders


def _demo_orders(app):
    with app.app_context():
        return {
            token: (status, expires_at)
            for token, status, expires_at in db.session.execute(
                select(Checkout.token, Order.status, Order.expires_at)
                .join(Order, Order.checkout_id == Checkout.id)
                .where(Checkout.token.like("demo-%"))
            )
        }


def test_demo_pending_orders_survive_an_expiry_run_long_after_the_seed(app, runner):
    result = runner.invoke(args=["seed-demo", "--no-photos"])
    assert result.exit_code == 0, result.output
    pending = {t for t, (s, _) in _demo_orders(app).items() if s == OrderStatus.PENDING_PAYMENT}
    assert "demo-01" in pending  # the bank transfer a newcomer confirms as the stall owner

    # Somebody comes back to the demo a month later; cron (or a page view) expires what is due.
    with app.app_context():
        expire_due_orders(now=utcnow() + timedelta(days=30))
        db.session.commit()
    after = _demo_orders(app)
    assert {t for t in pending if after[t][0] != OrderStatus.PENDING_PAYMENT} == set()
    # The demo's deliberately expired order is still expired: only pending ones are kept alive.
    assert after["demo-07"][0] == OrderStatus.EXPIRED


def test_each_demo_start_renews_the_deadline_of_older_demo_databases(app, runner):
    """`make run` runs `seed-demo --if-empty`: a database seeded before keeps its orders payable."""
    runner.invoke(args=["seed-demo", "--no-photos"])
    soon = utcnow() + timedelta(minutes=5)
    with app.app_context():
        order = db.session.scalar(select(Order).join(Checkout).where(Checkout.token == "demo-01"))
        order.expires_at = soon
        db.session.commit()

    result = runner.invoke(args=["seed-demo", "--if-empty", "--no-photos"])
    assert result.exit_code == 0, result.output
    assert "not seeded" in result.output
    status, expires_at = _demo_orders(app)["demo-01"]
    assert status == OrderStatus.PENDING_PAYMENT
    assert expires_at > utcnow() + timedelta(days=365)


def test_real_orders_keep_the_configured_deadline(app, runner):
    """Only the demo's own orders get the long deadline."""
    runner.invoke(args=["seed-demo", "--no-photos"])
    runner.invoke(args=["seed-demo", "--if-empty", "--no-photos"])
    timeout = timedelta(minutes=app.config["ORDER_PAYMENT_TIMEOUT_MINUTES"])
    with app.app_context():
        others = db.session.scalars(
            select(Order.expires_at).join(Checkout).where(Checkout.token.not_like("demo-%"))
        ).all()
    assert all(e <= utcnow() + timeout for e in others)
