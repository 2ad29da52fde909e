"""Routes of the livestreams blueprint: public (see the package docstring)."""

from marketplace.livestreams.views import bp  # noqa: F401
