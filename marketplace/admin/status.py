"""The colour of an area (a commune or a province) on the admin console.

Green, yellow and red come from the rules admins edit; ``NO_DATA`` (grey) is an area with no
approved stall, which is never counted as failing. Each status carries a text label and a symbol
(and the SVG pictures a pattern), so it is never told by colour alone.
"""

from __future__ import annotations

import enum

from flask_babel import lazy_gettext as _l


class AreaStatus(enum.StrEnum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"
    NO_DATA = "no_data"

    @property
    def label(self) -> str:
        """What people read for this value (translated); every member has one."""
        return str(AREA_STATUS_LABELS[self])

    @property
    def symbol(self) -> str:
        """A shape beside the colour: read by people who can't tell the colours apart."""
        return AREA_STATUS_SYMBOLS[self]


AREA_STATUS_LABELS = {
    AreaStatus.GREEN: _l("Selling well"),
    AreaStatus.YELLOW: _l("Getting started"),
    AreaStatus.RED: _l("Needs help"),
    AreaStatus.NO_DATA: _l("No approved stall"),
}

AREA_STATUS_SYMBOLS = {
    AreaStatus.GREEN: "●",
    AreaStatus.YELLOW: "▲",
    AreaStatus.RED: "■",
    AreaStatus.NO_DATA: "○",
}
