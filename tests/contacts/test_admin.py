"""The directory in the admin: searching names in any spelling, designations, and who may link a login."""

from django.urls import reverse

from contacts.models import FocalPoint
from tests.factories import OrganizationFactory, PersonFactory, UserFactory
from tests.signin import sign_in_with_second_factor


def test_person_search_finds_names_in_any_spelling(staff_client):
    PersonFactory(given_name="Mohamed", family_name="Guirguis", other_spellings="جرجس")
    PersonFactory(given_name="Leila", family_name="Ben Salah")
    response = staff_client.get(reverse("admin:contacts_person_changelist") + "?q=Muhammad Girgis")
    assert [person.family_name for person in response.context["cl"].result_list] == ["Guirguis"]


def test_person_search_also_matches_the_organisation(staff_client):
    PersonFactory(organization=OrganizationFactory(name="Public Prosecution of Tunisia"))
    PersonFactory()
    response = staff_client.get(reverse("admin:contacts_person_changelist") + "?q=Tunisia")
    assert response.context["cl"].result_count == 1


def test_focal_point_naming_nobody_is_a_form_error(staff_client):
    response = staff_client.post(
        reverse("admin:contacts_focalpoint_add"), {"country": "TN", "mandate": "mla_central_authority"}
    )
    assert response.status_code == 200
    assert "must name a person, an organisation, or both" in str(response.context["adminform"].form.errors)
    assert not FocalPoint.objects.exists()


def test_designation_ending_before_it_starts_is_a_form_error(staff_client):
    response = staff_client.post(
        reverse("admin:contacts_focalpoint_add"),
        {
            "country": "TN",
            "mandate": "mla_central_authority",
            "organization": OrganizationFactory().pk,
            "valid_from": "2026-01-01",
            "valid_until": "2025-12-31",
        },
    )
    assert "must end after it starts" in str(response.context["adminform"].form.errors)
    assert not FocalPoint.objects.exists()


def test_only_superusers_link_a_person_to_a_login(staff_client, client):
    person = PersonFactory()
    change_url = reverse("admin:contacts_person_change", args=[person.pk])
    assert 'name="user"' not in staff_client.get(change_url).content.decode()
    sign_in_with_second_factor(client, UserFactory(is_staff=True, is_superuser=True))
    assert 'name="user"' in client.get(change_url).content.decode()
