"""Routes of the livestreams blueprint: booking (see the package docstring)."""

from marketplace.livestreams.views import bp  # noqa: F401
