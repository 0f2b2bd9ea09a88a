"""Importing the recommendations adopted at an event (CSV or XLSX), each with the countries it addresses and its due
date: one recommendation per row, one follow-up per country.

Works like the attendee-list import (``events.imports``): columns are found by their headers in English or French
(``FORMAT``), ``preview`` checks every row and says how it read each value, ``apply`` imports in one transaction only
when every row is valid or explicitly skipped. A recommendation whose reference the event already has is an error:
existing recommendations are edited in the admin, never overwritten by a file.
"""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django_countries import countries
from simple_history.utils import bulk_create_with_history

from contacts.choices import Mandate
from contacts.models import FocalPoint
from core.countries import code_of, names_to_codes
from core.imports import (
    Column,
    FileFormat,
    RowResult,
    choice_codes,
    lookup_code,
    refuse_rows_in_error,
)
from events.choices import PillarCode
from events.models import Event

from .choices import Category, Priority
from .models import FollowUp, Recommendation

TITLE = gettext_lazy("recommendations")
FORMAT = FileFormat(
    Column(
        "reference",
        gettext_lazy("Unique within the event; a reference the event already has is an error."),
        aliases=("ref", "référence", "réf", "code", "number", "numéro"),
        example="R1",
        required=True,
    ),
    Column(
        "text",
        gettext_lazy("The text of the recommendation."),
        aliases=("recommendation", "texte", "recommandation"),
        example="Designate a focal point for mutual legal assistance in trafficking and smuggling cases.",
        required=True,
    ),
    Column(
        "category",
        gettext_lazy("Its category, by code or label."),
        aliases=("catégorie",),
        example="channels",
        required=True,
        choices=Category,
    ),
    Column(
        "pillar",
        gettext_lazy("The pillar it belongs to, by code or label; may be empty."),
        aliases=("pilier",),
        example="prosecution",
        choices=PillarCode,
    ),
    Column(
        "priority",
        gettext_lazy("Its priority, by code or label; empty for medium."),
        aliases=("priorité",),
        example="high",
        choices=Priority,
    ),
    Column(
        "countries",
        gettext_lazy(
            "The countries it addresses, separated by “;” or line breaks, by ISO code or name in English, French or "
            "Arabic, or “all” for every participating country of the event: one follow-up per country."
        ),
        aliases=("country", "pays", "countries addressed", "pays concernés", "pays visés"),
        example="Kenya; TN; Égypte",
        required=True,
    ),
    Column(
        "due date",
        gettext_lazy("The date by which each country should have acted, as YYYY-MM-DD; may be empty."),
        aliases=("due_date", "deadline", "échéance", "date d'échéance", "date limite"),
        example="2027-06-30",
    ),
)
COLUMNS = FORMAT.names
REQUIRED = FORMAT.required
EXAMPLE_ROW = FORMAT.example_row
PERMISSIONS = ("events.change_event", "recommendations.add_recommendation", "recommendations.add_followup")
DEFAULTS = {"priority": Priority.MEDIUM}
ALL_COUNTRIES = "all"  # in the countries column: every participating country of the event
BATCH_SIZE = 500


class Checker:
    """Checks rows against the event and the fixed lists, loaded once for the whole file."""

    def __init__(self, event: Event) -> None:
        self.countries = names_to_codes()
        self.event_countries = [part.country.code for part in event.countries.all()] if event.pk else []
        self.existing_codes = {code.lower() for code in event.recommendations.values_list("code", flat=True)}
        self.lists = {"category": Category, "pillar": PillarCode, "priority": Priority}
        self.lookups = {column: choice_codes(choices) for column, choices in self.lists.items()}
        self.seen: dict[str, int] = {}

    def check(self, number: int, values: dict[str, str]) -> RowResult:
        result = RowResult(number, values)
        self.check_reference(result, values.get("reference", ""))
        if not values.get("text"):
            result.errors.append(("text", _("Missing.")))
        for column in self.lookups:
            self.check_choice(result, column, values.get(column, ""))
        countries = result.cleaned["countries"] = self.check_countries(result, values.get("countries", ""))
        result.cleaned["due date"] = parse_date(values.get("due date", ""))
        if values.get("due date") and result.cleaned["due date"] is None:
            message = _("Not a date (YYYY-MM-DD): %(value)s") % {"value": values["due date"]}
            result.errors.append(("due date", message))
        count = ngettext("%(count)s country", "%(count)s countries", len(countries)) % {"count": len(countries)}
        result.summary = f"{values.get('reference', '')} · {values.get('text', '')[:60]} · {count}"
        return result

    def check_reference(self, result: RowResult, reference: str) -> None:
        limit = Recommendation._meta.get_field("code").max_length
        if not reference:
            result.errors.append(("reference", _("Missing.")))
        elif len(reference) > limit:
            result.errors.append(("reference", _("Longer than %(limit)s characters.") % {"limit": limit}))
        elif reference.lower() in self.seen:
            result.errors.append(("reference", _("Duplicate of row %(row)s.") % {"row": self.seen[reference.lower()]}))
        elif reference.lower() in self.existing_codes:
            result.errors.append(("reference", _("The event already has recommendation %(ref)s.") % {"ref": reference}))
        self.seen.setdefault(reference.lower(), result.number)

    def check_choice(self, result: RowResult, column: str, written: str) -> None:
        value = written or DEFAULTS.get(column, "")
        code = result.cleaned[column] = lookup_code(value, self.lookups[column]) if value else None
        if code is None and (value or column == "category"):
            result.errors.append((column, _("Unknown value: %(value)s") % {"value": value}))
        elif code is not None:
            result.read_as(column, written, str(self.lists[column](code).label))

    def check_countries(self, result: RowResult, value: str) -> list[str]:
        codes = self.codes_of(value)
        unknown = [name for name, code in codes if code is None]
        found = sorted({code for _name, code in codes if code})
        if unknown:
            result.errors.append(("countries", _("Unknown countries: %(names)s") % {"names": ", ".join(unknown)}))
        elif not codes:
            message = _("Name at least one country (or “all” for every participating country of the event).")
            result.errors.append(("countries", message))
        else:
            result.read_as("countries", value, ", ".join(str(countries.name(code)) for code in found))
        return found

    def codes_of(self, value: str) -> list[tuple[str, str | None]]:
        names = [name.strip() for name in value.replace("\n", ";").split(";") if name.strip()]
        if [name.lower() for name in names] == [ALL_COUNTRIES]:
            return [(code, code) for code in self.event_countries]
        return [(name, code_of(name, self.countries)) for name in names]


def parse_date(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value.strip())
    except ValueError:
        return None


def preview(event: Event, rows: list[dict[str, str]]) -> list[RowResult]:
    checker = Checker(event)
    return [checker.check(number, values) for number, values in enumerate(rows, start=2)]


@transaction.atomic
def apply(
    event: Event, results: list[RowResult], skipped: set[int] = frozenset(), user=None, accepted=frozenset()
) -> dict[str, int]:
    """Import the rows not skipped, recording ``user`` in the history. Refuses, changing nothing, while any row not
    skipped is in error. Each follow-up gets the country's current TIP national coordinator, when it has one. (This
    import makes no ``Offer``, so ``accepted`` is always empty.)"""
    chosen = refuse_rows_in_error(results, skipped)
    recommendations = [recommendation_of(event, result) for result in chosen]
    bulk_create_with_history(recommendations, Recommendation, batch_size=BATCH_SIZE, default_user=user)
    coordinators = current_coordinators()
    follow_ups = [
        FollowUp(
            recommendation=recommendation,
            country=code,
            coordinator_id=coordinators.get(code),
            due_date=result.cleaned["due date"],
        )
        for recommendation, result in zip(recommendations, chosen, strict=True)
        for code in result.cleaned["countries"]
    ]
    bulk_create_with_history(follow_ups, FollowUp, batch_size=BATCH_SIZE, default_user=user)
    return {_("recommendations"): len(recommendations), _("follow-ups"): len(follow_ups)}


def recommendation_of(event: Event, result: RowResult) -> Recommendation:
    return Recommendation(
        event=event,
        code=result.values["reference"],
        text=result.values["text"],
        category=result.cleaned["category"],
        pillar_id=result.cleaned["pillar"],
        priority=result.cleaned["priority"],
    )


def current_coordinators() -> dict[str, int]:
    """The person designated TIP national coordinator of each country, where exactly one is designated today."""
    designations = FocalPoint.objects.current().filter(mandate=Mandate.TIP_COORDINATOR, person__isnull=False)
    by_country: dict[str, list[int]] = {}
    for country, person_id in designations.values_list("country", "person_id"):
        by_country.setdefault(country, []).append(person_id)
    return {country: people[0] for country, people in by_country.items() if len(set(people)) == 1}
