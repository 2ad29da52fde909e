"""What the packages above accounts add to logging in (registered by the factory)."""

# At login, after the new session started: ``user``, ``guest_session`` (a copy of the session
# the guest had). Answers are ignored. The cart merges the guest's cart here.
LOGGED_IN = "accounts.logged_in"

# Where a user lands after logging in when no ``next`` is given: ``user``; answers a URL or None
# (the first URL wins; none: the front page). Stalls send owners to their stall.
LANDING = "accounts.landing"
