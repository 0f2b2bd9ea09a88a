"""Event pages: the list with its filters, an event with everything recorded about it, and iCalendar files."""

from datetime import date

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core import roles
from core.countries import sort_key
from core.exports import attachment
from core.filters import without_blanks

from . import calendar
from .filters import EventFilterSet
from .models import Document, Event, EventOrganization, Participation, Theme

EVENTS_PER_PAGE = 20


@require_GET
def event_list(request):
    events = Event.objects.visible_to(request.user).with_counts(request.user).order_by(*Event._meta.ordering, "pk")
    filterset = EventFilterSet(without_blanks(request.GET), queryset=events, request=request)
    page = Paginator(filterset.qs if filterset.is_valid() else events.none(), EVENTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    years = Event.objects.visible_to(request.user).dates("start_date", "year", order="DESC")
    context = {"filterset": filterset, "page": page, "years": years, "themes": Theme.objects.all()}
    return render(request, "events/event_list.html", context)


@require_GET
def event_detail(request, pk: int):
    user = request.user
    event = get_object_or_404(event_with_records(user), pk=pk)
    is_member = roles.is_network_member(user)
    participants = (
        Participation.objects.visible_to(user).filter(event=event).select_related("person__organization")
        if is_member
        else None
    )
    countries = sorted(event.countries.all(), key=lambda row: sort_key(str(row.country.name)))  # not by code
    context = {"event": event, "countries": countries, "participants": participants, "is_member": is_member}
    return render(request, "events/event_detail.html", {**context, **editions_around(event, user)})


def editions_around(event: Event, user) -> dict:
    """The previous and next editions of the series that ``user`` may see: a draft is not named to the public."""
    editions = Event.objects.visible_to(user).only("pk", "title", "start_date", "date_note").order_by("start_date")
    previous = editions.filter(pk=event.previous_event_id).first() if event.previous_event_id else None
    return {"previous_edition": previous, "next_editions": list(editions.filter(previous_event=event))}


def event_with_records(user):
    """The event with what its page shows; the recommendations come from the event_recommendations tag."""
    return (
        Event.objects.visible_to(user)
        .with_counts(user)
        .prefetch_related(
            "countries",
            "programmes",
            "themes",
            "pillars",
            Prefetch("organizations", EventOrganization.objects.select_related("organization")),
            Prefetch("documents", Document.objects.visible_to(user)),
        )
    )


@require_GET
def event_ics(request, pk: int):
    event = get_object_or_404(Event.objects.visible_to(request.user), pk=pk)
    if event.start_date is None:
        raise Http404(_("This event has no known date, so it has no calendar entry."))
    return calendar_response(calendar.for_events([event], request), f"event-{event.pk}.ics")


@require_GET
def upcoming_ics(request):
    """A calendar feed of the published events still to come."""
    events = Event.objects.visible_to(request.user).filter(start_date__gte=date.today()).order_by("start_date")
    return calendar_response(calendar.for_events(events, request), "upcoming-events.ics")


def calendar_response(body: bytes, filename: str) -> HttpResponse:
    return attachment(body, "text/calendar; charset=utf-8", filename)
