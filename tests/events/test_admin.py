"""IOM staff enter and correct events on one admin page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contacts.models import Organization
from events.models import Event, Theme
from tests.admin_forms import inline_rows
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
PRESS_RELEASE_COUNTRIES = (
    "Egypt, Mauritius, Uganda, Namibia, Mozambique, Morocco, Angola, Tanzania, Zimbabwe, Zambia, Tunisia, Kenya, "
    "South Africa, Kuwait, Jordan, Lebanon, Lesotho, Bahrain, Qatar, Oman, KSA, The Netherlands and Germany"
)
EVENT_INLINES = ("organizations", "countries", "documents", "recommendations")
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


def test_staff_enter_the_hurghada_symposium_in_one_form(staff_client):
    """Countries pasted from the press release, organisations typed in and created, roles in one row each."""
    add_by_admin(staff_client, "events_theme", name_en="Digital evidence")
    new = {"create": "on"}
    organisations = [
        {"name": "IOM Egypt", "roles": ["organiser"], "new_kind": "international", "new_country": "Egypt"},
        {"name": "IOM Algeria", "roles": ["organiser"], "new_kind": "international", "new_country": "DZ"},
        {"name": "African Prosecutors Association", "roles": ["organiser"], "new_kind": "network"},
        {"name": "Egyptian Public Prosecution", "roles": ["co_organiser", "host"], "new_kind": "prosecution",
         "new_country": "Égypte"},
        {"name": "INTERPOL", "roles": ["partner"], "new_kind": "international"},
        {"name": "U.S. Department of State PRM", "roles": ["funder"], "new_kind": "donor",
         "new_country": "USA"},
    ]  # fmt: skip
    data = event_post(
        {
            "organizations": [{**row, **new} for row in organisations],
            "documents": [
                {
                    "kind": "press_release",
                    "title": "Press release",
                    "url": "https://example.org/pr",
                    "visibility": "public",
                }
            ],
        },
        title="Global Symposium on the Role of Digital Evidence in Combating Trafficking and Smuggling",
        host_country="EG",
        status="published",
        date_note="Dates not stated in the press release",
        reported_participant_count=53,
        reported_country_count=22,
        paste_countries=PRESS_RELEASE_COUNTRIES,
        new_programmes="Africa Regional Migration Program (ARMP)",
        new_themes="digital evidence؛ Cybercrime",  # an Arabic semicolon separates too
    )

    response = staff_client.post(ADD_EVENT, data)

    assert response.status_code == 302, form_errors(response)
    event = Event.objects.get()
    assert sorted(event.countries.values_list("country", flat=True)) == sorted(HURGHADA_COUNTRIES)
    roles = set(event.organizations.values_list("organization__name", "role"))
    assert ("Egyptian Public Prosecution", "co_organiser") in roles and ("Egyptian Public Prosecution", "host") in roles
    assert len(roles) == 7
    prm = Organization.objects.get(name="U.S. Department of State PRM")
    assert (prm.kind, prm.country.code) == ("donor", "US")
    assert Organization.objects.get(name="INTERPOL").country.code == ""
    assert event.history.count() == 1
    assert list(event.programmes.values_list("name", "acronym")) == [("Africa Regional Migration Program", "ARMP")]
    assert sorted(event.themes.values_list("name", flat=True)) == ["Cybercrime", "Digital evidence"]
    assert Theme.objects.count() == 2
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


def test_document_without_file_or_link_is_a_form_error(staff_client):
    document = {"kind": "agenda", "title": "Agenda", "visibility": "public"}
    response = staff_client.post(ADD_EVENT, event_post({"documents": [document]}))
    assert response.status_code == 200
    assert "Attach a file or give a link" in form_errors(response)
    assert not Event.objects.exists()


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
