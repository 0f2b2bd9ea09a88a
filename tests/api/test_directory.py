"""The directory through the API: who sees whom, writes validated like the admin's, and JSON errors."""

import pytest

from contacts.models import FocalPoint, Organization, Person
from tests.factories import PersonFactory


@pytest.mark.parametrize("hidden", ["staff_only", "unlisted"])
def test_people_outside_the_members_view_answer_404(as_user, world, member_ke, hidden):
    assert as_user(member_ke).get(f"/api/v1/people/{world[hidden].pk}/").status_code == 404


def test_member_list_holds_network_people_and_themselves_only(as_user, world, member_ke):
    names = {row["family_name"] for row in as_user(member_ke).get("/api/v1/people/?page_size=200").json()["results"]}
    assert "Networked" in names and "Cast" in names
    assert not names & {"Staffonly", "Unlisted"}


def test_staff_see_everyone_with_the_data_protection_fields(as_user, world, staff):
    response = as_user(staff).get(f"/api/v1/people/{world['unlisted'].pk}/")
    assert response.json()["visibility"] == "unlisted"


def test_staff_only_email_never_reaches_a_member_through_an_event(as_user, world, member_ke):
    client = as_user(member_ke)
    bodies = [
        client.get(f"/api/v1/events/{world['event'].pk}/").content,
        client.get(f"/api/v1/events/{world['event'].pk}/participants/").content,
        client.get("/api/v1/participations/").content,
        client.get("/api/v1/follow-ups/").content,
        client.get("/api/v1/countries/EG/").content,
    ]
    assert all(world["staff_only"].email.encode() not in body for body in bodies)
    assert all(b"Staffonly" not in body for body in bodies)


def test_focal_point_naming_nobody_is_a_400_with_the_models_message(as_user, staff):
    response = as_user(staff).post("/api/v1/focal-points/", {"country": "TN", "mandate": "tip_coordinator"})
    assert response.status_code == 400
    assert "must name a person, an organisation, or both" in str(response.json()["non_field_errors"])
    assert not FocalPoint.objects.exists()


def test_designation_ending_before_it_starts_is_a_400(as_user, world, staff):
    payload = {
        "country": "EG",
        "mandate": "tip_coordinator",
        "person": world["person"].pk,
        "valid_from": "2026-05-01",
        "valid_until": "2026-04-01",
    }
    response = as_user(staff).post("/api/v1/focal-points/", payload)
    assert response.status_code == 400
    assert "must end after it starts" in str(response.json())


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"phone": "12345"}, "phone"),
        ({"roles": ["astronaut"]}, "roles"),
        ({"country": "XX"}, "country"),
        ({"email": "not-an-address"}, "email"),
        ({"legal_basis": "consent"}, "consent_recorded_on"),
    ],
)
def test_bad_person_input_is_a_400_naming_the_field(as_user, staff, payload, field):
    response = as_user(staff).post("/api/v1/people/", {"given_name": "Ines", "family_name": "Example", **payload})
    assert response.status_code == 400
    assert field in response.json()
    assert not Person.objects.filter(given_name="Ines").exists()


def test_fields_outside_the_serializer_cannot_be_mass_assigned(as_user, staff, member_ke):
    person = PersonFactory(family_name="Target")
    as_user(staff).patch(f"/api/v1/people/{person.pk}/", {"user": member_ke.pk, "search_text": "x"}, format="json")
    person.refresh_from_db()
    assert person.user is None
    assert person.search_text != "x"


def test_phone_is_stored_in_e164(as_user, staff):
    response = as_user(staff).post(
        "/api/v1/people/", {"given_name": "Ines", "family_name": "Example", "phone": "+216 71 123 456"}
    )
    assert response.status_code == 201
    assert response.json()["phone"] == "+21671123456"


def test_deleting_an_organisation_still_in_use_is_a_409(as_user, world, staff):
    response = as_user(staff).delete(f"/api/v1/organizations/{world['organization'].pk}/")
    assert response.status_code == 409
    assert "people" in response.json()["detail"]
    assert Organization.objects.filter(pk=world["organization"].pk).exists()


def test_page_size_is_capped_at_200(as_user, staff):
    PersonFactory.create_batch(205, organization=None)
    body = as_user(staff).get("/api/v1/people/?page_size=1000").json()
    assert len(body["results"]) == 200
    assert body["count"] == 206  # and the staff member's own entry


def test_invalid_filter_value_is_a_400_with_a_message(as_user, staff):
    response = as_user(staff).get("/api/v1/people/?country=XX")
    assert response.status_code == 400
    assert "country" in response.json()


def test_name_search_in_any_spelling(as_user, staff):
    PersonFactory(given_name="Mohamed", family_name="Guirguis")
    PersonFactory(given_name="Leila", family_name="Trabelsi")
    results = as_user(staff).get("/api/v1/people/?q=Muhammad Girgis").json()["results"]
    assert [row["family_name"] for row in results] == ["Guirguis"]


def test_focal_point_names_its_holder_and_null_for_what_it_lacks(as_user, world, member_ke):
    body = as_user(member_ke).get(f"/api/v1/focal-points/{world['focal_point'].pk}/").json()
    assert "Networked" in body["person_name"]
    assert (body["organization"], body["organization_name"]) == (None, None)


def test_a_search_counts_at_most_the_cap_and_says_so(as_user, staff, monkeypatch):
    from core.paginator import CappedPaginator

    monkeypatch.setattr(CappedPaginator, "cap", 5)
    PersonFactory.create_batch(7, given_name="Amina", family_name="Diallo", organization=None)
    body = as_user(staff).get("/api/v1/people/?q=diallo&page_size=3").json()
    assert (body["count"], body["count_capped"], len(body["results"])) == (5, True, 3)
    assert "page=2" in body["next"]
    exact = as_user(staff).get("/api/v1/people/?q=diallo&page_size=3&country=TN").json()
    assert (exact["count"], exact["count_capped"]) == (0, False)
    unsearched = as_user(staff).get("/api/v1/people/?page_size=3").json()
    assert (unsearched["count"], unsearched["count_capped"]) == (8, False)  # a list without q counts exactly


@pytest.mark.parametrize(
    "query", ["page_size=false", "page_size=-5", "page_size=0", "page_size=1.5", "page=abc", "page=0"]
)
def test_a_malformed_page_or_page_size_is_a_400_with_a_message(as_user, staff, query):
    response = as_user(staff).get(f"/api/v1/people/?{query}")
    assert response.status_code == 400
    name = query.split("=")[0]
    assert "whole number" in response.json()[name][0]


def test_a_page_past_the_last_is_a_404_and_empty_paging_values_mean_the_defaults(as_user, staff):
    assert as_user(staff).get("/api/v1/people/?page=99").status_code == 404
    body = as_user(staff).get("/api/v1/people/?page=&page_size=").json()
    assert body["count"] == 1 and body["next"] is None


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/people/?country=&role=&language=&q=&organization=&mandate=&designated=&active=&ordering=",
        "/api/v1/organizations/?country=&kind=&q=&parent=&active=",
        "/api/v1/focal-points/?country=&mandate=&current=&person=",
        "/api/v1/events/?country=&host_country=&kind=&year=&theme=",
        "/api/v1/follow-ups/?country=&status=&event=&overdue=",
        "/api/v1/participations/?delegation_country=&event=",
    ],
)
def test_an_empty_filter_value_means_no_filter_on_every_list(as_user, world, staff, path):
    unfiltered = as_user(staff).get(path.split("?")[0]).json()["count"]
    response = as_user(staff).get(path)
    assert response.status_code == 200, response.content
    assert response.json()["count"] == unfiltered
