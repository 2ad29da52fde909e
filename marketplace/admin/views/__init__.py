"""The admin console: one blueprint, one module per part (each registers its routes on ``bp``)."""

from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")

from marketplace.admin.views import (  # noqa: E402  (each module registers its routes)
    pictures,  # noqa: F401
    reviews,  # noqa: F401
)
