"""What the cart asks of the packages above it (registered by the factory)."""

# What a logged-in buyer already ordered at the live prices in the cart: ``offers``
# (``{product_id: LiveOffer}``, those with a per-buyer limit) and ``user_id``; answers
# ``{(livestream_id, product_id): units}``. Orders answers it (orders sit above the cart).
LIVE_BOUGHT = "cart.live_bought"
