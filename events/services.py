"""Writes on events that touch several rows."""

from django.db import transaction
from django.utils.translation import gettext as _

from .choices import EventStatus
from .models import Event, EventCountry, EventOrganization

COPIED_FIELDS = ("kind", "city", "host_country", "summary", "reported_country_count")
COPIED_RELATIONS = ("programmes", "themes", "pillars", "instruments", "sdg_goals", "gcm_objectives")


@transaction.atomic
def clone_event(event: Event) -> Event:
    """A draft of the next edition: the event's structure, organisers and countries; not its dates, participants,
    documents or recommendations. It links back to ``event`` as the previous one in the series."""
    copy = Event.objects.create(
        title=_("%(title)s (next edition)") % {"title": event.title},
        status=EventStatus.DRAFT,
        previous_event=event,
        **{name: getattr(event, name) for name in COPIED_FIELDS},
    )
    for relation in COPIED_RELATIONS:
        getattr(copy, relation).set(getattr(event, relation).all())
    EventOrganization.objects.bulk_create(
        EventOrganization(event=copy, organization_id=part.organization_id, role=part.role)
        for part in event.organizations.all()
    )
    EventCountry.objects.bulk_create(
        EventCountry(event=copy, country=country.country, delegation_size=country.delegation_size)
        for country in event.countries.all()
    )
    return copy
