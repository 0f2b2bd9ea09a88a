"""Text as the registry compares it: names typed in any spelling, spreadsheet cells, labels in three languages."""

import re

from unidecode import unidecode

_NON_LETTERS = re.compile(r"[^a-z0-9]+")


def normalise(text: str) -> str:
    """ASCII, lower case, words separated by single spaces: 'Hélène  N'Diaye' -> 'helene n diaye'."""
    return _NON_LETTERS.sub(" ", unidecode(text or "").lower()).strip()
