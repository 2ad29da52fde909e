"""`flask livestreams ...`: the periodic jobs, run from cron (each is idempotent: two runs at once
do no harm)."""

from __future__ import annotations

import click
from flask.cli import AppGroup

livestreams_cli = AppGroup("livestreams", help="Livestream jobs: reminders, counters.")


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
