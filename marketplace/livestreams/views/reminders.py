"""Routes of the livestreams blueprint: reminders (see the package docstring)."""

from marketplace.livestreams.views import bp  # noqa: F401
