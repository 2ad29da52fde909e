"""Text as people type it, made safe to store: NFC, trimmed, without control characters
(PostgreSQL text can't hold NUL; the others are never meant)."""

from __future__ import annotations

import re

from marketplace.vietnamese import nfc

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value: str | None) -> str:
    return _CONTROL.sub("", nfc(value or "")).strip()
