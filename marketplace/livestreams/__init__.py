"""Livestream sessions: booking with approval, studios, live prices, reminders, calendars and the
view counters. It sits below `cart` (checkout needs the live price and the attribution); the
statistics that read orders and payments are in `marketplace.livestats`, above `payments`."""
