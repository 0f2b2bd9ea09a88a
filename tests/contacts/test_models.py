"""Constraints and validation of the directory models: the database refuses bad rows, full_clean explains why."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from contacts.models import FocalPoint, Language, LookupLog, Organization, Person, Role
from tests.factories import FocalPointFactory, OrganizationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_focal_point_must_name_a_person_or_an_organisation():
    designation = FocalPoint(country="TN", mandate="mla_central_authority")
    with pytest.raises(ValidationError, match="must name a person, an organisation, or both"):
        designation.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        designation.save()


def test_focal_point_validity_must_end_after_it_starts():
    designation = FocalPointFactory.build(
        person=PersonFactory(), valid_from=date(2024, 5, 1), valid_until=date(2024, 4, 30)
    )
    with pytest.raises(ValidationError, match="must end after it starts"):
        designation.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        designation.save()


def test_ended_designation_stays_and_is_no_longer_current():
    ended = FocalPointFactory(valid_from=date(2020, 1, 1), valid_until=date(2023, 12, 31))
    successor = FocalPointFactory(country=ended.country, mandate=ended.mandate, valid_from=date(2024, 1, 1))
    assert set(FocalPoint.objects.current(on=date(2025, 6, 1))) == {successor}
    assert set(FocalPoint.objects.filter(country=ended.country)) == {ended, successor}


def test_organisation_name_is_unique_per_country():
    OrganizationFactory(name="Public Prosecution", country="TN")
    duplicate = Organization(name="Public Prosecution", country="TN", kind="prosecution")
    with pytest.raises(ValidationError, match="already exists in this country"):
        duplicate.full_clean()
    Organization(name="Public Prosecution", country="MA", kind="prosecution").full_clean()


def test_phone_is_validated_and_stored_in_e164():
    person = PersonFactory.build(organization=None, phone="+216 71 000 001")
    person.full_clean()
    person.save()
    assert Person.objects.get(pk=person.pk).phone.as_e164 == "+21671000001"
    with pytest.raises(ValidationError, match="phone"):
        PersonFactory.build(organization=None, phone="12345").full_clean()


def test_invalid_email_is_refused():
    with pytest.raises(ValidationError, match="email"):
        PersonFactory.build(organization=None, email="not-an-address").full_clean()


def test_consent_as_legal_basis_needs_the_date_it_was_given():
    person = PersonFactory.build(organization=None, legal_basis="consent")
    with pytest.raises(ValidationError, match="consent was given"):
        person.full_clean()


def test_roles_and_languages_are_the_seeded_fixed_lists():
    assert Role.objects.count() == 10
    assert Language.objects.filter(code__in=["ar", "fr", "en", "pt", "es", "sw"]).count() == 6
    person = PersonFactory()
    person.roles.add("prosecutor")
    person.languages.add("ar", "fr")
    assert str(Role.objects.get(code="prosecutor")) == "Prosecutor"
    assert str(Language.objects.get(code="ar")) == "Arabic (ar)"
    assert set(Person.objects.filter(roles="prosecutor", languages="fr")) == {person}


def test_person_changes_are_kept_in_history():
    person = PersonFactory(job_title="Prosecutor")
    person.job_title = "Senior prosecutor"
    person.save()
    assert [h.job_title for h in person.history.all()] == ["Senior prosecutor", "Prosecutor"]


def test_lookup_log_cannot_be_changed_once_written(member_ke):
    entry = LookupLog.objects.create(viewer=member_ke, person=PersonFactory(), action="viewed")
    entry.action = "downloaded"
    with pytest.raises(ValidationError, match="cannot be changed"):
        entry.save()
