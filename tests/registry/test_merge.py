"""Merging duplicate people keeps every relation; possible duplicates are found for staff."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from contacts.duplicates import possible_duplicates
from contacts.models import FocalPoint, Language, LookupLog, Person, Role
from events.models import Participation
from recommendations.models import FollowUp, Reminder
from registry.merge import merge_people
from tests.factories import (
    EventFactory,
    FocalPointFactory,
    FollowUpFactory,
    LookupLogFactory,
    ParticipationFactory,
    PersonFactory,
    ReminderFactory,
    UserFactory,
)


@pytest.fixture
def pair(db):
    survivor = PersonFactory(given_name="Mohamed", family_name="Abdel Fattah", country="EG", phone="")
    duplicate = PersonFactory(
        given_name="Mohammed", family_name="Abdelfattah", country="EG", phone="+20234567890", email="m.af@example.org"
    )
    duplicate.roles.add(Role.objects.get(code="prosecutor"))
    duplicate.languages.add(Language.objects.get(code="ar"))
    return survivor, duplicate


def test_merge_keeps_every_relation(pair, staff):
    survivor, duplicate = pair
    both, only_duplicate = EventFactory(), EventFactory()
    ParticipationFactory(event=both, person=survivor)
    ParticipationFactory(event=both, person=duplicate)
    ParticipationFactory(event=only_duplicate, person=duplicate)
    designation = FocalPointFactory(person=duplicate)
    follow_up = FollowUpFactory(coordinator=duplicate)
    reminder = ReminderFactory(recipient=duplicate, follow_up=follow_up)
    look_up = LookupLogFactory(person=duplicate)
    duplicate.job_title = "Changed once"
    duplicate.save()

    merge_people(survivor, [survivor, duplicate], by=staff)

    assert not Person.objects.filter(pk=duplicate.pk).exists()
    assert sorted(Participation.objects.filter(person=survivor).values_list("event_id", flat=True)) == sorted(
        [both.pk, only_duplicate.pk]
    )  # one attendance per event: none lost, none doubled
    assert FocalPoint.objects.get(pk=designation.pk).person == survivor
    assert FollowUp.objects.get(pk=follow_up.pk).coordinator == survivor
    assert Reminder.objects.get(pk=reminder.pk).recipient == survivor
    assert LookupLog.objects.get(pk=look_up.pk).person == survivor
    survivor.refresh_from_db()
    assert list(survivor.roles.values_list("code", flat=True)) == ["prosecutor"]
    assert str(survivor.phone) == "+20234567890"
    assert "Mohammed Abdelfattah" in survivor.other_spellings
    assert survivor.history.filter(job_title="Changed once").exists()  # the duplicate's history moved too


def test_merge_refuses_two_logins_and_changes_nothing(pair, staff):
    survivor, duplicate = pair
    survivor.user, duplicate.user = UserFactory(), UserFactory()
    survivor.save()
    duplicate.save()
    with pytest.raises(ValidationError):
        merge_people(survivor, [duplicate], by=staff)
    assert Person.objects.filter(pk=duplicate.pk).exists()


def test_the_duplicates_login_moves_to_the_survivor(pair, staff):
    survivor, duplicate = pair
    duplicate.user = UserFactory()
    duplicate.save()
    login = duplicate.user
    merge_people(survivor, [duplicate], by=staff)
    survivor.refresh_from_db()
    assert survivor.user == login


def test_possible_duplicates_by_name_and_country_or_email(db):
    first = PersonFactory(given_name="Leïla", family_name="Ben Salah", country="TN", email="a@example.org")
    second = PersonFactory(given_name="Leila", family_name="Ben-Salah", country="TN", email="b@example.org")
    PersonFactory(given_name="Leila", family_name="Ben Salah", country="MA", email="c@example.org")
    third = PersonFactory(given_name="Sami", family_name="Gharbi", email="A@example.org")
    groups = [{person.pk for person in group} for group in possible_duplicates()]
    assert {first.pk, second.pk} in groups
    assert {first.pk, third.pk} in groups
    assert len(groups) == 2


def test_staff_merge_from_the_admin_after_picking_the_survivor(staff_client, pair):
    survivor, duplicate = pair
    changelist = reverse("admin:contacts_person_changelist")
    selected = {"action": "merge", "_selected_action": [survivor.pk, duplicate.pk]}
    page = staff_client.post(changelist, selected)
    assert page.status_code == 200 and 'name="survivor"' in page.content.decode()
    response = staff_client.post(changelist, {**selected, "survivor": duplicate.pk})
    assert response.status_code == 302
    assert list(Person.objects.filter(pk__in=[survivor.pk, duplicate.pk])) == [duplicate]


def test_possible_duplicates_filter_in_the_admin(staff_client, pair):
    survivor, duplicate = pair
    duplicate.given_name, duplicate.family_name = "Mohamed", "Abdel-Fattah"
    duplicate.save()
    response = staff_client.get(reverse("admin:contacts_person_changelist") + "?duplicates=yes")
    assert {person.pk for person in response.context["cl"].result_list} == {survivor.pk, duplicate.pk}
