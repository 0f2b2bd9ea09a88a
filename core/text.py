"""Text as the registry compares it: names typed in any spelling, spreadsheet cells, labels in three languages."""

import re

from unidecode import unidecode

_NON_LETTERS = re.compile(r"[^a-z0-9]+")


def normalise(text: str) -> str:
    """ASCII, lower case, words separated by single spaces: 'Hélène  N'Diaye' -> 'helene n diaye'."""
    return _NON_LETTERS.sub(" ", unidecode(text or "").lower()).strip()


def is_whole_number(text: object) -> bool:
    """Digits 0-9 only: str.isdigit() also accepts "¹" or "٣", which int() refuses or reads as another number."""
    text = str(text)
    return text.isascii() and text.isdigit()
