"""Events as iCalendar (RFC 5545), built with the icalendar library."""

from datetime import timedelta

import icalendar
from django.urls import reverse

from .models import Event


def for_events(events, request) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Cooperation registry//EN")
    calendar.add("version", "2.0")
    for event in events:
        calendar.add_component(entry(event, request))
    return calendar.to_ical()


def entry(event: Event, request) -> icalendar.Event:
    """An all-day entry: the registry records dates, not times. DTEND is exclusive, hence the day after."""
    item = icalendar.Event()
    item.add("uid", f"event-{event.pk}@{request.get_host()}")
    item.add("summary", event.title)
    item.add("dtstart", event.start_date)
    item.add("dtend", (event.end_date or event.start_date) + timedelta(days=1))
    item.add("location", ", ".join(part for part in (event.city, str(event.host_country.name or "")) if part))
    item.add("url", request.build_absolute_uri(reverse("events:detail", args=[event.pk])))
    if event.summary:
        item.add("description", event.summary)
    return item
