"""Countries are listed by their name in the reader's language, wherever a list of them is shown: in French
"Égypte" among the E's, before "Espagne"; in Arabic by its own letters. Never by ISO code."""

import html
import re

import pytest
from django.urls import reverse
from django.utils import translation

from core.countries import sort_key
from core.filters import country_options
from tests.factories import (
    EventCountryFactory,
    EventFactory,
    FollowUpFactory,
    OrganizationFactory,
    ParticipationFactory,
    PersonFactory,
    RecommendationFactory,
)

# By code: CH, DE, EG, ES, MA. By name, in each language:
CODES = ["MA", "ES", "CH", "DE", "EG"]
BY_NAME = {
    "en": ["Egypt", "Germany", "Morocco", "Spain", "Switzerland"],
    "fr": ["Allemagne", "Égypte", "Espagne", "Maroc", "Suisse"],
    "ar": ["أسبانيا", "ألمانيا", "المغرب", "سويسرا", "مصر"],  # alef with hamza sorts as alef
}
LANGUAGES = ["en", "fr", "ar"]
FIRST = ["EG", "MA", "TN"]  # settings.COUNTRIES_FIRST: they lead the lists of every country


def option_texts(page: str, select_id: str) -> list[str]:
    select = re.search(rf'<select id="{select_id}"[^>]*>(.*?)</select>', page, re.S).group(1)
    return [html.unescape(text) for value, text in re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select)
            if value]  # fmt: skip


def names_of(codes: list[str], language: str) -> list[str]:
    with translation.override(language):
        return [name for _code, name in country_options(codes)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_country_options_are_sorted_by_name_in_each_language(language):
    assert names_of(CODES, language) == BY_NAME[language]


def test_french_sorts_accented_names_among_their_letter():
    with translation.override("fr"):
        names = [name for _code, name in country_options(["ES", "AE", "EC", "ER", "ET", "US", "EE", "FJ"])]
    assert names == [
        "Émirats arabes unis",
        "Équateur",
        "Érythrée",
        "Espagne",
        "Estonie",
        "États-Unis d'Amérique",
        "Éthiopie",
        "Fidji",
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_list_of_every_country_starts_with_the_usual_ones_then_goes_by_name(language):
    with translation.override(language):
        every = country_options()
    assert [code for code, _name in every[:3]] == FIRST
    rest = [name for _code, name in every[3:]]
    assert len(rest) == 246 and rest == sorted(rest, key=sort_key)


@pytest.mark.parametrize("language", LANGUAGES)
def test_directory_country_filter_lists_countries_by_name(client, member_ke, language):
    client.force_login(member_ke)
    page = client.get(reverse("contacts:directory"), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    texts = option_texts(page, "f-country")
    assert texts == names_of_every_country(language)
    assert texts[3:] == sorted(texts[3:], key=sort_key)


def names_of_every_country(language: str) -> list[str]:
    with translation.override(language):
        return [name for _code, name in country_options()]


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_event_list_and_dashboard_country_filters_list_countries_by_name(staff_client, language):
    expected = names_of_every_country(language)
    events = staff_client.get(reverse("events:list"), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert option_texts(events, "f-country") == expected
    dashboard = staff_client.get(reverse("recommendations:dashboard"), HTTP_ACCEPT_LANGUAGE=language)
    assert option_texts(dashboard.content.decode(), "f-country") == expected


@pytest.fixture
def event_in_four_countries(db):
    event = EventFactory(title="Rabat roundtable")
    for code in CODES:
        EventCountryFactory(event=event, country=code)
    recommendation = RecommendationFactory(event=event)
    for code in CODES:
        FollowUpFactory(recommendation=recommendation, country=code)
    return event


@pytest.mark.parametrize("language", LANGUAGES)
def test_event_page_lists_participating_countries_and_follow_ups_by_name(client, member_ke, event_in_four_countries,
                                                                         language):  # fmt: skip
    client.force_login(member_ke)
    url = reverse("events:detail", args=[event_in_four_countries.pk])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    section = page.split('id="countries"', 1)[1].split("</ul>", 1)[0]
    assert re.findall(r"<li>([^<(]+?)(?: \(|</li>)", section) == BY_NAME[language]
    recommendations = page.split('id="recommendations"', 1)[1]
    assert re.findall(r"<tr><td>([^<]+)</td>", recommendations) == BY_NAME[language]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_recommendation_page_lists_follow_ups_by_country_name(client, member_ke, event_in_four_countries, language):
    client.force_login(member_ke)
    recommendation = event_in_four_countries.recommendations.get()
    page = client.get(
        reverse("recommendations:recommendation", args=[recommendation.pk]), HTTP_ACCEPT_LANGUAGE=language
    )
    assert re.findall(r'<tr><td><a href="[^"]+">([^<]+)</a>', page.content.decode()) == BY_NAME[language]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_api_country_list_goes_by_name(client, event_in_four_countries, language):
    body = client.get("/api/v1/countries/", HTTP_ACCEPT_LANGUAGE=language).json()
    assert [row["name"] for row in body["results"]] == BY_NAME[language]


def admin_filter_texts(staff_client, url: str, field_path: str, language: str) -> list[str]:
    changelist = staff_client.get(url, HTTP_ACCEPT_LANGUAGE=language).context["cl"]
    spec = next(spec for spec in changelist.filter_specs if getattr(spec, "field_path", None) == field_path)
    return [str(choice["display"]) for choice in spec.choices(changelist)][1:]  # after "All"


@pytest.mark.parametrize("language", ["en", "fr"])
def test_admin_country_filters_list_the_countries_of_the_rows_by_name(staff_client, event_in_four_countries, language):
    for code in CODES:
        organization = OrganizationFactory(country=code)
        PersonFactory(country=code, organization=organization)
    expected = BY_NAME[language]  # the staff member's own person is in EG too
    people = admin_filter_texts(staff_client, reverse("admin:contacts_person_changelist"), "country", language)
    assert people == expected
    organisations = reverse("admin:contacts_organization_changelist")
    assert admin_filter_texts(staff_client, organisations, "country", language) == expected
    follow_ups = reverse("admin:recommendations_followup_changelist")
    assert admin_filter_texts(staff_client, follow_ups, "country", language) == expected
    for code in CODES:
        ParticipationFactory(person__country=code, event=EventFactory(host_country=code))
    events = reverse("admin:events_event_changelist")
    assert admin_filter_texts(staff_client, events, "host_country", language) == expected
    participations = reverse("admin:events_participation_changelist")
    assert admin_filter_texts(staff_client, participations, "delegation_country", language) == expected


def test_admin_country_filter_still_filters(staff_client, event_in_four_countries):
    changelist = reverse("admin:recommendations_followup_changelist")
    response = staff_client.get(f"{changelist}?country=ES")
    assert [follow_up.country.code for follow_up in response.context["cl"].result_list] == ["ES"]
