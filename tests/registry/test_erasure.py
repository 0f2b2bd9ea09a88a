"""Erasure on request: a canary in every text field of a person, their login, history, participations, designations,
look-ups, exports, progress updates, reminders and logs; after erasure no table of the database holds it, and the
registry's facts still add up."""

from datetime import date
from io import StringIO

import pytest
from axes.models import AccessAttempt
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection

from contacts.models import ExportLog, FocalPoint, LookupLog, Person
from core.models import OutboundEmail, SecurityEvent
from events.models import Participation
from recommendations.models import FollowUp, ProgressUpdate
from recommendations.services import record_progress
from registry.erasure import erase_person
from tests.factories import (
    EventFactory,
    FocalPointFactory,
    FollowUpFactory,
    ParticipationFactory,
    PersonFactory,
    ReminderFactory,
    UserFactory,
)
from tests.signin import sign_in_with_second_factor

CANARY = "qjwcanary"
CANARY_PHONE = "+21670888111"


def scan_database() -> list[str]:
    """Every table and column of the database where the canary (any case) or the canary phone appears."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - our own table names
            columns = [column[0] for column in cursor.description]
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    text = str(value).lower() if value is not None else ""
                    if CANARY in text or CANARY_PHONE[4:] in text:
                        found.append(f"{table}.{column}")
    return sorted(set(found))


@pytest.fixture
def canary(db, settings, tmp_path, coordinator_eg):
    """A person whose every text field holds the canary, with a login and traces everywhere."""
    settings.MEDIA_ROOT = settings.SENDFILE_ROOT = str(tmp_path)
    login = UserFactory(username=f"{CANARY}-login", first_name=CANARY, last_name=CANARY, groups=["network member"])
    login.groups.add(*coordinator_eg.groups.all())
    person = PersonFactory(
        honorific=f"Dr {CANARY}",
        given_name=f"{CANARY.capitalize()}given",
        family_name=f"{CANARY.capitalize()}family",
        other_spellings=f"{CANARY} spelling\n{CANARY} arabic",
        job_title=f"{CANARY} prosecutor",
        email=f"{CANARY}@example.org",
        phone=CANARY_PHONE,
        secure_channel_note=f"{CANARY} signal",
        consent_note=f"{CANARY} consent",
        legal_basis="consent",
        consent_recorded_on=date(2025, 1, 1),
        country="EG",
        user=login,
    )
    person.job_title = f"Chief {CANARY} prosecutor"  # a second version in the history
    person.save()
    event = EventFactory()
    ParticipationFactory(event=event, person=person)
    ParticipationFactory(event=event)
    FocalPointFactory(person=person, country="EG")
    follow_up = FollowUpFactory(country="EG", coordinator=person)
    record_progress(
        follow_up,
        login,
        "in_progress",
        f"Reported by {CANARY.capitalize()}given",
        evidence_file=SimpleUploadedFile(f"{CANARY}.pdf", b"%PDF-1.4\n%%EOF\n"),
    )
    ReminderFactory(follow_up=follow_up, recipient=person, last_error=f"550 {CANARY}@example.org unknown")
    LookupLog.objects.create(viewer=coordinator_eg, person=person, action="api", token_name="tool")
    LookupLog.objects.create(viewer=login, person=PersonFactory(), action="viewed")
    ExportLog.objects.create(user=coordinator_eg, what=f"people (q={CANARY})", file_format="csv", row_count=1)
    SecurityEvent.objects.create(kind="login_failed", username=f"{CANARY}-login", detail=f"{CANARY}")
    AccessAttempt.objects.create(username=f"{CANARY}-login", ip_address="198.51.100.7", failures_since_start=1)
    OutboundEmail.objects.create(
        key="alert", kind="contact_reads", recipients=["a@example.org"], subject=f"{CANARY}-login read", body=CANARY
    )
    LogEntry.objects.create(
        user=coordinator_eg,
        content_type=ContentType.objects.get_for_model(Person),
        object_id=str(person.pk),
        object_repr=str(person),
        action_flag=CHANGE,
        change_message="[]",
    )
    from contacts import reconfirmation
    from contacts.models import Correction

    reconfirmation.ask(person, "2026")  # a request e-mail, addressed to them and naming them
    Correction.objects.create(person=person, proposed={"job_title": f"{CANARY} head"})
    assert scan_database()  # the canary is there to be found before
    return person


def test_after_erasure_no_table_holds_the_canary(canary, superuser):
    erase_person(canary, by=superuser)
    assert scan_database() == []


def test_the_registry_s_facts_stay_true(canary, superuser):
    event_participants = Participation.objects.filter(event__participations__person=canary).count()
    erase_person(canary, by=superuser)
    placeholder = Person.objects.get(pk=canary.pk)
    assert str(placeholder) == f"Erased person #{canary.pk}"
    assert (placeholder.user, placeholder.visibility, placeholder.active) == (None, "unlisted", False)
    assert Participation.objects.filter(event__participations__person=placeholder).count() == event_participants
    assert FocalPoint.objects.get(person=placeholder).valid_until == date.today()
    assert FollowUp.objects.get(coordinator=placeholder)
    update = ProgressUpdate.objects.get()
    assert update.status_after == "in_progress" and update.evidence_file  # kept, the author's login closed
    assert not update.author.is_active and update.author.username == f"erased-{update.author.pk}"
    assert not Person.history.filter(id=canary.pk).exists()
    event = SecurityEvent.objects.get(kind="person_erased")
    assert (event.actor, event.detail) == (superuser, f"person #{canary.pk} (admin)")


def test_only_a_superuser_erases(canary, staff):
    with pytest.raises(Exception, match="superuser"):
        erase_person(canary, by=staff)
    assert Person.objects.get(pk=canary.pk).family_name == f"{CANARY.capitalize()}family"


def test_the_command_needs_confirm(canary):
    with pytest.raises(CommandError, match="--confirm"):
        call_command("erase_person", canary.pk)
    assert Person.objects.get(pk=canary.pk).email
    call_command("erase_person", canary.pk, "--confirm", stdout=StringIO())
    assert scan_database() == []


@pytest.fixture
def superuser(db):
    return UserFactory(is_staff=True, is_superuser=True)


def erase_in_admin(client, person, **extra):
    data = {"action": "erase", "_selected_action": [person.pk], **extra}
    return client.post("/admin/contacts/person/", data)


def test_a_superuser_erases_from_the_admin_after_typing_the_name(client, canary, superuser):
    sign_in_with_second_factor(client, superuser)
    page = erase_in_admin(client, canary)
    assert "1 progress update they wrote is kept" in page.content.decode()
    wrong = erase_in_admin(client, canary, confirm_name="someone else")
    assert "does not match" in wrong.content.decode()
    assert Person.objects.get(pk=canary.pk).email  # nothing erased yet
    erase_in_admin(client, canary, confirm_name=canary.full_name)
    assert scan_database() == []


def test_staff_are_not_offered_the_erasure(staff_client, canary):
    page = staff_client.get("/admin/contacts/person/").content.decode()
    assert 'value="erase"' not in page
    erase_in_admin(staff_client, canary, confirm_name=canary.full_name)
    assert Person.objects.get(pk=canary.pk).email


def test_an_erasure_interrupted_halfway_changes_nothing(canary, superuser, monkeypatch):
    import registry.erasure

    def fail(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(registry.erasure, "anonymise_logs", fail)  # after the person is scrubbed, before the end
    with pytest.raises(RuntimeError):
        erase_person(canary, by=superuser)
    person = Person.objects.get(pk=canary.pk)
    assert person.email == f"{CANARY}@example.org" and person.user is not None
    assert Person.history.filter(id=canary.pk).exists()
    assert not SecurityEvent.objects.filter(kind="person_erased").exists()


def test_erasure_also_purges_the_histories_of_records_merged_into_theirs(canary, superuser):
    from registry.merge import merge_people

    twice = PersonFactory(given_name="Other", family_name="Spelling", email=f"old.{CANARY}@example.org", country="EG")
    twice.job_title = f"{CANARY} deputy"  # a second version in the duplicate's own history
    twice.save()
    earlier = PersonFactory(given_name="Third", family_name=f"{CANARY}-record", country="EG")
    merge_people(twice, [earlier], by=superuser)  # merged into the duplicate, before the duplicate is merged in turn
    merge_people(canary, [twice], by=superuser)
    erase_person(canary, by=superuser)
    assert scan_database() == []
