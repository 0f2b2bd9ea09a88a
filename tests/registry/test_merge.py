"""Merging duplicate people keeps every relation; possible duplicates are found for staff."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contacts.duplicates import possible_duplicates
from contacts.models import FocalPoint, Language, LookupLog, Person, Role
from events.models import Participation
from recommendations.models import FollowUp, Reminder
from registry.merge import merge_people, merged_records, merged_with_reason
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
    duplicate_id = duplicate.pk

    merge_people(survivor, [survivor, duplicate], by=staff)

    assert not Person.objects.filter(pk=duplicate_id).exists()
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
    assert not survivor.history.filter(job_title="Changed once").exists()  # the duplicate's history stays its own
    assert Person.history.filter(id=duplicate_id, job_title="Changed once").exists()


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


def test_every_moved_row_with_history_gets_an_entry_naming_the_merge_and_who_merged(pair, staff):
    survivor, duplicate = pair
    participation = ParticipationFactory(person=duplicate)
    designation = FocalPointFactory(person=duplicate)
    follow_up = FollowUpFactory(coordinator=duplicate)
    duplicate_id = duplicate.pk

    merge_people(survivor, [duplicate], by=staff)

    reason = f"moved from #{duplicate_id} by merge into #{survivor.pk}"
    for row in (participation, designation, follow_up):
        latest = row.history.latest()
        assert (latest.history_type, latest.history_change_reason, latest.history_user) == ("~", reason, staff)
        assert latest.instance.pk == row.pk
    assert participation.history.latest().person_id == survivor.pk
    assert designation.history.earliest().person_id == duplicate_id  # the entry before the merge is unchanged


def test_a_doubled_participation_is_dropped_with_a_deletion_entry(pair, staff):
    survivor, duplicate = pair
    event = EventFactory()
    ParticipationFactory(event=event, person=survivor)
    doubled = ParticipationFactory(event=event, person=duplicate)
    merge_people(survivor, [duplicate], by=staff)
    entry = Participation.history.filter(id=doubled.pk).latest()
    assert (entry.history_type, entry.history_user) == ("-", staff)
    assert entry.history_change_reason == f"already recorded for #{survivor.pk}, dropped by merge"


def test_the_survivor_keeps_its_own_history_with_one_merge_entry(pair, staff):
    survivor, duplicate = pair
    third = PersonFactory(given_name="Muhammad", family_name="Abd El Fattah", country="EG")
    before = list(survivor.history.order_by("history_date").values_list("history_id", flat=True))
    ids = [duplicate.pk, third.pk]

    merge_people(survivor, [duplicate, third], by=staff)

    entries = list(survivor.history.order_by("history_date"))
    assert [entry.history_id for entry in entries[:-1]] == before  # nothing of the duplicates' history was added
    assert (entries[-1].history_change_reason, entries[-1].history_user) == (
        f"merged with #{ids[0]}, #{ids[1]}",
        staff,
    )
    assert {entry.id for entry in Person.history.filter(id__in=ids)} == set(ids)


def test_each_duplicate_s_history_ends_with_its_deletion_into_the_survivor(pair, staff):
    survivor, duplicate = pair
    duplicate.job_title = "Changed once"
    duplicate.save()
    duplicate_id = duplicate.pk
    merge_people(survivor, [duplicate], by=staff)
    entries = list(Person.history.filter(id=duplicate_id).order_by("history_date"))
    assert [entry.history_type for entry in entries] == ["+", "~", "-"]
    assert (entries[-1].history_change_reason, entries[-1].history_user) == (f"merged into #{survivor.pk}", staff)


def test_the_moved_login_is_not_shown_still_held_by_the_deleted_duplicate(pair, staff):
    survivor, duplicate = pair
    duplicate.user = UserFactory()
    duplicate.save()
    duplicate_id = duplicate.pk
    merge_people(survivor, [duplicate], by=staff)
    assert Person.history.filter(id=duplicate_id).latest().user_id is None


def test_a_merge_of_many_records_fits_the_history_s_reason_column():
    reason = merged_with_reason(list(range(100_000, 100_040)))
    assert len(reason) <= 100
    assert reason.startswith("merged with #100000, #100001") and reason.endswith("(40 records)")


def test_merged_records_follows_a_record_merged_into_one_merged_later(staff):
    first, second, third = PersonFactory(), PersonFactory(), PersonFactory()
    ids = first.pk, second.pk
    merge_people(second, [first], by=staff)
    merge_people(third, [second], by=staff)
    assert [entry.id for entry in merged_records(third.pk)] == [ids[1], ids[0]]
    assert merged_records(ids[0]) == []


def test_a_failed_merge_changes_nothing_history_included(pair, staff, monkeypatch):
    import registry.merge

    survivor, duplicate = pair
    designation = FocalPointFactory(person=duplicate)
    entries = Person.history.count(), FocalPoint.history.count()

    def fail(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(registry.merge, "unite_details", fail)  # after the rows moved, before the deletions
    with pytest.raises(RuntimeError):
        merge_people(survivor, [duplicate], by=staff)
    assert FocalPoint.objects.get(pk=designation.pk).person_id == duplicate.pk
    assert (Person.history.count(), FocalPoint.history.count()) == entries


def merge_queries(staff, rows: int) -> int:
    survivor, duplicate = PersonFactory(), PersonFactory()
    for _ in range(rows):
        ParticipationFactory(person=duplicate)
        FocalPointFactory(person=duplicate)
        follow_up = FollowUpFactory(coordinator=duplicate)
        ReminderFactory(recipient=duplicate, follow_up=follow_up)
        LookupLogFactory(person=duplicate)
    with CaptureQueriesContext(connection) as queries:
        merge_people(survivor, [duplicate], by=staff)
    return len(queries)


def test_a_merge_costs_the_same_queries_for_one_moved_row_or_many(staff):
    assert merge_queries(staff, 1) == merge_queries(staff, 6)


def test_the_survivor_s_history_page_links_the_merged_records_histories(staff_client, pair, staff):
    survivor, duplicate = pair
    duplicate.job_title = "Changed once"
    duplicate.save()
    duplicate_id = duplicate.pk
    merge_people(survivor, [duplicate], by=staff)
    page = staff_client.get(reverse("admin:contacts_person_history", args=[survivor.pk])).content.decode()
    assert "Records merged into this one" in page
    assert reverse("admin:contacts_person_history", args=[duplicate_id]) in page
    assert f"merged with #{duplicate_id}" in page
    merged_page = staff_client.get(reverse("admin:contacts_person_history", args=[duplicate_id]))
    assert merged_page.status_code == 200
    assert f"merged into #{survivor.pk}" in merged_page.content.decode()
    assert "Changed once" in merged_page.content.decode()
