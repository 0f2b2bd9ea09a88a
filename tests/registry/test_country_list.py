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


def row_of(page: str, code: str) -> str:
    start = page.index(f'<a href="/countries/{code}/">')
    return page[start : page.index("</tr>", start)]


def test_each_country_shows_its_current_designations_under_the_six_mandates(client, member_ke):
    holder = PersonFactory(given_name="Amal", family_name="Hassan", country="EG")
    FocalPointFactory(person=holder, country="EG", mandate="mla_central_authority")
    hidden = PersonFactory(given_name="Hidden", family_name="Holder", country="EG", visibility=Visibility.STAFF)
    FocalPointFactory(person=hidden, country="EG", mandate="tip_coordinator")
    client.force_login(member_ke)
    page = client.get(COUNTRIES).content.decode()
    headers = re.findall(r'<th scope="col">([^<]+)</th>', page)
    assert headers == [
        "Country",
        "TIP national coordinator",
        "SOM focal point",
        "MLA central authority",
        "Extradition authority",
        "24/7 cybercrime contact",
        "INTERPOL liaison",
    ]
    egypt = row_of(page, "EG")
    assert 'data-label="MLA central authority"><a href="/people/' in egypt and "Amal Hassan" in egypt
    assert "Hidden" not in page  # a hidden holder's designation is nowhere, not even as a count


def test_a_region_lists_all_its_members_recorded_or_not(client, member_ke, records):
    client.force_login(member_ke)
    page = client.get(COUNTRIES, {"region": "gcc"}).content.decode()
    assert [name for _code, name in country_links(page)] == [
        "Bahrain",
        "Kuwait",
        "Oman",
        "Qatar",
        "Saudi Arabia",  # the staff-only person stays hidden: the country is listed as a member of the GCC
        "United Arab Emirates",
    ]
    assert "6 countries" in page


def test_the_search_box_finds_countries_by_any_name_or_alias(client, member_ke):
    client.force_login(member_ke)

    def found(**params) -> list[str]:
        return [code for code, _name in country_links(client.get(COUNTRIES, params).content.decode())]

    assert found(q="guinea") == ["GQ", "GN", "GW", "PG"]
    assert found(q="KSA") == ["SA"]
    assert found(q="Égypte") == ["EG"]
    assert found(q="مصر") == ["EG"]
    assert found(q="guinea", region="ecowas") == ["GN", "GW"]
    assert "No country matches." in client.get(COUNTRIES, {"q": "Atlantis"}).content.decode()


def test_an_unknown_region_gets_a_clear_error(client, member_ke):
    client.force_login(member_ke)
    response = client.get(COUNTRIES, {"region": "narnia"})
    assert response.status_code == 400
    assert "Select a valid choice. narnia is not one of the available choices." in response.content.decode()


def test_the_index_query_count_does_not_grow_with_designations(client, member_ke, records):
    client.force_login(member_ke)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(COUNTRIES, {"region": "au"}).status_code == 200
        return len(queries)

    count()
    before = count()
    for code in ("NG", "GH", "SN", "KE"):
        FocalPointFactory(country=code, person=PersonFactory(country=code))
        FocalPointFactory(country=code, person=None, organization=OrganizationFactory(country=code))
    assert count() == before
