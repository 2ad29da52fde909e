"""Every model module, imported once so that the metadata (and Alembic) sees all tables."""

from marketplace.accounts.models import User
from marketplace.audit.models import AuditEntry
from marketplace.catalog.models import Product, ProductStatus
from marketplace.photos.models import Photo
from marketplace.reference.models import Bank, Category, Commune, Province
from marketplace.stalls.models import Stall, StallStatus

__all__ = [
    "AuditEntry",
    "Bank",
    "Category",
    "Commune",
    "Photo",
    "Product",
    "ProductStatus",
    "Province",
    "Stall",
    "StallStatus",
    "User",
]
