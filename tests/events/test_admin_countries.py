"""Staff give an event's participating countries in one step: a searchable picker, region presets, a pasted list."""

import json

import pytest
from django.urls import reverse
from django.utils import translation

from events.models import Event, EventCountry
from events.regions import BY_KEY
from tests.admin_forms import changeform_data
from tests.events.test_admin import ADD_EVENT, event_post, form_errors
from tests.factories import EventCountryFactory, EventFactory

READ_COUNTRIES = reverse("admin:events_event_read_countries")


def countries_of(event: Event) -> set[str]:
    return set(event.countries.values_list("country", flat=True))


def test_a_region_preset_adds_its_members_to_those_picked(staff_client):
    response = staff_client.post(ADD_EVENT, event_post(participating_countries=["DE"], add_regions=["gcc"]))
    assert response.status_code == 302, form_errors(response)
    assert countries_of(Event.objects.get()) == {"DE", "BH", "KW", "OM", "QA", "SA", "AE"}


@pytest.mark.parametrize("key", ["au", "arab_league", "eu", "gcc", "sadc", "ecowas", "eac", "romena", "igad"])
def test_every_region_the_issue_names_is_a_preset_of_real_country_codes(key):
    from django_countries import countries

    codes = BY_KEY[key].codes
    assert len(codes) == len(set(codes)) and set(codes) <= set(dict(countries))


def test_regions_have_their_known_sizes():
    sizes = {key: len(region.codes) for key, region in BY_KEY.items()}
    assert sizes == {"au": 55, "arab_league": 22, "eu": 27, "gcc": 6, "sadc": 16, "ecowas": 12, "eac": 8,
                     "romena": 18, "igad": 8}  # fmt: skip


def test_a_pasted_list_in_three_languages_and_codes_is_read(staff_client):
    pasted = "Maroc\nتونس; Egypt, KE\nCôte d'Ivoire et Royaume-Uni"
    response = staff_client.post(ADD_EVENT, event_post(paste_countries=pasted))
    assert response.status_code == 302, form_errors(response)
    assert countries_of(Event.objects.get()) == {"MA", "TN", "EG", "KE", "CI", "GB"}


def test_an_unknown_pasted_name_is_an_error_with_a_suggestion_and_saves_nothing(staff_client):
    response = staff_client.post(ADD_EVENT, event_post(paste_countries="Egypt, Jordon, Atlantis"))
    assert response.status_code == 200
    errors = form_errors(response)
    assert "Unknown countries: “Jordon” (did you mean Jordan?); “Atlantis”" in errors
    assert not Event.objects.exists()


def test_the_paste_preview_says_how_each_name_was_read(staff_client):
    answer = staff_client.get(READ_COUNTRIES, {"text": "KSA, Maroc, Jordon"}).json()
    assert answer == {
        "codes": ["SA", "MA"],
        "names": ["Saudi Arabia", "Morocco"],
        "unknown": "“Jordon” (did you mean Jordan?)",
    }


def test_the_paste_preview_is_for_staff_only(client, member_ke):
    client.force_login(member_ke)
    response = client.get(READ_COUNTRIES, {"text": "Egypt"})
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_removing_a_country_from_the_picker_removes_it_and_keeps_the_other_sizes(staff_client):
    event = EventFactory()
    EventCountryFactory(event=event, country="TN", delegation_size=4)
    EventCountryFactory(event=event, country="KE", delegation_size=2)
    change = reverse("admin:events_event_change", args=[event.pk])
    data = changeform_data(staff_client.get(change))
    data["participating_countries"] = ["TN", "EG"]

    response = staff_client.post(change, data)

    assert response.status_code == 302, form_errors(response)
    assert dict(event.countries.values_list("country", "delegation_size")) == {"TN": 4, "EG": None}


def test_delegation_sizes_are_edited_in_the_inline_sorted_by_name(staff_client):
    event = EventFactory()
    for code in ("TN", "DZ", "EG"):
        EventCountryFactory(event=event, country=code)
    change = reverse("admin:events_event_change", args=[event.pk])
    page = staff_client.get(change)
    formset = next(
        inline.formset for inline in page.context["inline_admin_formsets"] if inline.formset.prefix == "countries"
    )
    assert [form.instance.country.name for form in formset.forms] == ["Algeria", "Egypt", "Tunisia"]
    data = changeform_data(page)
    tunisia = next(form.prefix for form in formset.forms if form.instance.country == "TN")
    data[f"{tunisia}-delegation_size"] = "7"

    assert staff_client.post(change, data).status_code == 302
    assert EventCountry.objects.get(event=event, country="TN").delegation_size == 7


def test_a_negative_delegation_is_a_form_error_and_changes_nothing(staff_client):
    event = EventFactory()
    EventCountryFactory(event=event, country="TN", delegation_size=3)
    change = reverse("admin:events_event_change", args=[event.pk])
    data = changeform_data(staff_client.get(change))
    data["countries-0-delegation_size"] = "-1"
    data["participating_countries"] = ["TN", "EG"]

    response = staff_client.post(change, data)

    assert response.status_code == 200
    assert "greater than or equal to 0" in form_errors(response)
    assert dict(event.countries.values_list("country", "delegation_size")) == {"TN": 3}


def test_the_picker_lists_countries_by_name_in_the_active_language(staff_client):
    with translation.override("fr"):
        page = staff_client.get(ADD_EVENT, HTTP_ACCEPT_LANGUAGE="fr")
    names = [label for _code, label in page.context["adminform"].form.fields["participating_countries"].choices]
    assert names.index("Égypte") < names.index("Espagne") < names.index("Éthiopie") < names.index("Fidji")


def test_the_picker_carries_the_members_of_each_region_for_the_script(staff_client):
    page = staff_client.get(ADD_EVENT).content.decode()
    start = page.index('data-regions="') + len('data-regions="')
    regions = json.loads(page[start : page.index('"', start)].replace("&quot;", '"'))
    assert regions["gcc"] == ["BH", "KW", "OM", "QA", "SA", "AE"]
