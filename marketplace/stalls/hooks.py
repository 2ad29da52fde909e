"""What the packages above stalls add to a stall's dashboard (registered by the factory)."""

# The owner's dashboard of one stall: ``stall``; answers a dict merged into the template's
# context (the catalogue adds the products, orders the balance and the orders waiting).
DASHBOARD = "stalls.dashboard"
