"""Writes on events that touch several rows."""

import functools
import operator

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from contacts.models import Organization
from core.translated_fields import in_every_language

from .choices import EventStatus
from .models import Event, EventCountry, EventOrganization, Programme, Theme

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


def set_countries(event: Event, codes: list[str]) -> None:
    """Make ``codes`` the event's participating countries: add those missing, remove the others (with their
    delegation sizes); the sizes of the countries kept stay as they are."""
    event.countries.exclude(country__in=codes).delete()
    present = set(event.countries.values_list("country", flat=True))
    EventCountry.objects.bulk_create(EventCountry(event=event, country=code) for code in codes if code not in present)


def set_organization_roles(
    event: Event, organization: Organization, roles: list[str], *, replacing: int | None = None
) -> EventOrganization:
    """Give ``organization`` exactly ``roles`` at the event, one row each, in place of its rows (and of those of the
    organisation ``replacing``, when a row was changed to name another one); return the first row."""
    event.organizations.filter(organization_id__in={organization.pk, replacing} - {None}).delete()
    rows = EventOrganization.objects.bulk_create(
        EventOrganization(event=event, organization=organization, role=role) for role in roles
    )
    return rows[0]


def add_new_terms(event: Event, programmes: list[tuple[str, str]], themes: list[str]) -> list[str]:
    """Add the programmes (name, acronym) and themes named to the event, creating those not in the lists yet
    (names compared case-insensitively, in every language; new ones are English names); return the names created."""
    created = []
    for name, acronym in programmes:
        programme = Programme.objects.filter(named(name)).first()
        if programme is None:
            programme = Programme.objects.create(name_en=name, acronym=acronym)
            created.append(str(programme.name))
        event.programmes.add(programme)
    for name in themes:
        theme = Theme.objects.filter(named(name)).first()
        if theme is None:
            theme = Theme.objects.create(name_en=name)
            created.append(theme.name)
        event.themes.add(theme)
    return created


def named(name: str) -> Q:
    """A term whose name in any language is ``name``, whatever its case."""
    return functools.reduce(operator.or_, (Q(**{f"{column}__iexact": name}) for column in in_every_language("name")))
