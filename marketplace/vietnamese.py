"""Vietnamese text: Unicode normal forms, diacritic-free search keys, slugs, bank names.

Vietnamese arrives in two Unicode forms (NFC from most keyboards, NFD from some phones and
Macs). Everything is stored NFC; search compares keys with the marks removed, so "man say",
"Mận sấy" and its NFD spelling all meet.
"""

from __future__ import annotations

import re
import unicodedata

# đ/Đ are letters of their own, not d plus a mark: NFD does not split them.
_LETTERS_WITHOUT_DECOMPOSITION = str.maketrans({"đ": "d", "Đ": "D"})
_NOT_WORD = re.compile(r"[^0-9a-z]+")
_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def strip_diacritics(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.translate(_LETTERS_WITHOUT_DECOMPOSITION))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def search_key(*parts: str | None) -> str:
    """Lower-case, diacritic-free, space-separated words: the indexed form of searchable text."""
    text = " ".join(p for p in parts if p)
    plain = strip_diacritics(nfc(text)).casefold()
    return _SPACES.sub(" ", _NOT_WORD.sub(" ", plain)).strip()


def slugify(text: str, max_length: int = 60) -> str:
    slug = search_key(text).replace(" ", "-")
    return slug[:max_length].strip("-")


def bank_account_name(text: str) -> str:
    """Banks print holder names upper case without diacritics: "Thào Thị Mỷ" -> "THAO THI MY"."""
    return _SPACES.sub(" ", strip_diacritics(nfc(text)).upper()).strip()
