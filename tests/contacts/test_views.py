"""The directory pages: who may open them, what they show, and that every card opened is logged."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contacts.choices import Visibility
from contacts.models import Language, LookupLog
from tests.factories import EventFactory, ParticipationFactory, PersonFactory, UserFactory
from tests.services import needs_postgres

DIRECTORY = reverse("contacts:directory")


@pytest.fixture
def member_client(client, member_ke):
    client.force_login(member_ke)
    return client


@pytest.fixture
def people(db):
    return {
        "mohamed": PersonFactory(given_name="Mohamed", family_name="Abdel Fattah", country="EG"),
        "muhammad": PersonFactory(given_name="Muhammad", family_name="Trabelsi", country="TN"),
        "guirguis": PersonFactory(given_name="Mina", family_name="Guirguis", other_spellings="جرجس", country="EG"),
        "helene": PersonFactory(given_name="Hélène", family_name="Ait Ouarab", country="MA"),
        "staff_only": PersonFactory(given_name="Mohamed", family_name="Hidden", visibility=Visibility.STAFF),
        "unlisted": PersonFactory(given_name="Mohamed", family_name="Unlisted", visibility=Visibility.UNLISTED),
    }


def names_found(client, query: str) -> set[str]:
    response = client.get(f"{DIRECTORY}?{query}")
    assert response.status_code == 200
    return {person.family_name for person in response.context["page"].object_list}


@pytest.mark.parametrize("url", [DIRECTORY, reverse("contacts:person", args=[1]), reverse("contacts:vcard", args=[1])])
def test_anonymous_visitors_are_sent_to_the_login_page(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_login_without_a_registry_role_is_refused(client, db):
    client.force_login(UserFactory())
    assert client.get(DIRECTORY).status_code == 403


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=mohammed", {"Abdel Fattah", "Trabelsi"}),
        ("q=MUHAMMAD", {"Abdel Fattah", "Trabelsi"}),
        ("q=girgis", {"Guirguis"}),
        ("q=جرجس", {"Guirguis"}),
        ("q=helene", {"Ait Ouarab"}),
        ("q=Hélène", {"Ait Ouarab"}),
        ("q=guirguis", {"Guirguis"}),
    ],
)
def test_names_match_in_any_spelling(member_client, people, query, expected):
    assert names_found(member_client, query) == expected


def test_staff_only_and_unlisted_people_never_reach_members(member_client, people):
    response = member_client.get(f"{DIRECTORY}?q=mohamed")
    assert "Hidden" not in response.content.decode() and "Unlisted" not in response.content.decode()
    assert response.context["page"].paginator.count == 2  # Mohamed and Muhammad, not the hidden ones


def test_filters_ride_in_the_url(member_client, people):
    people["muhammad"].languages.add(Language.objects.get(code="fr"))
    assert names_found(member_client, "q=mohammed&country=TN&language=fr") == {"Trabelsi"}
    assert names_found(member_client, "country=MA") == {"Ait Ouarab"}


def test_the_forms_empty_any_options_mean_no_filter(member_client, people):
    assert names_found(member_client, "q=girgis&country=&role=&expertise=&language=&organization=") == {"Guirguis"}


def test_focal_point_holders_filter(member_client, people):
    from tests.factories import FocalPointFactory

    FocalPointFactory(person=people["helene"], country="MA")
    assert names_found(member_client, "designated=true") == {"Ait Ouarab"}


def test_search_as_you_type_returns_only_the_results(member_client, people):
    response = member_client.get(f"{DIRECTORY}?q=girgis", headers={"HX-Request": "true"})
    assert "<html" not in response.content.decode()
    assert "Guirguis" in response.content.decode()


def test_a_bad_filter_value_is_shown_not_a_500(member_client, people):
    response = member_client.get(f"{DIRECTORY}?country=XX")
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 0
    assert "XX" in response.content.decode()


def count_directory_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(DIRECTORY).status_code == 200
    return len(queries)


def test_directory_query_count_does_not_grow_with_results(member_client):
    PersonFactory().languages.add(Language.objects.get(code="ar"))
    count_directory_queries(member_client)
    with_one = count_directory_queries(member_client)
    for _ in range(20):
        PersonFactory().languages.add(Language.objects.get(code="en"))
    assert count_directory_queries(member_client) == with_one


def test_person_page_shows_the_contact_card_and_logs_the_look_up(member_client, member_ke, people):
    person = people["guirguis"]
    page = member_client.get(reverse("contacts:person", args=[person.pk])).content.decode()
    assert person.email in page
    assert "may be out of date" in page  # never verified
    assert LookupLog.objects.get().person == person
    assert LookupLog.objects.get().viewer == member_ke


@pytest.mark.parametrize("hidden", ["staff_only", "unlisted"])
def test_person_page_of_someone_a_member_may_not_see_is_404(member_client, people, hidden):
    assert member_client.get(reverse("contacts:person", args=[people[hidden].pk])).status_code == 404
    assert member_client.get(reverse("contacts:vcard", args=[people[hidden].pk])).status_code == 404
    assert not LookupLog.objects.exists()


def test_events_both_attended(member_client, member_ke, people):
    shared, other = EventFactory(title="Shared symposium"), EventFactory(title="Other symposium")
    ParticipationFactory(event=shared, person=people["mohamed"])
    ParticipationFactory(event=shared, person=member_ke.person)
    ParticipationFactory(event=other, person=people["mohamed"])
    response = member_client.get(reverse("contacts:person", args=[people["mohamed"].pk]))
    assert [event.title for event in response.context["events_together"]] == ["Shared symposium"]
    assert {event.title for event in response.context["events"]} == {"Shared symposium", "Other symposium"}


def test_vcard_download(member_client, people):
    person = people["helene"]
    person.phone = "+212522123456"
    person.save()
    response = member_client.get(reverse("contacts:vcard", args=[person.pk]))
    assert response["Content-Type"].startswith("text/vcard")
    assert "attachment" in response["Content-Disposition"]
    card = response.content.decode()
    assert "BEGIN:VCARD" in card and "FN:Hélène Ait Ouarab" in card and "TEL;TYPE=WORK:+212522123456" in card
    assert LookupLog.objects.get().action == "downloaded"


def test_past_the_cap_the_directory_says_more_than_and_does_not_count_on(member_client, monkeypatch):
    from core.paginator import CappedPaginator

    monkeypatch.setattr(CappedPaginator, "cap", 5)
    PersonFactory.create_batch(7, country="MA")
    page = member_client.get(reverse("contacts:directory") + "?country=MA").content.decode()
    assert "More than 5 people found: add a name or a filter." in page
    page = member_client.get(reverse("contacts:directory") + "?country=MA&q=nobodyatall").content.decode()
    assert "0 people found" in page


def test_the_organisation_list_holds_international_bodies_and_those_of_the_country_chosen(member_client):
    from tests.factories import OrganizationFactory

    for name, country in (("Interpol", ""), ("Parquet de Tunis", "TN"), ("Kenya DPP", "KE")):
        PersonFactory(organization=OrganizationFactory(name=name, country=country), country=country or "EG")
    OrganizationFactory(name="Tunis office without people", country="TN")

    def options(response) -> list[str]:
        html = response.content.decode()
        select = html[html.index('id="f-organization"') : html.index("</select>", html.index('id="f-organization"'))]
        return re.findall(r'<option value="\d+"[^>]*>([^<]+)</option>', select)

    directory = reverse("contacts:directory")
    assert options(member_client.get(directory)) == ["Interpol"]
    assert options(member_client.get(directory + "?country=TN")) == ["Interpol", "Parquet de Tunis"]
    swapped = member_client.get(directory + "?country=KE", HTTP_HX_REQUEST="true")
    assert 'hx-swap-oob="true"' in swapped.content.decode()
    assert options(swapped) == ["Interpol", "Kenya DPP"]


def test_filter_lists_name_no_organisation_or_language_that_only_hidden_people_have(member_client):
    from tests.factories import OrganizationFactory

    hidden = PersonFactory(
        organization=OrganizationFactory(name="Secret unit", country=""), visibility=Visibility.STAFF
    )
    hidden.languages.add(Language.objects.get(code="sw"))
    visible = PersonFactory(organization=OrganizationFactory(name="Open office", country=""))
    visible.languages.add(Language.objects.get(code="fr"))
    page = member_client.get(reverse("contacts:directory")).content.decode()
    assert "Open office" in page and "Secret unit" not in page
    languages = page[page.index('id="f-language"') : page.index("</select>", page.index('id="f-language"'))]
    assert 'value="fr"' in languages and 'value="sw"' not in languages


def chosen_options(page: str, select_id: str) -> list[str]:
    select = page[page.index(f'id="{select_id}"') : page.index("</select>", page.index(f'id="{select_id}"'))]
    return re.findall(r"<option [^>]*selected[^>]*>([^<]+)</option>", select)


def test_the_filters_chosen_show_as_chosen_in_their_lists(member_client):
    from tests.factories import OrganizationFactory

    court = OrganizationFactory(name="Cour de cassation", country="TN")
    PersonFactory(organization=court, country="TN").languages.add(Language.objects.get(code="fr"))
    query = f"country=TN&role=prosecutor&language=fr&organization={court.pk}"
    page = member_client.get(f"{DIRECTORY}?{query}").content.decode()
    assert chosen_options(page, "f-country") == ["Tunisia"]
    assert chosen_options(page, "f-role") == ["Prosecutor"]
    assert chosen_options(page, "f-language") == ["French (fr)"]
    assert chosen_options(page, "f-organization") == ["Cour de cassation"]
    assert chosen_options(member_client.get(DIRECTORY).content.decode(), "f-country") == []


def test_option_labels_are_escaped(member_client):
    from tests.factories import OrganizationFactory

    PersonFactory(organization=OrganizationFactory(name='<b>"Ministry" & co</b>', country=""))
    page = member_client.get(DIRECTORY).content.decode()
    assert "&lt;b&gt;&quot;Ministry&quot; &amp; co&lt;/b&gt;</option>" in page
    assert '<b>"Ministry"' not in page


@needs_postgres
@pytest.mark.parametrize("query", ["guirguis", "guirgiss"])  # the second is found by the forgiving pass alone
def test_a_search_matches_names_twice_the_count_and_the_page_typo_or_not(member_client, people, query):
    with CaptureQueriesContext(connection) as queries:
        assert names_found(member_client, f"q={query}") == {"Guirguis"}
    assert len([query for query in queries if "search_keys" in query["sql"]]) == 2


@needs_postgres
def test_a_hidden_exact_match_does_not_stop_the_forgiving_search_for_members(member_client):
    PersonFactory(given_name="Grace", family_name="Wanjirux", visibility=Visibility.STAFF)
    PersonFactory(given_name="Grace", family_name="Wanjiru")
    assert names_found(member_client, "q=wanjirux") == {"Wanjiru"}  # as if the hidden person did not exist


def test_an_ordering_asked_for_replaces_the_ranking(member_client, people):
    response = member_client.get(f"{DIRECTORY}?q=mohamed&ordering=-family_name")
    assert [person.family_name for person in response.context["page"].object_list] == ["Trabelsi", "Abdel Fattah"]


def test_a_search_in_a_country_finds_only_that_countrys_people(member_client, people):
    assert names_found(member_client, "q=mohamed&country=TN") == {"Trabelsi"}
    assert names_found(member_client, "q=mohamed&country=EG&country=TN") == {"Trabelsi", "Abdel Fattah"}
