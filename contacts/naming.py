"""How a login is named to someone else: by the person behind it when the viewer may see that person, otherwise by
role ("IOM staff", "National coordinator of Morocco"). A login name is never shown to anyone."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django_countries import countries

from core.roles import IOM_STAFF, NATIONAL_COORDINATOR

from .models import Person


def names_for(user_ids, viewer) -> dict[int, str]:
    """A name for each of ``user_ids`` as ``viewer`` may know it, in three queries whatever their number."""
    ids = {pk for pk in user_ids if pk is not None}
    if not ids:
        return {}
    visible = {person.user_id: person for person in Person.objects.visible_to(viewer).filter(user_id__in=ids)}
    country_of = dict(Person.objects.filter(user_id__in=ids).values_list("user_id", "country"))
    groups: dict[int, set[str]] = {}
    memberships = get_user_model().groups.through.objects.filter(user_id__in=ids).values_list("user_id", "group__name")
    for user_id, group in memberships:
        groups.setdefault(user_id, set()).add(group)
    superusers = set(get_user_model().objects.filter(pk__in=ids, is_superuser=True).values_list("pk", flat=True))
    return {
        pk: str(visible[pk])
        if pk in visible
        else role_name(groups.get(pk, set()), pk in superusers, country_of.get(pk))
        for pk in ids
    }


def role_name(groups: set[str], is_superuser: bool, country: str | None) -> str:
    if is_superuser or IOM_STAFF in groups:
        return _("IOM staff")
    country_name = countries.name(country) if country else ""
    if NATIONAL_COORDINATOR in groups and country_name:
        return _("National coordinator of %(country)s") % {"country": country_name}
    if country_name:
        return _("A network member in %(country)s") % {"country": country_name}
    return _("A network member")
