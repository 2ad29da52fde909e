"""The `livestreams` blueprint: one blueprint, its routes in one module per part.

- `public.py` — `/livestreams` (live now, upcoming by day, recent) and the session page;
- `booking.py` — an owner's sessions: book, edit, cancel;
- `admin.py` — the approval queue, the agenda by day, decisions, studios;
- `reminders.py` — "Nhắc tôi", email confirmation, one-click unsubscribe, the `.ics` feeds;
- `heartbeat.py` — the heartbeat JSON endpoint (the hottest path: no user load, no template).
"""

from flask import Blueprint

bp = Blueprint("livestreams", __name__)

# The route modules decorate `bp`; importing them registers their routes.
from marketplace.livestreams.views import admin, booking, heartbeat, public, reminders  # noqa: E402,F401
