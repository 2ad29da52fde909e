"""Every model module, imported once so that the metadata (and Alembic) sees all tables."""

from marketplace.accounts.models import User
from marketplace.audit.models import AuditEntry
from marketplace.cart.models import CartItem
from marketplace.catalog.models import Product, ProductStatus
from marketplace.livestreams.models import (
    Livestream,
    LivestreamMinute,
    LivestreamProduct,
    LivestreamSubscription,
    LivestreamTotals,
    LivestreamViewer,
    PlatformReport,
    Studio,
)
from marketplace.orders.models import Checkout, LedgerEntry, Order, OrderLine, Refund
from marketplace.payments.models import BankTransfer, ProcessedEvent
from marketplace.photos.models import Photo
from marketplace.reference.models import Bank, Category, Commune, Province
from marketplace.stalls.models import Stall, StallStatus

__all__ = [
    "AuditEntry",
    "Bank",
    "BankTransfer",
    "CartItem",
    "Category",
    "Checkout",
    "Commune",
    "LedgerEntry",
    "Livestream",
    "LivestreamMinute",
    "LivestreamProduct",
    "LivestreamSubscription",
    "LivestreamTotals",
    "LivestreamViewer",
    "Order",
    "OrderLine",
    "Photo",
    "PlatformReport",
    "ProcessedEvent",
    "Product",
    "ProductStatus",
    "Province",
    "Refund",
    "Stall",
    "StallStatus",
    "Studio",
    "User",
]
