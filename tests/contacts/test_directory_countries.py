"""A country typed into the directory: in the search box alone or with a name, and by name or alias in the country
filter. The API stays strict: its country filter takes codes only, its q a name."""

import pytest
from django.urls import reverse

from core.countries import country_in_query
from tests.factories import PersonFactory

DIRECTORY = reverse("contacts:directory")


@pytest.fixture
def member_client(client, member_ke):
    client.force_login(member_ke)
    return client


@pytest.fixture
def people(db):
    return [
        PersonFactory(given_name="Mohamed", family_name="Fathy", country="EG"),
        PersonFactory(given_name="Mohamed", family_name="Trabelsi", country="TN"),
        PersonFactory(given_name="Aya", family_name="Koné", country="CI"),
        PersonFactory(given_name="Mohamed", family_name="Diabaté", country="CI"),
        PersonFactory(given_name="Faisal", family_name="Al-Otaibi", country="SA"),
        PersonFactory(given_name="Jordan", family_name="Smith", country="KE"),
    ]


def found(client, query: str) -> set[str]:
    response = client.get(DIRECTORY, {"q": query} if isinstance(query, str) else query)
    assert response.status_code == 200
    return {person.full_name for person in response.context["page"].object_list}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ivory coast", ("CI", "")),
        ("cote d'ivoire", ("CI", "")),
        ("Côte d’Ivoire", ("CI", "")),
        ("KSA", ("SA", "")),
        ("EG", ("EG", "")),
        ("Mohamed Egypt", ("EG", "Mohamed")),
        ("Egypt Mohamed", ("EG", "Mohamed")),
        ("Leila Ben Salah Tunisia", ("TN", "Leila Ben Salah")),
        ("Mohamed", (None, "Mohamed")),
        ("De Vries", (None, "De Vries")),  # "de" is Germany's code, and a particle: codes count only whole, in capitals
        ("Mohamed al", (None, "Mohamed al")),
    ],
)
def test_the_country_a_search_box_entry_names(query, expected):
    assert country_in_query(query) == expected


@pytest.mark.parametrize("query", ["ivory coast", "cote d'ivoire", "Côte d'Ivoire", "COTE D IVOIRE"])
def test_a_country_typed_in_the_search_box_finds_its_people(member_client, people, query):
    assert found(member_client, query) == {"Aya Koné", "Mohamed Diabaté"}


def test_ksa_finds_the_people_of_saudi_arabia(member_client, people):
    assert found(member_client, "KSA") == {"Faisal Al-Otaibi"}


@pytest.mark.parametrize("query", ["Mohamed ivory coast", "ivory coast Mohamed", "Mohammed Côte d'Ivoire"])
def test_a_name_and_a_country_find_the_name_in_that_country(member_client, people, query):
    assert found(member_client, query) == {"Mohamed Diabaté"}


def test_a_country_in_the_search_box_applies_with_the_country_filter(member_client, people):
    assert found(member_client, {"q": "Mohamed Egypt", "country": "EG"}) == {"Mohamed Fathy"}
    assert found(member_client, {"q": "Aya ivory coast", "country": "EG"}) == set()


def test_an_entry_that_finds_nobody_in_its_country_is_searched_as_a_name(member_client, people):
    assert found(member_client, "Jordan Smith") == {"Jordan Smith"}  # nobody called Smith serves in Jordan


def test_a_country_alone_also_finds_who_bears_its_name(member_client, people):
    PersonFactory(given_name="Rania", family_name="Haddad", country="JO")
    assert found(member_client, "Jordan") == {"Rania Haddad", "Jordan Smith"}


@pytest.mark.parametrize("value", ["ivory coast", "cote d'ivoire", "Côte d'Ivoire", "CI"])
def test_the_country_filter_of_the_page_takes_a_name_or_alias(member_client, people, value):
    response = member_client.get(DIRECTORY, {"country": value})
    assert {person.full_name for person in response.context["page"].object_list} == {"Aya Koné", "Mohamed Diabaté"}
    assert response.context["chosen"]["country"] == ["CI"]  # the select shows the country chosen


def test_the_country_filter_of_the_page_takes_ksa(member_client, people):
    assert found(member_client, {"country": "KSA"}) == {"Faisal Al-Otaibi"}
