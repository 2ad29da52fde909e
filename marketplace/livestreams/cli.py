"""`flask livestreams ...`: the periodic jobs, run from cron (each is idempotent: two runs at once
do no harm)."""

from __future__ import annotations

import click
from flask.cli import AppGroup

livestreams_cli = AppGroup("livestreams", help="Livestream jobs: reminders, counters.")


@livestreams_cli.command("send-reminders")
@click.option(
    "--minutes",
    type=click.IntRange(min=1, max=24 * 60),
    default=None,
    help="Remind this many minutes before the start [default: LIVESTREAM_REMINDER_MINUTES].",
)
def send_reminders_command(minutes: int | None) -> None:
    """Mail due reminders and change notes, each exactly once (run from cron every minute)."""
    from marketplace.livestreams.reminders import send_due

    sent = send_due(minutes=minutes)
    click.echo(f"sent {sent.reminders} reminders and {sent.notes} change notes")
