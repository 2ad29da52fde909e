"""The accounts feature: see views.py (routes), services.py (rules), models.py."""
