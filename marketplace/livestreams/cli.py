"""`flask livestreams ...`: the periodic jobs, run from cron (each is idempotent: two runs at once
do no harm)."""

from __future__ import annotations

from flask.cli import AppGroup

livestreams_cli = AppGroup("livestreams", help="Livestream jobs: reminders, counters.")
