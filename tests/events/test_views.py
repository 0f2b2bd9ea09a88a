"""Event pages: public for published events, participants for members only, and iCalendar files."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from contacts.choices import Visibility
from tests.factories import (
    DocumentFactory,
    EventCountryFactory,
    EventFactory,
    FollowUpFactory,
    ParticipationFactory,
    PersonFactory,
    ThemeFactory,
)

LIST = reverse("events:list")


def titles(response) -> set[str]:
    return {event.title for event in response.context["page"].object_list}


@pytest.fixture
def events(db):
    theme = ThemeFactory(name="Digital evidence")
    conference = EventFactory(title="Conference", kind="conference", start_date="2023-07-10", end_date="2023-07-13")
    conference.themes.add(theme)
    EventCountryFactory(event=conference, country="NE", delegation_size=3)
    roundtable = EventFactory(title="Roundtable", kind="roundtable", start_date=None, end_date=None)
    EventCountryFactory(event=roundtable, country="TN")
    draft = EventFactory(title="Draft", status="draft")
    return {"conference": conference, "roundtable": roundtable, "draft": draft, "theme": theme}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"Conference", "Roundtable"}),
        ("year=2023", {"Conference"}),
        ("kind=roundtable", {"Roundtable"}),
        ("country=TN", {"Roundtable"}),
    ],
)
def test_event_list_filters(client, events, query, expected):
    assert titles(client.get(f"{LIST}?{query}")) == expected


def test_event_list_filter_by_theme(client, events):
    assert titles(client.get(f"{LIST}?theme={events['theme'].pk}")) == {"Conference"}


def test_bad_filter_value_shows_an_error(client, events):
    response = client.get(f"{LIST}?year=abc")
    assert response.status_code == 200
    assert titles(response) == set()


def test_draft_event_is_404_for_visitors_and_members(client, events, member_ke):
    assert client.get(reverse("events:detail", args=[events["draft"].pk])).status_code == 404
    client.force_login(member_ke)
    assert client.get(reverse("events:detail", args=[events["draft"].pk])).status_code == 404


def test_anonymous_visitors_see_the_event_but_not_who_attended(client, events):
    person = PersonFactory(family_name="Attendee")
    ParticipationFactory(event=events["conference"], person=person)
    page = client.get(reverse("events:detail", args=[events["conference"].pk])).content.decode()
    assert "Niger" in page and "3 delegates" in page
    assert "Attendee" not in page


def test_members_see_the_participants_they_may_see(client, events, member_ke):
    ParticipationFactory(event=events["conference"], person=PersonFactory(family_name="Listed"))
    hidden = PersonFactory(family_name="Hiddenperson", visibility=Visibility.STAFF)
    ParticipationFactory(event=events["conference"], person=hidden)
    client.force_login(member_ke)
    page = client.get(reverse("events:detail", args=[events["conference"].pk])).content.decode()
    assert "Listed" in page and "Hiddenperson" not in page


def test_recommendations_show_follow_up_status_per_country_to_members(client, events, member_ke):
    follow_up = FollowUpFactory(recommendation__event=events["conference"], country="TN")
    url = reverse("events:detail", args=[events["conference"].pk])
    assert follow_up.recommendation.text in client.get(url).content.decode()
    client.force_login(member_ke)
    assert "Not started" in client.get(url).content.decode()


def test_staff_only_documents_stay_hidden_from_visitors(client, events):
    DocumentFactory(event=events["conference"], title="Public report", visibility="public")
    DocumentFactory(event=events["conference"], title="Internal note", visibility="staff")
    page = client.get(reverse("events:detail", args=[events["conference"].pk])).content.decode()
    assert "Public report" in page and "Internal note" not in page


def test_icalendar_file_of_a_dated_event(client, events):
    response = client.get(reverse("events:ics", args=[events["conference"].pk]))
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert "DTSTART;VALUE=DATE:20230710" in body and "DTEND;VALUE=DATE:20230714" in body
    assert "SUMMARY:Conference" in body


def test_undated_event_has_no_calendar_file(client, events):
    assert client.get(reverse("events:ics", args=[events["roundtable"].pk])).status_code == 404


def test_upcoming_feed_lists_only_future_published_events(client, events):
    EventFactory(title="Next symposium", start_date=date.today() + timedelta(days=30), end_date=None)
    EventFactory(title="Next draft", status="draft", start_date=date.today() + timedelta(days=30), end_date=None)
    body = client.get(reverse("events:upcoming-ics")).content.decode()
    assert "Next symposium" in body
    assert "Next draft" not in body and "Conference" not in body


def count_queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def add_event_with_records(number: int) -> None:
    for _ in range(number):
        event = EventFactory()
        EventCountryFactory(event=event)
        ParticipationFactory(event=event)


def test_event_list_query_count_does_not_grow(client, member_ke):
    client.force_login(member_ke)
    add_event_with_records(1)
    count_queries(client, LIST)
    with_one = count_queries(client, LIST)
    add_event_with_records(15)
    assert count_queries(client, LIST) == with_one


def test_event_page_query_count_does_not_grow_with_its_records(client, member_ke):
    client.force_login(member_ke)
    event = EventFactory()
    url = reverse("events:detail", args=[event.pk])

    def add_records(number: int, offset: int = 0) -> None:
        for index in range(offset, offset + number):
            ParticipationFactory(event=event)
            FollowUpFactory(recommendation__event=event, country="TN")
            DocumentFactory(event=event, visibility="public")
            EventCountryFactory(event=event, country=["TN", "MA", "EG", "DZ", "LY", "NE", "ML", "TD"][index % 8])

    add_records(1)
    count_queries(client, url)
    with_one = count_queries(client, url)
    add_records(7, offset=1)
    assert count_queries(client, url) == with_one


def test_the_event_list_shows_the_filters_chosen_as_chosen(client, db):
    import re

    page = client.get("/events/?country=TN&kind=symposium").content.decode()
    filters = page[page.index('class="filters"') : page.index("</form>", page.index('class="filters"'))]
    chosen = re.findall(r"<option [^>]*selected[^>]*>([^<]+)</option>", filters)
    assert chosen == ["Symposium", "Tunisia"]
