"""Finding events by what staff remember of them: an organiser, a country, a programme, a year or a month."""

import re

from django.db.models import Q
from django.utils import translation

from core.countries import code_of
from core.text import normalise

YEAR = re.compile(r"^(19|20)\d\d$")


def event_search_filter(term: str) -> Q:
    """Events whose organisations, countries (host or participating), programmes, year or month the term names."""
    term = term.strip()
    found = (
        Q(organizations__organization__name__icontains=term)
        | Q(organizations__organization__acronym__iexact=term)
        | Q(programmes__name__icontains=term)
        | Q(programmes__acronym__iexact=term)
    )
    country = code_of(term) if len(term) > 2 else None
    if country:
        found |= Q(host_country=country) | Q(countries__country=country)
    if YEAR.match(term):
        found |= Q(start_date__year=int(term))
    month = month_number(term)
    if month:
        found |= Q(start_date__month=month) | Q(date_note__icontains=term)
    return found


def month_number(term: str) -> int | None:
    """1-12 for a month's name in English or French (full or abbreviated), else None."""
    wanted = normalise(term)
    for language in ("en", "fr"):
        with translation.override(language):
            from django.utils.dates import MONTHS, MONTHS_3

            for number in range(1, 13):
                if wanted in (normalise(str(MONTHS[number])), normalise(str(MONTHS_3[number]))):
                    return number
    return None
