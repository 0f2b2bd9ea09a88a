"""Finding people recorded twice, for staff to merge (the merge itself moves rows of every app: ``registry.merge``)."""

from core.text import normalise

from .models import Person


def possible_duplicates() -> list[list[Person]]:
    """Groups of people with the same normalised name and country, or the same e-mail address."""
    by_key: dict[tuple, list[Person]] = {}
    for person in Person.objects.select_related("organization").order_by("pk"):
        by_key.setdefault(("name", normalise(person.full_name), person.country.code or ""), []).append(person)
        if person.email:
            by_key.setdefault(("email", person.email.lower()), []).append(person)
    groups, seen = [], set()
    for people in by_key.values():
        key = frozenset(person.pk for person in people)
        if len(people) > 1 and key not in seen:
            seen.add(key)
            groups.append(people)
    return groups
