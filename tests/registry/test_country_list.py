"""The countries index: a link in the navigation to those who may open country pages, and a list of the countries
the registry holds something on, by name in the page's language, each linking to its page."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contacts.choices import Visibility
from tests.factories import EventCountryFactory, EventFactory, FocalPointFactory, OrganizationFactory, PersonFactory

COUNTRIES = reverse("countries")


def country_links(page: str) -> list[tuple[str, str]]:
    """(code, name) of each link to a country page in the page's main content."""
    main = page[page.index("<main") : page.index("</main>")]
    return re.findall(r'<a href="/countries/([A-Z]{2})/">([^<]+)</a>', main)


@pytest.fixture
def records(db):
    PersonFactory(country="TN")
    PersonFactory(country="EG")
    EventCountryFactory(event=EventFactory(host_country="MA"), country="DE")
    FocalPointFactory(person=None, organization=OrganizationFactory(country="CH"), country="CH")
    PersonFactory(country="SA", visibility=Visibility.STAFF)  # only staff may know of this one


def test_the_navigation_links_to_the_countries_for_members_only(client, member_ke):
    assert f'href="{COUNTRIES}"' not in client.get(reverse("home")).content.decode()
    client.force_login(member_ke)
    assert f'<a href="{COUNTRIES}">Countries</a>' in client.get(reverse("home")).content.decode()


def test_the_countries_index_has_the_access_of_a_country_page(client, db, member_ke):
    from tests.factories import UserFactory

    assert client.get(COUNTRIES)["Location"].startswith(reverse("login"))
    client.force_login(UserFactory())  # a login without a registry role
    assert client.get(COUNTRIES).status_code == client.get(reverse("country", args=["TN"])).status_code == 403
    client.force_login(member_ke)
    assert client.get(COUNTRIES).status_code == 200


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["Egypt", "Germany", "Kenya", "Morocco", "Switzerland", "Tunisia"]),
        ("fr", ["Allemagne", "Égypte", "Kenya", "Maroc", "Suisse", "Tunisie"]),
        ("ar", ["ألمانيا", "المغرب", "تونس", "سويسرا", "كينيا", "مصر"]),
    ],
)
def test_the_countries_are_listed_by_name_in_the_page_language_and_link_to_their_pages(
    client, member_ke, records, language, expected
):
    client.force_login(member_ke)
    page = client.get(COUNTRIES, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert [name for _code, name in country_links(page)] == expected  # Kenya: the member's own person


def test_a_country_known_only_through_hidden_people_is_listed_for_staff_alone(client, member_ke, staff_client, records):
    assert "SA" in dict(country_links(staff_client.get(COUNTRIES).content.decode()))
    client.force_login(member_ke)
    assert "SA" not in dict(country_links(client.get(COUNTRIES).content.decode()))


def test_a_link_of_the_index_opens_the_country_page(client, member_ke, records):
    client.force_login(member_ke)
    code, name = country_links(client.get(COUNTRIES).content.decode())[0]
    response = client.get(reverse("country", args=[code]))
    assert response.status_code == 200 and f"<h1>{name}</h1>" in response.content.decode()


def test_the_countries_index_query_count_does_not_grow_with_countries(client, member_ke, records):
    client.force_login(member_ke)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(COUNTRIES).status_code == 200
        return len(queries)

    count()  # the session's first save
    before = count()
    for code in ("FR", "IT", "ES", "PT", "NG"):
        PersonFactory(country=code)
        EventCountryFactory(event=EventFactory(host_country=code), country=code)
    assert count() == before
