"""Command-line operations: `flask seed-demo`, `flask users ...`."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup, with_appcontext

from marketplace.accounts import services as accounts
from marketplace.config import setting
from marketplace.errors import DomainError
from marketplace.extensions import db

users_cli = AppGroup("users", help="Manage accounts and the admin role.")


def _fail(exc: DomainError) -> None:
    db.session.rollback()
    raise click.ClickException(str(exc.message)) from exc


@users_cli.command("create-admin")
@click.argument("email")
@click.option("--name", "full_name", default="Quản trị viên", show_default=True)
@click.password_option(
    help="Asked for when not given (or read from ADMIN_PASSWORD).", envvar="ADMIN_PASSWORD"
)
def create_admin(email: str, full_name: str, password: str) -> None:
    """Create an admin account, or make an existing account an admin."""
    try:
        if accounts.find_by_identifier(email) is not None:
            accounts.set_admin(email, True)
            click.echo(f"{email} already had an account; it is now an admin.")
        else:
            accounts.register_user(
                full_name=full_name,
                email=email,
                password=password,
                is_admin=True,
                email_verified=True,
            )
            click.echo(f"Admin {email} created.")
        db.session.commit()
    except DomainError as exc:
        _fail(exc)


@users_cli.command("grant-admin")
@click.argument("email")
def grant_admin(email: str) -> None:
    """Give an existing account the admin role."""
    try:
        accounts.set_admin(email, True)
        db.session.commit()
    except DomainError as exc:
        _fail(exc)
    click.echo(f"{email} is now an admin.")


@users_cli.command("revoke-admin")
@click.argument("email")
def revoke_admin(email: str) -> None:
    """Take the admin role away (their sessions end at once)."""
    try:
        accounts.set_admin(email, False)
        db.session.commit()
    except DomainError as exc:
        _fail(exc)
    click.echo(f"{email} is no longer an admin.")


@click.command("seed-demo")
@with_appcontext
@click.option("--if-empty", is_flag=True, help="Seed only when the database has no accounts.")
@click.option("--allow-production", is_flag=True, help="Seed even with MARKETPLACE_ENV=production.")
@click.option("--no-photos", is_flag=True, help="Skip generating photos (much faster).")
def seed_demo_command(if_empty: bool, allow_production: bool, no_photos: bool) -> None:
    """Create the Vietnamese demo data (idempotent: a second run changes nothing)."""
    from marketplace.demo.catalogue import DEMO_PEOPLE, DemoDataError
    from marketplace.demo.livestreams import keep_demo_livestreams_current
    from marketplace.demo.seed import database_is_empty, keep_demo_orders_payable, seed_demo

    if setting("MARKETPLACE_ENV") == "production" and not allow_production:
        raise click.ClickException("Refusing to seed demo data in production.")
    password = setting("DEMO_PASSWORD")
    if if_empty and not database_is_empty():
        click.echo("The database already has data; demo data not seeded.")
        keep_demo_orders_payable()
        keep_demo_livestreams_current()  # one session is live whenever the demo is opened
        db.session.commit()
    else:
        try:
            created = seed_demo(password, photos=not no_photos)
        except DemoDataError as exc:
            db.session.rollback()
            raise click.ClickException(f"Demo data not seeded: {exc}") from exc
        db.session.commit()
        click.echo("Demo data: " + ", ".join(f"{n} {kind} created" for kind, n in created.items()))
    click.echo(f"\nDemo logins (password for all: {password}):")
    for person in DEMO_PEOPLE:
        click.echo(f"  {person.role:8} {person.email:28} {person.full_name} — {person.place}")


photos_cli = AppGroup("photos", help="Maintain stored photos.")


@photos_cli.command("sweep-orphans")
@click.option("--grace", default=3600, show_default=True, help="Leave objects younger than this.")
@click.option("--dry-run", is_flag=True, help="List what would be deleted, delete nothing.")
def sweep_orphans_command(grace: int, dry_run: bool) -> None:
    """Delete stored photo files that no photo refers to (safe to run from cron)."""
    from marketplace.photos.services import sweep_orphans

    orphans = sweep_orphans(grace_seconds=grace, dry_run=dry_run)
    for key in orphans:
        click.echo(key)
    verb = "would delete" if dry_run else "deleted"
    click.echo(f"{verb} {len(orphans)} orphaned objects")


orders_cli = AppGroup("orders", help="Order housekeeping (run from cron).")


@orders_cli.command("expire-unpaid")
def expire_unpaid_command() -> None:
    """Expire orders not paid in time and put their stock back (safe to run twice at once)."""
    from marketplace.orders.services import expire_due_orders

    expired = expire_due_orders()
    db.session.commit()
    click.echo(f"expired {expired} orders")


def register_cli(app: Flask) -> None:
    from marketplace.livestreams.cli import livestreams_cli

    app.cli.add_command(users_cli)
    app.cli.add_command(orders_cli)
    app.cli.add_command(photos_cli)
    app.cli.add_command(livestreams_cli)
    app.cli.add_command(seed_demo_command)
