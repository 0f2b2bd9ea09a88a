"""What two countries need to work together: both sides' current designations by mandate with the languages they
accept for requests, the events both attended and who of each side was there, and the recommendations both must
follow up. The country pair page and the event briefing packs read them from here.

Every part starts from the viewer's visibility QuerySets, so a hidden person is in no list and no count, and each
costs a fixed number of queries whatever the number of rows.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q

from contacts.choices import Mandate
from contacts.models import FocalPoint, Language, Person
from core import roles
from events.models import Event, EventCountry, Participation
from recommendations.models import IS_CLOSED, FollowUp, Recommendation

EVENTS_SHOWN = 20
RECOMMENDATIONS_SHOWN = 50


def current_designations(
    user: roles.UserLike, codes: list[str], *, details: bool = True
) -> dict[str, dict[str, list[FocalPoint]]]:
    """The current designations of each country that ``user`` may see, by country and mandate: one query, and three
    more for the languages and channels they accept and the holder they took over from (``details``)."""
    found: dict[str, dict[str, list[FocalPoint]]] = {code: defaultdict(list) for code in codes}
    designations = (
        FocalPoint.objects.visible_to(user)
        .current()
        .filter(country__in=codes)
        .select_related("person", "organization")
        .order_by("country", "mandate", "valid_from", "pk")
    )
    if details:
        designations = designations.prefetch_related("request_languages", "channels").with_visible_predecessor(user)
    for designation in designations:
        found[designation.country.code][designation.mandate].append(designation)
    return found


def accepted_languages(designations: list[FocalPoint]) -> list[Language]:
    """The languages any of these designations accepts requests in, once each, by name."""
    languages = {language.code: language for each in designations for language in each.request_languages.all()}
    return sorted(languages.values(), key=str)


@dataclass
class Side:
    """One country's designations for one mandate, and the languages they accept."""

    designations: list[FocalPoint]
    languages: list[Language]


@dataclass
class MandateRow:
    mandate: str
    label: str
    first: Side
    second: Side
    shared_languages: set[str] = field(default_factory=set)


def mandate_rows(designations: dict[str, dict[str, list[FocalPoint]]], first: str, second: str) -> list[MandateRow]:
    """Each mandate in its fixed order, with both sides' designations and the language codes both accept."""
    rows = []
    for mandate in Mandate:
        sides = [designations[code].get(mandate.value, []) for code in (first, second)]
        row = MandateRow(mandate.value, str(mandate.label), *(Side(each, accepted_languages(each)) for each in sides))
        row.shared_languages = {language.code for language in row.first.languages} & {
            language.code for language in row.second.languages
        }
        rows.append(row)
    return rows


def legal_basis_notes(rows: list[MandateRow], first: str, second: str) -> list[tuple[str, str, str]]:
    """(mandate, country code, legal basis) of each designation that names its own legal basis, in mandate order."""
    return [
        (row.label, code, designation.legal_basis)
        for row in rows
        for side, code in ((row.first, first), (row.second, second))
        for designation in side.designations
        if designation.legal_basis
    ]


def all_accepted_languages(designations: dict[str, list[FocalPoint]]) -> list[Language]:
    """The languages a country accepts requests in, through any of its current designations."""
    return accepted_languages([each for per_mandate in designations.values() for each in per_mandate])


def attended_by(code: str) -> Q:
    """Events a country took part in: as a participating country, or as the host."""
    return Q(pk__in=EventCountry.objects.filter(country=code).values("event")) | Q(host_country=code)


@dataclass
class Meeting:
    """An event both countries attended, and who of each side was there (the people the viewer may see)."""

    event: Event
    first: list[Person] = field(default_factory=list)
    second: list[Person] = field(default_factory=list)


def events_in_common(user: roles.UserLike, first: str, second: str) -> tuple[list[Meeting], int]:
    """The most recent events both countries attended, with each side's participants, and how many there are in
    all. Three queries: the events, their count, and the participations of both delegations at them."""
    events = Event.objects.visible_to(user).filter(attended_by(first)).filter(attended_by(second))
    events = events.order_by(*Event._meta.ordering)
    meetings = {event.pk: Meeting(event) for event in events[:EVENTS_SHOWN]}
    total = len(meetings) if len(meetings) < EVENTS_SHOWN else events.count()
    participations = (
        Participation.objects.visible_to(user)
        .filter(event__in=list(meetings), attended=True)
        .filter(
            Q(delegation_country__in=[first, second]) | Q(delegation_country="", person__country__in=[first, second])
        )
        .select_related("person__organization")
        .order_by("person__family_name", "person__given_name", "pk")
    )
    for participation in participations:
        side = participation.delegation_country.code or participation.person.country.code
        meeting = meetings[participation.event_id]
        (meeting.first if side == first else meeting.second).append(participation.person)
    return list(meetings.values()), total


@dataclass
class SharedRecommendation:
    """A recommendation both countries must follow up, with each one's follow-up."""

    recommendation: Recommendation
    first: FollowUp
    second: FollowUp


def recommendations_in_common(user: roles.UserLike, first: str, second: str) -> tuple[list[SharedRecommendation], int]:
    """The recommendations with a follow-up for both countries (open ones first, by due date), and how many."""
    visible = FollowUp.objects.visible_to(user)
    both = visible.filter(country=first, recommendation__in=visible.filter(country=second).values("recommendation"))
    both = both.order_by(IS_CLOSED, "due_date", "recommendation__code", "pk")
    ids = list(both.values_list("recommendation", flat=True)[:RECOMMENDATIONS_SHOWN])
    total = len(ids) if len(ids) < RECOMMENDATIONS_SHOWN else both.count()
    follow_ups = visible.filter(recommendation__in=ids, country__in=[first, second]).select_related(
        "recommendation__event"
    )
    by_recommendation: dict[int, dict[str, FollowUp]] = defaultdict(dict)
    for follow_up in follow_ups:
        by_recommendation[follow_up.recommendation_id][follow_up.country.code] = follow_up
    shared = []
    for pk in ids:
        pair = by_recommendation[pk]
        shared.append(SharedRecommendation(pair[first].recommendation, pair[first], pair[second]))
    return shared, total
