"""Routes of the livestreams blueprint: admin (see the package docstring)."""

from marketplace.livestreams.views import bp  # noqa: F401
