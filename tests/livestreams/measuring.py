"""Helpers of the measuring tests (plain functions, imported by the tests that need them)."""

from __future__ import annotations

from flask import render_template_string

from marketplace.extensions import db
from marketplace.livestreams.models import Livestream

# A phone (a Cubot: the brand's name must not look like a bot's).
PHONE = "Mozilla/5.0 (Linux; Android 10; CUBOT X20) AppleWebKit/537.36 Chrome/120 Mobile Safari"


def stand_in_session_page(app) -> None:
    """The shoppers' part owns `livestreams.show`; until it is here, a page that only includes
    the measuring partial stands in for it (the hook keys on the endpoint name)."""
    if "livestreams.show" in app.view_functions:
        return

    def show(livestream_id: int):
        livestream = db.get_or_404(Livestream, livestream_id)
        return render_template_string(
            "<!doctype html><title>{{ livestream.title }}</title>"
            '{% include "livestreams/_viewers.html" %}',
            livestream=livestream,
        )

    app.add_url_rule("/livestreams/<int:livestream_id>", "livestreams.show", show)
