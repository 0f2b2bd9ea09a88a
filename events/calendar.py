"""Events as iCalendar (RFC 5545), built with the icalendar library, which writes CRLF line ends and folds lines at
75 octets."""

from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from .models import Event


def for_events(events, request) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Cooperation registry//EN")
    calendar.add("version", "2.0")
    generated = timezone.now().replace(microsecond=0)  # DTSTAMP: when this file was written, in UTC
    for event in events:
        calendar.add_component(entry(event, request, generated))
    return calendar.to_ical()


def entry(event: Event, request, generated: datetime) -> icalendar.Event:
    """An all-day entry: the registry records dates, not times. DTEND is exclusive, hence the day after."""
    item = icalendar.Event()
    item.add("uid", uid(event))
    item.add("dtstamp", generated.astimezone(UTC))
    item.add("summary", event.title)
    item.add("dtstart", event.start_date)
    item.add("dtend", (event.end_date or event.start_date) + timedelta(days=1))
    item.add("location", ", ".join(part for part in (event.city, str(event.host_country.name or "")) if part))
    item.add("url", request.build_absolute_uri(reverse("events:detail", args=[event.pk])))
    if event.summary:
        item.add("description", event.summary)
    return item


def uid(event: Event) -> str:
    """The same for an event in every file, whichever host name the file was asked through (SITE_URL's, not the
    request's): a calendar that imports the event again updates its entry instead of adding a second one."""
    return f"event-{event.pk}@{urlsplit(settings.SITE_URL).hostname or 'registry'}"
