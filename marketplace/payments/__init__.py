"""Payments: Stripe cards and VietQR bank transfers."""
