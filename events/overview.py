"""What the event admin page shows of its participants: counts and the first rows, never every row.

A conference of 500 edited inline made a page of megabytes; the participants are edited in their own list.
"""

from django.db.models import Count

from core.countries import sort_key

from .choices import ParticipationRole
from .models import Event, Participation

FIRST_ROWS = 50


def participants_overview(event: Event, user) -> dict:
    """The participants' total, counts by delegation and by role, and the first ``FIRST_ROWS`` by name."""
    participations = Participation.objects.visible_to(user).filter(event=event)
    by_country = participations.order_by().values("delegation_country").annotate(count=Count("pk"))
    by_role = participations.order_by().values("role").annotate(count=Count("pk"))
    first = participations.select_related("person__organization").order_by("person__family_name", "pk")[:FIRST_ROWS]
    countries = sorted(
        ((Participation(delegation_country=row["delegation_country"]).delegation_country, row["count"])
         for row in by_country),
        key=lambda pair: sort_key(str(pair[0].name)),
    )  # fmt: skip
    roles = [(ParticipationRole(row["role"]).label, row["count"]) for row in by_role]
    return {
        "total": sum(count for _country, count in countries),
        "by_country": countries,
        "by_role": sorted(roles, key=lambda pair: -pair[1]),
        "first": list(first),
        "shown": FIRST_ROWS,
    }
