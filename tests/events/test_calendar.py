"""The iCalendar files as a calendar program reads them (RFC 5545): the bytes of the download, parsed again."""

import re
from datetime import UTC, date, datetime, timedelta

import icalendar
import pytest
from django.urls import reverse

from tests.factories import EventFactory

pytestmark = pytest.mark.django_db

LONG_TITLE = "Atelier régional sur la coopération judiciaire contre la traite des êtres humains — Côte d’Ivoire"


def download(client, url: str) -> bytes:
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    return response.content


def vevents(body: bytes) -> list[icalendar.Event]:
    return icalendar.Calendar.from_ical(body).walk("VEVENT")


def test_every_event_of_the_feed_has_a_utc_dtstamp_of_when_the_file_was_made(client):
    soon = date.today() + timedelta(days=10)
    EventFactory(title="First", start_date=soon, end_date=None)
    EventFactory(title="Second", start_date=soon + timedelta(days=5), end_date=soon + timedelta(days=7))
    before = datetime.now(UTC).replace(microsecond=0)
    body = download(client, reverse("events:upcoming-ics"))
    after = datetime.now(UTC)
    events = vevents(body)
    assert [str(event["SUMMARY"]) for event in events] == ["First", "Second"]
    for event in events:
        stamp = event.decoded("DTSTAMP")
        assert stamp.tzinfo is not None and stamp.utcoffset() == timedelta(0)
        assert before <= stamp <= after
    stamps = re.findall(rb"^DTSTAMP:(.*)\r$", body, flags=re.MULTILINE)
    assert len(stamps) == 2 and all(re.fullmatch(rb"\d{8}T\d{6}Z", stamp) for stamp in stamps)


def test_the_calendar_says_its_version_and_product_and_each_event_its_uid(client):
    event = EventFactory(title="Conference", start_date="2023-07-10", end_date="2023-07-13")
    calendar = icalendar.Calendar.from_ical(download(client, reverse("events:ics", args=[event.pk])))
    assert str(calendar["VERSION"]) == "2.0" and str(calendar["PRODID"]) == "-//Cooperation registry//EN"
    (entry,) = calendar.walk("VEVENT")
    assert entry.decoded("DTSTART") == date(2023, 7, 10) and entry.decoded("DTEND") == date(2023, 7, 14)
    assert str(entry["UID"]).startswith(f"event-{event.pk}@")


def test_an_event_keeps_its_uid_in_every_file_whatever_the_host_asked(client, settings):
    settings.SITE_URL = "https://registry.example.org"
    settings.ALLOWED_HOSTS = ["testserver", "other.example.org"]
    event = EventFactory(start_date=date.today() + timedelta(days=3), end_date=None)
    single = vevents(download(client, reverse("events:ics", args=[event.pk])))
    again = vevents(download(client, reverse("events:ics", args=[event.pk])))
    feed = vevents(client.get(reverse("events:upcoming-ics"), HTTP_HOST="other.example.org").content)
    assert {str(item["UID"]) for item in single + again + feed} == {f"event-{event.pk}@registry.example.org"}


def test_lines_end_in_crlf_and_long_lines_are_folded_at_75_octets(client):
    event = EventFactory(title=LONG_TITLE, summary="Résumé. " * 40, start_date="2024-03-04", end_date=None)
    body = download(client, reverse("events:ics", args=[event.pk]))
    assert body.endswith(b"\r\n") and b"\n" not in body.replace(b"\r\n", b"")
    lines = body.split(b"\r\n")[:-1]
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)  # the title was folded...
    (entry,) = vevents(body)
    assert str(entry["SUMMARY"]) == LONG_TITLE  # ...and unfolds to the same text, UTF-8 intact
    assert str(entry["DESCRIPTION"]) == "Résumé. " * 40
