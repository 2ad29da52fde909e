"""The admin console: one blueprint, one module per part (each registers its routes on ``bp``)."""

from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")

from marketplace.admin.views import reviews  # noqa: E402,F401  (registers routes)
