"""Name search in any spelling: Mohamed / Mohammed / Muhammad, Guirguis / Girgis, accents, Arabic script.

Names are transliterated to ASCII (unidecode) and lower-cased for plain matching, and each word also gets two
phonetic keys (jellyfish's NYSIIS and Match Rating codex), which bring transliterations together where trigrams
alone do not: NYSIIS gives MAHANAD for every Latin spelling of Mohamed, Match Rating gives MHMD for them and for
محمد. Keys are computed in Python, so the same search works on SQLite; PostgreSQL adds trigram ranking and typo
tolerance (pg_trgm) on top.
"""

from dataclasses import dataclass

import jellyfish

from core.text import normalise


def word_keys(word: str) -> set[str]:
    """The phonetic keys of one normalised word; digits and one-letter words get none."""
    letters = "".join(ch for ch in word if ch.isalpha())
    if len(letters) < 2:
        return set()
    return {f"n{jellyfish.nysiis(letters)}", f"m{jellyfish.match_rating_codex(letters)}"}


def phonetic_keys(*names: str) -> str:
    """Space-separated keys of every word of the names, padded with spaces so a key matches only whole."""
    keys = sorted({key for name in names for word in normalise(name).split() for key in word_keys(word)})
    return f" {' '.join(keys)} " if keys else ""


def searchable_text(*names: str) -> str:
    """The names as one normalised string, padded with spaces so a word can be matched from its start."""
    return f" {' '.join(normalise(name) for name in names if name)} "


@dataclass(frozen=True)
class QueryWord:
    text: str
    keys: frozenset[str]


def query_words(query: str) -> list[QueryWord]:
    """The words of a search box entry, each with its phonetic keys."""
    return [QueryWord(word, frozenset(word_keys(word))) for word in normalise(query).split()]
