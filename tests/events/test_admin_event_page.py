"""The event admin page stays small and fast whatever the number of participants, clones safely, links its series,
and its search finds events by what staff remember of them."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contacts.models import Person
from events.models import Event, EventCountry, Participation
from tests.admin_forms import changeform_data
from tests.events.test_admin import form_errors
from tests.factories import (
    DocumentFactory,
    EventCountryFactory,
    EventFactory,
    EventOrganizationFactory,
    OrganizationFactory,
    ParticipationFactory,
    PersonFactory,
    ProgrammeFactory,
)

DELEGATIONS = ["EG", "KE", "TN", "MA", "NG", "ZA", "JO", "LB", "QA", "OM"]


def add_participants(event: Event, number: int) -> None:
    organization = OrganizationFactory()
    people = Person.objects.bulk_create(
        PersonFactory.build(organization=organization, country=DELEGATIONS[i % 10], given_name=f"G{i}",
                            family_name=f"Attendee{i:04}", email=f"a{event.pk}.{i}@example.org")
        for i in range(number)
    )  # fmt: skip
    Participation.objects.bulk_create(
        Participation(
            event=event, person=person, delegation_country=person.country, role="speaker" if i % 5 else "participant"
        )
        for i, person in enumerate(people)
    )


def change_page(client, event):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("admin:events_event_change", args=[event.pk]))
    assert response.status_code == 200
    return response, len(queries)


def event_with_structure() -> Event:
    event = EventFactory(title="Regional conference")
    for code in DELEGATIONS:
        EventCountryFactory(event=event, country=code)
    for _ in range(5):
        EventOrganizationFactory(event=event)
    return event


def test_the_page_of_an_event_with_500_participants_is_small_and_its_queries_do_not_grow(staff_client):
    small, large = event_with_structure(), event_with_structure()
    add_participants(small, 1)
    add_participants(large, 500)

    change_page(staff_client, small)  # fills the content-type cache, once per process
    _response, with_one = change_page(staff_client, small)
    response, with_500 = change_page(staff_client, large)

    assert with_500 == with_one
    assert len(response.content) < 150 * 1024, len(response.content)


def test_the_page_summarises_the_participants_and_links_to_their_list(staff_client):
    event = event_with_structure()
    add_participants(event, 60)
    page = change_page(staff_client, event)[0].content.decode()

    assert "60 participants" in page
    assert "Egypt 6 · " in page  # by delegation, countries by name
    assert "Speaker 48 · Participant 12" in page
    assert page.count('href="/admin/events/participation/') >= 50
    assert "The first 50 of 60, by family name." in page
    assert "Attendee0000" in page and "Attendee0059" not in page
    assert f"/admin/events/participation/?event__id__exact={event.pk}" in page


def test_the_participation_list_filtered_by_event_shows_only_its_participants(staff_client):
    event, other = EventFactory(), EventFactory()
    mine = ParticipationFactory(event=event)
    ParticipationFactory(event=other)
    response = staff_client.get(reverse("admin:events_participation_changelist") + f"?event__id__exact={event.pk}")
    assert response.status_code == 200
    assert [row.pk for row in response.context["cl"].result_list] == [mine.pk]


def test_save_as_new_is_gone_and_the_clone_button_is_there(staff_client):
    event = EventFactory()
    page = change_page(staff_client, event)[0].content.decode()
    assert "_saveasnew" not in page
    assert f'action="/admin/events/event/{event.pk}/clone/"' in page
    assert "Clone as the next edition" in page


@pytest.fixture
def edition_with_everything(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    event = EventFactory(title="First roundtable", status="published", start_date="2023-07-10")
    EventCountryFactory(event=event, country="TN", delegation_size=3)
    EventOrganizationFactory(event=event)
    ParticipationFactory(event=event)
    DocumentFactory(event=event, url="", file=SimpleUploadedFile("agenda.pdf", b"%PDF-1.4 agenda", "application/pdf"))
    return event


def assert_is_a_draft_clone(copy: Event, event: Event) -> None:
    assert copy.status == "draft" and copy.previous_event == event
    assert not copy.participations.exists() and not copy.documents.exists()
    assert list(copy.countries.values_list("country", "delegation_size")) == [("TN", 3)]
    assert copy.organizations.count() == 1
    assert copy.start_date is None


def test_the_clone_button_opens_a_draft_of_the_next_edition(staff_client, edition_with_everything):
    event = edition_with_everything
    response = staff_client.post(reverse("admin:events_event_clone", args=[event.pk]))
    copy = Event.objects.exclude(pk=event.pk).get()
    assert response.status_code == 302 and response["Location"] == reverse("admin:events_event_change", args=[copy.pk])
    assert_is_a_draft_clone(copy, event)
    assert copy.title not in Client().get("/events/").content.decode()  # a draft: not public


def test_a_save_as_new_post_makes_the_clone_and_never_a_500(staff_client, edition_with_everything):
    """Django still reads "_saveasnew" without the button; an event with a file, and data that does not validate,
    once answered 500."""
    event = edition_with_everything
    change = reverse("admin:events_event_change", args=[event.pk])
    data = changeform_data(staff_client.get(change))
    data.update(_saveasnew="Save as new", start_date="not a date")

    response = staff_client.post(change, data)

    assert response.status_code == 302
    assert_is_a_draft_clone(Event.objects.exclude(pk=event.pk).get(), event)


def test_the_clone_address_refuses_a_get(staff_client):
    event = EventFactory()
    assert staff_client.get(reverse("admin:events_event_clone", args=[event.pk])).status_code == 403
    assert Event.objects.count() == 1


def test_the_page_links_forward_to_the_next_editions(staff_client):
    first = EventFactory(title="First roundtable")
    second = EventFactory(title="Second roundtable", previous_event=first)
    page = change_page(staff_client, first)[0].content.decode()
    assert f'<a href="/admin/events/event/{second.pk}/change/">{second}</a>' in page


@pytest.fixture
def searchable_events():
    iom = OrganizationFactory(name="IOM Egypt", acronym="IOM")
    armp = ProgrammeFactory(name="Africa Regional Migration Program", acronym="ARMP")
    hurghada = EventFactory(title="Global symposium", city="Hurghada", host_country="EG", start_date="2023-03-14")
    EventOrganizationFactory(event=hurghada, organization=iom)
    hurghada.programmes.add(armp)
    nairobi = EventFactory(title="Roundtable", city="Nairobi", host_country="KE", start_date="2024-07-01")
    EventCountryFactory(event=nairobi, country="EG")
    EventFactory(title="Training", city="Tunis", host_country="TN", start_date="2022-11-20")
    return {"hurghada": hurghada.title, "nairobi": nairobi.title}


@pytest.mark.parametrize(
    ("term", "found"),
    [
        ("IOM", {"Global symposium"}),
        ("Egypt", {"Global symposium", "Roundtable"}),
        ("Égypte", {"Global symposium", "Roundtable"}),
        ("ARMP", {"Global symposium"}),
        ("Migration Program", {"Global symposium"}),
        ("2024", {"Roundtable"}),
        ("March", {"Global symposium"}),
        ("mars", {"Global symposium"}),
        ("Tunis", {"Training"}),
    ],
)
def test_event_search_finds_organisers_countries_programmes_years_and_months(
    staff_client, searchable_events, term, found
):
    response = staff_client.get(reverse("admin:events_event_changelist"), {"q": term})
    assert {event.title for event in response.context["cl"].result_list} == found


def test_the_previous_event_autocomplete_searches_the_same_way(staff_client, searchable_events):
    response = staff_client.get(
        "/admin/autocomplete/",
        {"app_label": "events", "model_name": "event", "field_name": "previous_event", "term": "IOM"},
    )
    assert [result["text"] for result in response.json()["results"]] == ["Global symposium (2023)"]


def test_event_country_rows_are_unchanged_by_a_save_without_changes(staff_client):
    event = event_with_structure()
    change = reverse("admin:events_event_change", args=[event.pk])
    data = changeform_data(staff_client.get(change))
    response = staff_client.post(change, data)
    assert response.status_code == 302, form_errors(response)
    assert set(EventCountry.objects.filter(event=event).values_list("country", flat=True)) == set(DELEGATIONS)
