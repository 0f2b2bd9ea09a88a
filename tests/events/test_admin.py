"""IOM staff enter and correct events on one admin page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contacts.models import Organization, Person
from events.models import Event, EventCountry, Programme, Theme
from tests.admin_forms import changeform_data, inline_rows
from tests.factories import (
    EventCountryFactory,
    EventFactory,
    EventOrganizationFactory,
    ParticipationFactory,
    RecommendationFactory,
)

# The 23 countries seed 000 names for the Hurghada symposium (it says "22 countries").
HURGHADA_COUNTRIES = [
    "EG",
    "MU",
    "UG",
    "NA",
    "MZ",
    "MA",
    "AO",
    "TZ",
    "ZW",
    "ZM",
    "TN",
    "KE",
    "ZA",
    "KW",
    "JO",
    "LB",
    "LS",
    "BH",
    "QA",
    "OM",
    "SA",
    "NL",
    "DE",
]
EVENT_INLINES = ("organizations", "countries", "participations", "documents", "recommendations")
ADD_EVENT = reverse("admin:events_event_add")


def event_fields(**overrides) -> dict:
    fields = {"title": "Global symposium", "kind": "symposium", "status": "draft", "city": "Hurghada"}
    fields.update(overrides)
    return fields


def event_post(inlines: dict[str, list[dict]] | None = None, **fields) -> dict:
    data = event_fields(**fields)
    for prefix in EVENT_INLINES:
        data.update(inline_rows(prefix, (inlines or {}).get(prefix, [])))
    return data


def add_by_admin(client, model_name: str, **fields):
    response = client.post(reverse(f"admin:{model_name}_add"), fields)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


def form_errors(response) -> str:
    """Every error message on the admin page, inlines included."""
    messages = [str(response.context["adminform"].form.errors)]
    for inline in response.context["inline_admin_formsets"]:
        messages.append(str(inline.formset.errors) + str(inline.formset.non_form_errors()))
    return " ".join(messages)


def test_staff_enter_the_hurghada_symposium_by_hand(staff_client):
    organisations = {
        "IOM Egypt": {"kind": "international", "country": "EG"},
        "IOM Algeria": {"kind": "international", "country": "DZ"},
        "African Prosecutors Association": {"kind": "network"},
        "Public Prosecution of Egypt": {"kind": "prosecution", "country": "EG"},
        "INTERPOL": {"kind": "international"},
        "Bureau of Population, Refugees and Migration": {"kind": "donor", "country": "US"},
    }
    for name, fields in organisations.items():
        add_by_admin(staff_client, "contacts_organization", name=name, active="on", **fields)
    add_by_admin(staff_client, "events_programme", name="Africa Regional Migration Program", acronym="ARMP")
    add_by_admin(staff_client, "events_theme", name="Digital evidence")
    org = {o.name: o.pk for o in Organization.objects.all()}
    for given, family, country in (("Amira", "Fictional", "EG"), ("Kofi", "Example", "KE")):
        add_by_admin(
            staff_client,
            "contacts_person",
            given_name=given,
            family_name=family,
            country=country,
            email=f"{given.lower()}@example.org",
            visibility="network",
            legal_basis="public_role",
            preferred_language="en",
            active="on",
        )
    people = list(Person.objects.filter(family_name__in=["Fictional", "Example"]))
    roles = [
        ("IOM Egypt", "organiser"),
        ("IOM Algeria", "organiser"),
        ("African Prosecutors Association", "organiser"),
        ("Public Prosecution of Egypt", "co_organiser"),
        ("INTERPOL", "partner"),
        ("Bureau of Population, Refugees and Migration", "funder"),
    ]
    data = event_post(
        {
            "organizations": [{"organization": org[name], "role": role} for name, role in roles],
            "countries": [{"country": code} for code in HURGHADA_COUNTRIES],
            "participations": [
                {"person": p.pk, "role": "participant", "delegation_country": p.country.code, "attended": "on"}
                for p in people
            ],
            "documents": [
                {
                    "kind": "press_release",
                    "title": "Press release",
                    "url": "https://example.org/pr",
                    "visibility": "public",
                }
            ],
            "recommendations": [],
        },
        title="Global Symposium on the Role of Digital Evidence in Combating Trafficking and Smuggling",
        host_country="EG",
        status="published",
        date_note="Dates not stated in the press release",
        reported_participant_count=53,
        reported_country_count=22,
        programmes=[Programme.objects.get().pk],
        themes=[Theme.objects.get().pk],
    )

    response = staff_client.post(ADD_EVENT, data)

    assert response.status_code == 302, form_errors(response)
    event = Event.objects.with_counts().get()
    assert event.countries.count() == 23
    assert event.organizations.count() == 6
    assert event.recorded_participant_count == 2
    assert event.reported_participant_count == 53
    assert event.history.count() == 1
    assert event.documents.get().visibility == "public"


def test_event_list_shows_recorded_against_reported_participants(staff_client):
    event = EventFactory(reported_participant_count=53)
    ParticipationFactory(event=event)
    response = staff_client.get(reverse("admin:events_event_changelist"))
    assert "1 / 53" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "shown"),
    [("year=2023", {"Dated"}), ("year=none", {"Undated"}), ("kind__exact=training", {"Training"})],
)
def test_event_list_filters(staff_client, query, shown):
    EventFactory(title="Dated", start_date="2023-07-10", end_date="2023-07-13")
    EventFactory(title="Undated", start_date=None, end_date=None, date_note="16-18 May; year not stated")
    EventFactory(title="Training", kind="training", start_date="2024-01-16", end_date="2024-01-19")
    response = staff_client.get(reverse("admin:events_event_changelist") + "?" + query)
    assert {event.title for event in response.context["cl"].result_list} == shown


def test_end_before_start_is_a_form_error_and_saves_nothing(staff_client):
    response = staff_client.post(ADD_EVENT, event_post(start_date="2023-07-13", end_date="2023-07-10"))
    assert response.status_code == 200
    assert "end date cannot be before the start date" in form_errors(response)
    assert not Event.objects.exists()


def test_a_country_listed_twice_is_a_form_error_and_saves_nothing(staff_client):
    response = staff_client.post(ADD_EVENT, event_post({"countries": [{"country": "TN"}, {"country": "TN"}]}))
    assert response.status_code == 200
    assert "Please correct the duplicate data for country" in form_errors(response)
    assert not Event.objects.exists()


def test_negative_delegation_is_a_form_error(staff_client):
    response = staff_client.post(ADD_EVENT, event_post({"countries": [{"country": "TN", "delegation_size": -1}]}))
    assert response.status_code == 200
    assert "greater than or equal to 0" in form_errors(response)
    assert not Event.objects.exists()


def test_document_without_file_or_link_is_a_form_error(staff_client):
    document = {"kind": "agenda", "title": "Agenda", "visibility": "public"}
    response = staff_client.post(ADD_EVENT, event_post({"documents": [document]}))
    assert response.status_code == 200
    assert "Attach a file or give a link" in form_errors(response)
    assert not Event.objects.exists()


def test_save_as_new_copies_the_event_with_its_countries_and_organisers(staff_client):
    event = EventFactory(title="First roundtable")
    EventCountryFactory(event=event, country="TN")
    EventOrganizationFactory(event=event)
    change_url = reverse("admin:events_event_change", args=[event.pk])
    data = changeform_data(staff_client.get(change_url))
    data.update(title="Second roundtable", _saveasnew="Save as new")

    response = staff_client.post(change_url, data)

    assert response.status_code == 302, form_errors(response)
    copy = Event.objects.get(title="Second roundtable")
    assert list(copy.countries.values_list("country", flat=True)) == ["TN"]
    assert copy.organizations.count() == 1
    assert EventCountry.objects.filter(event=event).count() == 1


def count_change_page_queries(client, event) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("admin:events_event_change", args=[event.pk]))
    assert response.status_code == 200
    return len(queries)


def add_rows(event, number: int, offset: int) -> None:
    countries = ["DZ", "TD", "IQ", "CI", "LY", "ML", "MA", "NE", "NG", "SS", "TN", "FR", "GR", "IT", "MT", "ES"]
    for index in range(offset, offset + number):
        EventCountryFactory(event=event, country=countries[index])
        EventOrganizationFactory(event=event)
        ParticipationFactory(event=event)
        RecommendationFactory(event=event)


def test_change_page_query_count_does_not_grow_with_inline_rows(staff_client):
    event = EventFactory()
    add_rows(event, 1, offset=0)
    with_one = count_change_page_queries(staff_client, event)
    add_rows(event, 14, offset=1)
    assert count_change_page_queries(staff_client, event) == with_one
