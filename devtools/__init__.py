"""Development tools run from the repository root (``python -m devtools.<tool>``).

Nothing here is part of the app: no module under ``marketplace/`` imports this package, and
what these tools need (localstripe, aiohttp) are development dependencies only.
"""
