"""Home and country pages, the language switcher and the account pages."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from contacts.choices import Visibility
from tests.factories import EventCountryFactory, EventFactory, FocalPointFactory, FollowUpFactory, PersonFactory
from tests.signin import post_password

HOME = reverse("home")


def test_home_gives_anonymous_visitors_events_and_figures_but_no_names(client, db):
    event = EventFactory(title="Regional conference")
    EventCountryFactory(event=event, country="TN")
    FollowUpFactory(recommendation__event=event, coordinator=PersonFactory(family_name="Coordinatorname"))
    page = client.get(HOME).content.decode()
    assert "Regional conference" in page
    assert "Coordinatorname" not in page
    assert client.get(HOME).context["figures"] == {"events": 1, "countries": 1, "implemented": 0}


def test_home_shows_a_coordinator_their_open_follow_ups(client, coordinator_eg):
    mine = FollowUpFactory(country="EG", due_date=date.today() - timedelta(days=3))
    FollowUpFactory(country="MA")
    client.force_login(coordinator_eg)
    response = client.get(HOME)
    assert list(response.context["my_follow_ups"]) == [mine]
    assert "overdue" in response.content.decode()
    assert response.context["my_country"].code == "EG"


def test_home_shows_a_member_the_search_box_and_no_follow_ups(client, member_ke):
    client.force_login(member_ke)
    response = client.get(HOME)
    assert response.context["my_follow_ups"] is None
    assert 'name="q"' in response.content.decode()


def test_country_profile_needs_a_login(client, db):
    response = client.get(reverse("country", args=["TN"]))
    assert response.status_code == 302


def test_country_profile_for_members(client, member_ke):
    listed = PersonFactory(family_name="Listedperson", country="TN")
    PersonFactory(family_name="Staffperson", country="TN", visibility=Visibility.STAFF)
    FocalPointFactory(person=listed, country="TN", mandate="mla_central_authority")
    EventCountryFactory(event=EventFactory(title="Rabat roundtable"), country="TN")
    client.force_login(member_ke)
    page = client.get(reverse("country", args=["tn"])).content.decode()
    assert "Tunisia" in page and "MLA central authority" in page and "Listedperson" in page
    assert "Rabat roundtable" in page
    assert "Staffperson" not in page


def test_unknown_country_is_404(client, member_ke):
    client.force_login(member_ke)
    assert client.get(reverse("country", args=["XX"])).status_code == 404


@pytest.mark.parametrize(("language", "direction"), [("ar", "rtl"), ("fr", "ltr"), ("en", "ltr")])
def test_language_switcher_sets_language_and_direction(client, db, language, direction):
    response = client.post(reverse("set_language"), {"language": language, "next": HOME}, follow=True)
    page = response.content.decode()
    assert f'lang="{language}"' in page and f'dir="{direction}"' in page


def test_country_names_follow_the_page_language(client, member_ke):
    client.force_login(member_ke)
    client.post(reverse("set_language"), {"language": "fr", "next": HOME})
    assert "Tunisie" in client.get(reverse("country", args=["TN"])).content.decode()


def test_login_then_password_change(client, member_ke):
    assert client.get(reverse("login")).status_code == 200
    post_password(client, "member_ke")
    assert client.get(reverse("password_change")).status_code == 200


def test_country_profile_query_count_does_not_grow(client, member_ke):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from contacts.models import Language

    client.force_login(member_ke)
    url = reverse("country", args=["TN"])

    def add(number: int) -> None:
        for _ in range(number):
            person = PersonFactory(country="TN")
            person.languages.add(Language.objects.get(code="ar"))
            designation = FocalPointFactory(person=person, country="TN")
            designation.request_languages.add(Language.objects.get(code="fr"))
            EventCountryFactory(event=EventFactory(), country="TN")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    add(1)
    count()
    with_one = count()
    add(10)
    assert count() == with_one


def test_a_country_of_many_people_shows_twenty_and_a_link_to_all(client, member_ke):
    people = [PersonFactory(country="TN", family_name=f"Family{n:02d}") for n in range(25)]
    client.force_login(member_ke)
    response = client.get(reverse("country", args=["TN"]))
    page = response.content.decode()
    shown = response.context["people"]["rows"]
    assert [person.family_name for person in shown] == [f"Family{n:02d}" for n in range(20)]
    assert people[24].family_name not in page
    assert "Show all 25 people in the directory" in page
    assert f"{reverse('contacts:directory')}?country=TN" in page
