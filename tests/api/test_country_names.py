"""The API stays strict where the directory page reads what people type: its country filter takes codes only
(the schema's enum), its q a name (tests/contacts/test_directory_countries.py has the page)."""

import pytest

from tests.factories import PersonFactory


@pytest.fixture
def people(db):
    return [PersonFactory(given_name="Aya", family_name="Koné", country="CI")]


@pytest.mark.parametrize("value", ["ivory coast", "KSA", "cote d'ivoire"])
def test_the_api_country_filter_stays_codes_only(as_user, staff, people, value):
    assert as_user(staff).get("/api/v1/people/", {"country": value}).status_code == 400


def test_the_api_search_stays_a_name_search(as_user, staff, people):
    response = as_user(staff).get("/api/v1/people/", {"q": "ivory coast"})
    assert response.status_code == 200 and response.json()["results"] == []
