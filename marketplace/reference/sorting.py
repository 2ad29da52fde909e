"""Vietnamese alphabetical order as a plain string of digits that every database sorts alike.

Databases disagree on Vietnamese: PostgreSQL's C collation puts "Huế" after "Hưng Yên" and
"Đà Nẵng" after "Yên Bái"; ICU and SQLite disagree again. So the order is computed here and stored
in a `sort_key` column. The key holds only the digits 0-9, which compare the same way in any
collation. Letters follow the Vietnamese alphabet (a ă â b c d đ e ê ... o ô ơ ... u ư ...); tones
only break ties, in dictionary order: none, huyền, hỏi, ngã, sắc, nặng.

The data migration that fills `sort_key` keeps its own copy of this code (migrations never import
the app); tests check that the stored keys equal `place_sort_key`.
"""

from __future__ import annotations

import unicodedata

LETTERS = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
# Primary weights, two digits each: 00 ends a key (so a prefix sorts first), 01 separates words,
# 02-11 are the digits, then the letters. Other characters (apostrophes, dots) are ignored.
_SEPARATOR = "01"
_PRIMARY = {str(d): f"{d + 2:02d}" for d in range(10)} | {
    letter: f"{n + 12:02d}" for n, letter in enumerate(LETTERS)
}
# Marks that make another letter of the alphabet (â ê ô, ă, ơ ư).
_LETTER_MARKS = {"\u0302", "\u0306", "\u031b"}
# Tone marks, by dictionary order.
_TONES = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}
# Division types written before a place's own name; the name decides the order.
_PREFIXES = ("thành phố ", "tp. ", "đặc khu ", "phường ", "xã ", "tỉnh ")


def vietnamese_sort_key(text: str) -> str:
    primary: list[str] = []
    tones: list[str] = []
    letter, tone = "", "0"

    def flush() -> None:
        nonlocal letter, tone
        if letter:
            primary.append(_PRIMARY.get(unicodedata.normalize("NFC", letter), "99"))
            tones.append(tone)
        letter, tone = "", "0"

    for char in unicodedata.normalize("NFD", text.casefold()):
        if char in _LETTER_MARKS and letter:
            letter += char
        elif char in _TONES:
            tone = _TONES[char]
        elif char.isalnum():
            flush()
            letter = char
        elif char.isspace() or char in "-–":
            flush()
            if primary and primary[-1] != _SEPARATOR:
                primary.append(_SEPARATOR)
        # anything else (an apostrophe, a dot) does not count
    flush()
    while primary and primary[-1] == _SEPARATOR:
        primary.pop()
    return "".join(primary) + "00" + "".join(tones)


def place_sort_key(name: str) -> str:
    """Order places by their own name: "xã Bắc Hà" next to "phường Bắc Giang", "TP. Hồ Chí Minh"
    under H. The division type only breaks a tie ("phường Tân Lập" before "xã Tân Lập")."""
    folded = " ".join(name.casefold().split())
    kind = next((p for p in _PREFIXES if folded.startswith(p)), "")
    return vietnamese_sort_key(folded[len(kind) :]) + "00" + vietnamese_sort_key(kind)
