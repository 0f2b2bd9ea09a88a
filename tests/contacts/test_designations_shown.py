"""A designation's legal basis and notes, which the API returns, on the pages that show designations (the person's
card and the country page), to those who may see the designation, and to nobody else."""

import pytest
from django.test import Client
from django.urls import reverse

from contacts.choices import Mandate, Visibility
from tests.factories import FocalPointFactory, OrganizationFactory, PersonFactory

LEGAL_BASIS = "UNTOC art. 18(13)"
NOTES = "Requests by e-mail first,\nthen the original by diplomatic pouch."


@pytest.fixture
def designation(db):
    holder = PersonFactory(given_name="Nadia", family_name="Holder", country="TN")
    return FocalPointFactory(
        person=holder, country="TN", mandate=Mandate.MLA_CENTRAL_AUTHORITY, legal_basis=LEGAL_BASIS, notes=NOTES
    )


def shows_legal_basis_and_notes(page: str) -> bool:
    return (
        f"Legal basis: <bdi>{LEGAL_BASIS}</bdi>" in page
        and "Notes: <bdi>Requests by e-mail first,<br>then the original by diplomatic pouch.</bdi>" in page
    )


def test_the_person_card_shows_the_legal_basis_and_notes_of_their_designations(client, member_ke, designation):
    client.force_login(member_ke)
    page = client.get(reverse("contacts:person", args=[designation.person_id])).content.decode()
    assert shows_legal_basis_and_notes(page)


def test_the_country_page_shows_the_legal_basis_and_notes_of_current_designations(client, member_ke, designation):
    client.force_login(member_ke)
    page = client.get(reverse("country", args=["TN"])).content.decode()
    assert shows_legal_basis_and_notes(page)


def test_an_organisations_designation_shows_its_notes_on_the_country_page(client, member_ke):
    FocalPointFactory(
        person=None, organization=OrganizationFactory(name="Ministry of Justice"), country="TN", notes="Fax only"
    )
    client.force_login(member_ke)
    assert "Notes: <bdi>Fax only</bdi>" in client.get(reverse("country", args=["TN"])).content.decode()


def test_a_designation_left_without_basis_or_notes_shows_neither_label(client, member_ke, designation):
    designation.legal_basis = designation.notes = ""
    designation.save()
    client.force_login(member_ke)
    page = client.get(reverse("country", args=["TN"])).content.decode()
    assert "Legal basis:" not in page and "Notes:" not in page


def test_a_hidden_holders_designation_notes_stay_hidden_from_members_and_shown_to_staff(
    staff_client, member_ke, designation
):
    designation.person.visibility = Visibility.STAFF
    designation.person.save()
    assert shows_legal_basis_and_notes(staff_client.get(reverse("country", args=["TN"])).content.decode())
    member = Client()
    member.force_login(member_ke)
    assert LEGAL_BASIS not in member.get(reverse("country", args=["TN"])).content.decode()
    assert member.get(reverse("contacts:person", args=[designation.person_id])).status_code == 404
