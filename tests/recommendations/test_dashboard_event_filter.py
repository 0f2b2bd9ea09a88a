"""The dashboard's event filter: a choice of the events the reader's follow-ups belong to, by title and year, in
place of a typed event number; the API's filter still takes ids."""

import html
import re
from datetime import date

import pytest
from django.urls import reverse

from tests.factories import EventFactory, FollowUpFactory, RecommendationFactory

DASHBOARD = reverse("recommendations:dashboard")


@pytest.fixture
def events(db):
    """Two events with Egypt's follow-ups, one with Morocco's only, one with none."""
    made = {
        "cairo": EventFactory(title="Cairo workshop on digital evidence", start_date=date(2023, 7, 10)),
        "tunis": EventFactory(title="Tunis symposium", start_date=date(2025, 3, 4)),
        "undated": EventFactory(title="Regional meeting", start_date=None, date_note=""),
        "rabat": EventFactory(title="Rabat roundtable", start_date=date(2024, 5, 1)),
        "empty": EventFactory(title="Event without follow-ups", start_date=date(2024, 1, 1)),
    }
    for key, country in (("cairo", "EG"), ("tunis", "EG"), ("undated", "EG"), ("rabat", "MA")):
        FollowUpFactory(recommendation=RecommendationFactory(event=made[key]), country=country)
    return made


def event_options(page: str) -> list[tuple[str, str]]:
    start = page.index('id="f-event"')
    select = page[start : page.index("</select>", start)]
    return [
        (value, html.unescape(text))
        for value, text in re.findall(r'<option value="(\d*)"[^>]*>([^<]*)</option>', select)
    ]


def test_a_coordinator_chooses_among_the_events_of_their_follow_ups_by_title_and_year(client, coordinator_eg, events):
    client.force_login(coordinator_eg)
    options = event_options(client.get(DASHBOARD).content.decode())
    assert [text for _value, text in options] == [
        "Any",
        "Tunis symposium (2025)",
        "Cairo workshop on digital evidence (2023)",
        "Regional meeting",
    ]
    assert "Event number" not in client.get(DASHBOARD).content.decode()


def test_staff_choose_among_the_events_of_every_follow_up(staff_client, events):
    options = [text for _value, text in event_options(staff_client.get(DASHBOARD).content.decode())]
    assert "Rabat roundtable (2024)" in options
    assert "Event without follow-ups (2024)" not in options


def test_choosing_an_event_lists_its_follow_ups_and_shows_it_chosen(client, coordinator_eg, events):
    client.force_login(coordinator_eg)
    response = client.get(f"{DASHBOARD}?event={events['cairo'].pk}")
    assert [fu.recommendation.event for fu in response.context["page"].object_list] == [events["cairo"]]
    page = response.content.decode()
    start = page.index('id="f-event"')
    assert (
        f'<option value="{events["cairo"].pk}" selected>Cairo workshop on digital evidence (2023)</option>'
        in page[start:]
    )


def test_the_api_filter_still_takes_an_event_id(client, coordinator_eg, events):
    client.force_login(coordinator_eg)
    response = client.get(reverse("api:followup-list"), {"event": events["tunis"].pk})
    assert response.status_code == 200
    assert [row["recommendation"] for row in response.json()["results"]] == [events["tunis"].recommendations.get().pk]
