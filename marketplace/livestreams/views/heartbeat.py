"""Routes of the livestreams blueprint: heartbeat (see the package docstring)."""

from marketplace.livestreams.views import bp  # noqa: F401
