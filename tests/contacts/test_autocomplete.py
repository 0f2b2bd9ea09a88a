"""Staff pick people in the admin by an autocomplete that tells namesakes apart: name, country, organisation and
e-mail domain, in the search results and on the selected option alike."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import EventFactory, FocalPointFactory, FollowUpFactory, OrganizationFactory, PersonFactory

AUTOCOMPLETE = "/admin/autocomplete/?app_label=events&model_name=participation&field_name=person&term="


@pytest.fixture
def namesakes(db):
    egypt = PersonFactory(
        honorific="Dr.",
        given_name="Layla",
        family_name="Mansour",
        country="EG",
        organization=OrganizationFactory(name="Public Prosecution", country="EG"),
        email="l.mansour@example.org",
    )
    morocco = PersonFactory(
        given_name="Layla",
        family_name="Mansour",
        country="MA",
        organization=OrganizationFactory(name="Ministry of Justice", country="MA"),
        email="layla@justice.gov.ma",
    )
    return egypt, morocco


def results(client, term: str, **headers) -> dict[int, str]:
    response = client.get(AUTOCOMPLETE + term, **headers)
    assert response.status_code == 200
    return {int(row["id"]): row["text"] for row in response.json()["results"]}


def test_the_person_autocomplete_tells_namesakes_apart(staff_client, namesakes):
    egypt, morocco = namesakes
    assert results(staff_client, "Layla") == {
        egypt.pk: "Dr. Layla Mansour · Egypt · Public Prosecution · @example.org",
        morocco.pk: "Layla Mansour · Morocco · Ministry of Justice · @justice.gov.ma",
    }


def test_the_person_autocomplete_names_the_country_in_the_user_s_language(staff_client, namesakes):
    egypt, morocco = namesakes
    found = results(staff_client, "Layla", HTTP_ACCEPT_LANGUAGE="fr")
    assert found[egypt.pk] == "Dr. Layla Mansour · Égypte · Public Prosecution · @example.org"
    assert found[morocco.pk].startswith("Layla Mansour · Maroc · ")


def test_the_person_autocomplete_leaves_out_what_a_person_lacks(staff_client, db):
    alone = PersonFactory(given_name="Samir", family_name="Haddad", organization=None, email="", country="TN")
    assert results(staff_client, "Haddad") == {alone.pk: "Samir Haddad · Tunisia"}


def queries_for(client, term: str) -> tuple[int, int]:
    """(queries, results) of one autocomplete request."""
    with CaptureQueriesContext(connection) as queries:
        found = results(client, term)
    return len(queries), len(found)


def test_the_person_autocomplete_costs_the_same_queries_for_one_result_or_many(staff_client, namesakes):
    queries_for(staff_client, "Layla")  # the first request of a session loads what later ones find cached
    few, _two = queries_for(staff_client, "Layla")
    PersonFactory.create_batch(10, given_name="Layla")
    assert queries_for(staff_client, "Layla") == (few, 12)


def test_other_autocompletes_keep_django_s_labels(staff_client, db):
    EventFactory(title="Rabat roundtable", start_date=None, end_date=None)
    response = staff_client.get(
        "/admin/autocomplete/?app_label=events&model_name=event&field_name=previous_event&term=Rabat"
    )
    assert [row["text"] for row in response.json()["results"]] == ["Rabat roundtable"]


def test_the_selected_person_is_labelled_as_in_the_search(staff_client, namesakes):
    egypt, _morocco = namesakes
    designation = FocalPointFactory(person=egypt)
    page = staff_client.get(reverse("admin:contacts_focalpoint_change", args=[designation.pk])).content.decode()
    assert f'<option value="{egypt.pk}" selected>Dr. Layla Mansour · Egypt · Public Prosecution · @example.org' in page


def test_the_selected_coordinator_is_labelled_as_in_the_search_on_follow_ups(staff_client, namesakes):
    _egypt, morocco = namesakes
    follow_up = FollowUpFactory(coordinator=morocco, country="MA")
    label = "Layla Mansour · Morocco · Ministry of Justice · @justice.gov.ma"
    page = staff_client.get(reverse("admin:recommendations_followup_change", args=[follow_up.pk])).content.decode()
    assert f'<option value="{morocco.pk}" selected>{label}' in page
    recommendation = reverse("admin:recommendations_recommendation_change", args=[follow_up.recommendation.pk])
    assert f'<option value="{morocco.pk}" selected>{label}' in staff_client.get(recommendation).content.decode()


def recommendation_page_queries(client, recommendation) -> int:
    url = reverse("admin:recommendations_recommendation_change", args=[recommendation.pk])
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_labelled_coordinators_cost_no_query_per_follow_up_row(staff_client, namesakes):
    first = FollowUpFactory(coordinator=namesakes[0])
    recommendation_page_queries(staff_client, first.recommendation)  # the session, loaded once
    one = recommendation_page_queries(staff_client, first.recommendation)
    for country in ("MA", "TN", "KE", "JO"):
        FollowUpFactory(recommendation=first.recommendation, country=country, coordinator=PersonFactory())
    assert recommendation_page_queries(staff_client, first.recommendation) == one
