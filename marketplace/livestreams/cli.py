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
    """Mail due reminders and change notes, each exactly once (run from cron every minute);
    forget addresses nobody confirmed within two days or before the session ended."""
    from marketplace.livestreams.reminders import send_due

    sent = send_due(minutes=minutes)
    click.echo(
        f"sent {sent.reminders} reminders and {sent.notes} change notes; "
        f"forgot {sent.forgotten} unconfirmed addresses"
    )


# --- measuring ---


@livestreams_cli.command("flush-counters")
@click.option(
    "--all",
    "everything",
    is_flag=True,
    help="Also the current minute: only when no heartbeat can arrive any more (after a benchmark).",
)
def flush_counters(everything: bool) -> None:
    """Move the view and heartbeat counters buffered in Redis into the database (cron, every
    minute; two runs at once land each minute once). Nothing to do on the database backend."""
    import time

    from marketplace.livestreams.counters import FLUSH_GRACE, counters
    from marketplace.livestreams.visitors import now

    moment = now()
    # Cron starts us on the minute: wait out the grace so the minute that just ended goes too.
    wait = FLUSH_GRACE.total_seconds() - (moment.second + moment.microsecond / 1e6)
    if wait > 0 and not everything:
        time.sleep(wait)
        moment = now()
    result = counters().flush(moment, everything=everything)
    click.echo(
        f"{counters().name}: {result.minutes} minute bucket(s) written, "
        f"{result.skipped} already written by another run"
    )
