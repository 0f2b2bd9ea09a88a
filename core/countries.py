"""Countries as staff write them: a pasted list of names in English, French or Arabic, or of codes.

Country is never a table (django-countries gives ISO codes and their names in three languages); this module reads
what people type into codes, and says which names it could not read, with the nearest known name.
"""

import difflib
import functools
import re
import unicodedata
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django_countries import countries

from core.text import normalise

# Names press releases use that are neither a country's official nor its common name in django-countries.
ALIASES = {
    "ksa": "SA",
    "kingdom of saudi arabia": "SA",
    "uae": "AE",
    "emirates": "AE",
    "usa": "US",
    "u s a": "US",
    "us": "US",
    "united states of america": "US",
    "uk": "GB",
    "great britain": "GB",
    "britain": "GB",
    "drc": "CD",
    "dr congo": "CD",
    "democratic republic of congo": "CD",
    "ivory coast": "CI",
    "cote divoire": "CI",
    "saudi": "SA",
    "czech republic": "CZ",
    "burma": "MM",
    "macedonia": "MK",
    "east timor": "TL",
    "vatican": "VA",
    "republic of congo": "CG",
    "congo brazzaville": "CG",
    "congo kinshasa": "CD",
    "bosnia": "BA",
    "cape verde": "CV",
    "swaziland": "SZ",
    "holland": "NL",
    "the netherlands": "NL",
    "turkey": "TR",
    "palestine": "PS",
    "syria": "SY",
    "russia": "RU",
    "south korea": "KR",
    "north korea": "KP",
}
# Separators of a pasted list: commas, semicolons, line breaks, and the "and" before the last name.
SEPARATORS = re.compile(r"[,;\n\r،؛]+|\s+(?:and|et|&)\s+|\s+و(?=\S)")


def names_to_codes() -> dict[str, str]:
    """Every way a country may be written: its code, its name in a site language, a common alias."""
    return dict(_names_to_codes())


@functools.cache
def _names_to_codes() -> dict[str, str]:
    # Built once per process: the names of every language take 70 ms, and the directory asks on every keystroke.
    lookup = {code.lower(): code for code, _name in countries}
    for language, _language_name in settings.LANGUAGES:
        with translation.override(language):
            for code, name in countries:
                lookup[normalise(str(name)) or str(name)] = code
    return {**lookup, **ALIASES}


@functools.cache
def _names_only() -> dict[str, str]:
    """``names_to_codes`` without the bare codes, which begin names ("de", "al", "ma"); aliases such as "ksa" stay."""
    codes = {code.lower() for code, _name in countries}
    return {key: code for key, code in _names_to_codes().items() if key not in codes or key in ALIASES}


def country_in_query(query: str) -> tuple[str | None, str]:
    """The country a search box entry names, and the rest: the whole entry ("ivory coast", "KSA", or a code in
    capitals, "EG"), else its first or its last words, the longest that name a country ("Mohamed Egypt" and "Egypt
    Mohamed" are EG and "Mohamed"). (None, the entry) when it names no country."""
    query = query.strip()
    if re.fullmatch(r"[A-Z]{2}", query) and query in dict(countries):
        return query, ""
    words = query.split()
    for size in range(len(words), 0, -1):
        for part, rest in ((words[:size], words[size:]), (words[len(words) - size :], words[: len(words) - size])):
            code = code_of(" ".join(part), _names_only())
            if code:
                return code, " ".join(rest)
    return None, query


def codes_matching(query: str) -> set[str]:
    """Countries whose name in any site language, or an alias, contains the words typed: "guinea" is Guinea,
    Guinea-Bissau, Equatorial Guinea and Papua New Guinea; a code or an alias alone ("EG", "KSA") its country."""
    key = normalise(query)
    exact = code_of(query)
    found = {exact} if exact else set()
    if len(key) >= 3:  # two letters are a code ("EG"), not a part of every name with "eg" in it
        found |= {code for name, code in _names_only().items() if key in name}
    return found


def code_of(name: str, lookup: dict[str, str] | None = None) -> str | None:
    lookup = lookup if lookup is not None else names_to_codes()
    name = name.strip()
    key = normalise(name) or name
    if key.startswith("the "):
        key = key[4:]
    return lookup.get(name.lower()) or lookup.get(key) or lookup.get(f"the {key}")


@dataclass
class ReadList:
    """A pasted list, read: the codes found, in the order given, and what could not be read with a suggestion."""

    codes: list[str] = field(default_factory=list)
    unknown: list[tuple[str, str]] = field(default_factory=list)  # (as written, nearest known name or "")

    def describe_unknown(self) -> str:
        return "; ".join(
            _("“%(name)s” (did you mean %(suggestion)s?)") % {"name": name, "suggestion": suggestion}
            if suggestion
            else f"“{name}”"
            for name, suggestion in self.unknown
        )


def read_country_list(text: str) -> ReadList:
    """The countries of a comma-, semicolon- or line-separated list, each at most once."""
    lookup = names_to_codes()
    result = ReadList()
    for name in filter(None, (part.strip(" .\t") for part in SEPARATORS.split(text or ""))):
        code = code_of(name, lookup)
        if code is None:
            result.unknown.append((name, nearest_name(name)))
        elif code not in result.codes:
            result.codes.append(code)
    return result


def nearest_name(name: str) -> str:
    """The country name, in the active language, closest to a misspelt one ("Jordon" -> "Jordan"), or ""."""
    by_key = {normalise(str(country_name)): str(country_name) for _code, country_name in countries}
    close = difflib.get_close_matches(normalise(name), by_key, n=1, cutoff=0.75)
    return by_key[close[0]] if close else ""


def sort_key(name: str) -> str:
    """Order country names as a reader of the active language expects: accents, vowel marks and case do not count
    ("Égypte" among the E's in French; Arabic names by their letters)."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def country_choices(codes=None) -> list[tuple[str, str]]:
    """(code, name) pairs sorted by name in the active language, for every country or for ``codes``."""
    names = dict(countries)
    chosen = names if codes is None else {code: names[code] for code in codes if code in names}
    return sorted(((code, str(name)) for code, name in chosen.items()), key=lambda pair: sort_key(pair[1]))
