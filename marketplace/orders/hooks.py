"""What orders asks of the payments package above it (registered by the factory).

Payments reads orders and marks them paid, so it sits above orders; the order pages still show
how to pay by bank transfer, through these hooks.
"""

# The VietQR code to pay ``order`` (pending, by bank transfer): answers an SVG string.
VIETQR_SVG = "orders.vietqr_svg"

# The same code as a PNG image to save: ``order``; answers bytes.
VIETQR_PNG = "orders.vietqr_png"
