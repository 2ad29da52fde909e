"""The admin feature: see views.py (routes) and services.py (cross-feature reads)."""
