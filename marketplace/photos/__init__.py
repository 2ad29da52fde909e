"""Product photos: checking, cleaning and resizing what sellers upload."""
