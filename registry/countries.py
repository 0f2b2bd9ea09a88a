"""Per-country figures: contacts, focal points by mandate, events attended and follow-ups by status.

Figures are counts, fit for anyone; names (the focal points themselves) only for those the QuerySets admit. A figure
counts only what its viewer may see (``counted_for``): hidden people and their designations are in none.
Each figure is one grouped query over all countries, so a summary costs the same for one country or sixty.
"""

from dataclasses import dataclass, field

from django.db.models import Count
from django_countries import countries

from contacts.models import FocalPoint, Person
from core import roles
from core.countries import sort_key
from events.models import Event, EventCountry
from recommendations.models import FollowUp, Recommendation


@dataclass
class CountrySummary:
    code: str
    name: str
    contact_count: int = 0
    events_attended: int = 0
    events_hosted: int = 0
    focal_point_counts: dict[str, int] = field(default_factory=dict)
    follow_ups_by_status: dict[str, int] = field(default_factory=dict)
    focal_points: list[FocalPoint] | None = None  # None: the caller may not see names


def country_summaries(user: roles.UserLike, only: str | None = None) -> list[CountrySummary]:
    """Summaries of every country the registry has records for (or of ``only``), by name in the active language."""
    summaries: dict[str, CountrySummary] = {}

    def summary(code: str) -> CountrySummary:
        if code not in summaries:
            summaries[code] = CountrySummary(code=code, name=str(countries.name(code)))
        return summaries[code]

    def grouped(queryset, *keys: str):
        if only:
            queryset = queryset.filter(**{keys[0]: only})
        return queryset.values(*keys).annotate(count=Count("pk", distinct=True)).order_by()

    events = Event.objects.visible_to(user)
    for row in grouped(Person.objects.counted_for(user).filter(active=True), "country"):
        summary(row["country"]).contact_count = row["count"]
    for row in grouped(EventCountry.objects.filter(event__in=events), "country"):
        summary(row["country"]).events_attended = row["count"]
    for row in grouped(events, "host_country"):
        summary(row["host_country"]).events_hosted = row["count"]
    for row in grouped(FocalPoint.objects.counted_for(user).current(), "country", "mandate"):
        summary(row["country"]).focal_point_counts[row["mandate"]] = row["count"]
    follow_ups = FollowUp.objects.filter(recommendation__in=Recommendation.objects.visible_to(user))
    for row in grouped(follow_ups, "country", "status"):
        summary(row["country"]).follow_ups_by_status[row["status"]] = row["count"]
    summaries.pop("", None)  # events and people without a country
    if roles.is_network_member(user):
        attach_focal_points(user, summaries, only)
    return sorted(summaries.values(), key=lambda s: sort_key(s.name))


def attach_focal_points(user: roles.UserLike, summaries: dict[str, CountrySummary], only: str | None) -> None:
    for each in summaries.values():
        each.focal_points = []
    designations = FocalPoint.objects.visible_to(user).current().select_related("person", "organization")
    if only:
        designations = designations.filter(country=only)
    for designation in designations:
        if designation.country.code in summaries:
            summaries[designation.country.code].focal_points.append(designation)


def country_summary(user: roles.UserLike, code: str) -> CountrySummary:
    """The summary of one country, with zeros where the registry has nothing yet. ``code`` must be valid."""
    found = country_summaries(user, only=code)
    if found:
        return found[0]
    return CountrySummary(
        code=code, name=str(countries.name(code)), focal_points=[] if roles.is_network_member(user) else None
    )
