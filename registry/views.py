"""The home page and the country profiles: pages that draw on every app."""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django_countries import countries

from contacts.exports import export_people
from contacts.models import FocalPoint, Organization, Person
from core import roles
from core.decorators import member_required
from events.models import Event, EventCountry
from recommendations.choices import FollowUpStatus
from recommendations.models import FollowUp

from .countries import country_summary

RECENT_EVENTS = 5


@require_GET
def home(request):
    user = request.user
    events = Event.objects.visible_to(user).order_by(*Event._meta.ordering)
    context = {"recent_events": events[:RECENT_EVENTS], "figures": public_figures(user)}
    if roles.is_network_member(user):
        person = getattr(user, "person", None)
        context["my_country"] = person.country if person and person.country else None
        context["my_follow_ups"] = (
            FollowUp.objects.editable_by(user).open().select_related("recommendation__event").order_by("due_date")
            if roles.is_national_coordinator(user)
            else None
        )
    return render(request, "registry/home.html", context)


def public_figures(user) -> dict[str, int]:
    """Counts only, fit for anonymous visitors."""
    events = Event.objects.visible_to(user)
    return {
        "events": events.count(),
        "countries": EventCountry.objects.filter(event__in=events).values("country").distinct().count(),
        "implemented": FollowUp.objects.filter(
            status=FollowUpStatus.IMPLEMENTED, recommendation__event__in=events
        ).count(),
    }


@require_GET
@member_required
def country_profile(request, code: str):
    code = known_country(code)
    user = request.user
    designations = (
        FocalPoint.objects.visible_to(user)
        .current()
        .filter(country=code)
        .select_related("person", "organization")
        .prefetch_related("request_languages", "channels")
    )
    summary = country_summary(user, code)
    labels = dict(FollowUpStatus.choices)
    context = {
        "country": {"code": code, "name": countries.name(code)},
        "follow_ups_by_status": [(labels[status], count) for status, count in summary.follow_ups_by_status.items()],
        "designations": designations,
        "people": Person.objects.visible_to(user)
        .in_country(code)
        .filter(active=True)
        .select_related("organization")
        .prefetch_related(Prefetch("languages")),
        "organizations": Organization.objects.visible_to(user).filter(country=code),
        "events": Event.objects.visible_to(user).filter(countries__country=code).order_by(*Event._meta.ordering),
        "can_export": roles.is_iom_staff(user),
    }
    return render(request, "registry/country_profile.html", context)


@require_GET
@member_required
def country_directory_export(request, code: str, file_format: str):
    """Staff download the directory of a country (everyone recorded there, listed or not); the export is logged."""
    code = known_country(code)
    if not roles.is_iom_staff(request.user):
        raise PermissionDenied
    people = Person.objects.visible_to(request.user).in_country(code).order_by("family_name", "given_name", "pk")
    what = f"directory of {countries.name(code)} ({code})"
    return export_people(request.user, people, what, f"directory-{code}", file_format)


def known_country(code: str) -> str:
    code = code.upper()
    if code not in countries:
        raise Http404(_("%(code)s is not a country code.") % {"code": code})
    return code
