"""Livestream statistics: what each session brought (views, viewers, watch time, attributed
orders, revenue, conversion), per session, per owner and for the admins, with CSV exports and the
platform's own figures as the owner reported them. It reads `orders` and `payments`, so it sits
above them; what it counts is written by `marketplace.livestreams` (below `cart`)."""
