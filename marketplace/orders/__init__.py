"""Checkout, orders and their state machine; stock reservation and expiry."""
