"""Consent follows visibility: listing someone for the network needs a legal basis; consent needs its date."""

from importlib import import_module

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from tests.factories import PersonFactory

migration = import_module("contacts.migrations.0006_consent_follows_visibility")


def test_a_network_listing_needs_a_legal_basis(db):
    person = PersonFactory.build(visibility="network", legal_basis="")
    with pytest.raises(ValidationError, match="legal basis"):
        person.full_clean(exclude=["organization"])


def test_consent_needs_its_date(db):
    person = PersonFactory.build(visibility="network", legal_basis="consent", consent_recorded_on=None)
    with pytest.raises(ValidationError, match="consent was given"):
        person.full_clean(exclude=["organization"])


def test_staff_only_people_need_no_basis_yet(db):
    PersonFactory.build(visibility="staff", legal_basis="").full_clean(exclude=["organization"])


def test_the_migration_hides_listed_people_without_a_basis_and_nobody_else(db):
    bare = PersonFactory(visibility="network", legal_basis="")
    undated = PersonFactory(visibility="network", legal_basis="consent", consent_recorded_on=None)
    based = PersonFactory(visibility="network", legal_basis="designation")
    migration.hide_people_without_a_basis(apps, None)
    for person, visibility in ((bare, "staff"), (undated, "staff"), (based, "network")):
        person.refresh_from_db()
        assert person.visibility == visibility


def test_withdrawing_consent_hides_at_once_and_files_an_erasure_request(staff_client, member_ke, client):
    from contacts.models import ErasureRequest

    person = PersonFactory(legal_basis="consent", consent_recorded_on="2025-01-01")
    other = PersonFactory(legal_basis="designation")
    staff_client.post(
        "/admin/contacts/person/", {"action": "withdraw_consent", "_selected_action": [person.pk, other.pk]}
    )
    person.refresh_from_db()
    assert (person.visibility, person.legal_basis) == ("staff", "")
    assert ErasureRequest.objects.get().person == person  # only consent can be withdrawn
    client.force_login(member_ke)
    assert client.get(f"/people/{person.pk}/").status_code == 404
