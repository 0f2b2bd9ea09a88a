"""Re-confirmation: a request in the person's language with a signed link, and its three answers."""

import re
from datetime import date, timedelta
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from contacts import reconfirmation
from contacts.choices import EmailLanguage
from contacts.models import Correction, ErasureRequest, Person
from tests.factories import FocalPointFactory, PersonFactory
from tests.signin import sign_in_with_second_factor


@pytest.fixture
def person(db):
    person = PersonFactory(given_name="Amina", family_name="Example", email="amina@example.org", country="TN")
    FocalPointFactory(person=person, country="TN")
    return person


def without_csrf(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def asked(person, period: str = "2026") -> str:
    """The path of the link the request e-mail carries."""
    reconfirmation.ask(person, period)
    return re.search(
        r"https?://\S+(/reconfirm/\S+/)", reconfirmation.link(person.reconfirmations.get(period=period))
    ).group(1)


def test_staff_send_a_request_now_in_the_persons_language(
    staff_client, person, eager_celery, django_capture_on_commit_callbacks
):
    person.preferred_language = "fr"
    person.save()
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            reverse("admin:contacts_person_changelist"), {"action": "ask_to_reconfirm", "_selected_action": [person.pk]}
        )
    [message] = mail.outbox
    assert message.to == ["amina@example.org"]
    assert "registre" in message.body.lower()  # French
    assert "/reconfirm/" in message.body


def test_one_request_per_period(person):
    assert reconfirmation.ask(person, "2026") is not None
    assert reconfirmation.ask(person, "2026") is None


def test_the_link_shows_the_details_and_these_are_right_stamps_today(client, person):
    path = asked(person)
    page = client.get(path).content.decode()
    assert "amina@example.org" in page and "MLA central authority" in page
    client.post(path, {"answer": "confirmed"})
    person.refresh_from_db()
    assert person.last_verified_on == date.today()


def test_a_link_is_answered_once(client, person):
    path = asked(person)
    client.post(path, {"answer": "confirmed"})
    again = client.post(path, {"answer": "removal"})
    assert again.status_code == 400
    assert "already been used" in again.content.decode()
    assert not ErasureRequest.objects.exists()


def test_remove_me_files_an_erasure_request(client, person):
    client.post(asked(person), {"answer": "removal"})
    assert ErasureRequest.objects.get().person == person
    assert Person.objects.get(pk=person.pk).email  # nothing erased until staff decide


def test_corrections_wait_for_staff_and_are_applied_on_approval(client, staff, person):
    path = asked(person)
    form = client.get(f"{path}correct/")
    assert form.status_code == 200
    data = {"given_name": "Amina", "family_name": "Example", "email": "amina.new@example.org", "phone": ""}
    client.post(f"{path}correct/", {**data, "job_title": "Chief prosecutor"})
    person.refresh_from_db()
    assert person.email == "amina@example.org"  # nothing applied yet
    correction = Correction.objects.get()
    assert correction.proposed == {"email": "amina.new@example.org", "job_title": "Chief prosecutor"}
    sign_in_with_second_factor(client, staff)
    page = client.get(reverse("admin:contacts_correction_change", args=[correction.pk])).content.decode()
    assert "amina@example.org" in page and "amina.new@example.org" in page  # side by side
    client.post(
        reverse("admin:contacts_correction_changelist"), {"action": "approve", "_selected_action": [correction.pk]}
    )
    person.refresh_from_db()
    assert (person.email, person.job_title, person.last_verified_on) == (
        "amina.new@example.org",
        "Chief prosecutor",
        date.today(),
    )


def test_a_correction_with_an_invalid_e_mail_or_phone_is_refused_field_by_field(client, person):
    path = asked(person)
    data = {"given_name": "Amina", "family_name": "Example", "email": "not-an-address", "phone": "12"}
    page = client.post(f"{path}correct/", data).content.decode()
    assert "Enter a valid email address" in page
    assert "Enter a valid phone number" in page
    assert not Correction.objects.exists()
    assert person.reconfirmations.get().answered_at is None  # the link still works


def test_an_expired_or_altered_link_changes_nothing_and_offers_a_new_one(client, person):
    path = asked(person)
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        expired = client.post(path, {"answer": "confirmed"})
    assert expired.status_code == 400 and "expired" in expired.content.decode()
    altered = client.post(path.replace("/reconfirm/", "/reconfirm/x"), {"answer": "confirmed"})
    assert altered.status_code == 400 and "not valid" in altered.content.decode()
    assert "Send me a new link" in altered.content.decode()
    person.refresh_from_db()
    assert person.last_verified_on is None


def test_a_new_link_answers_alike_for_any_address(client, person, eager_celery, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(reverse("contacts:reconfirm_new"), {"email": "AMINA@example.org"})
        unknown = client.post(reverse("contacts:reconfirm_new"), {"email": "nobody@example.org"})
    assert without_csrf(known) == without_csrf(unknown)
    assert [message.to for message in mail.outbox] == [["amina@example.org"]]


@pytest.fixture
def lapsed(db):
    """Verified 13 months ago, listed for the network."""
    return PersonFactory(email="lapsed@example.org", last_verified_on=date.today() - timedelta(days=395))


def test_the_yearly_request_goes_to_lapsed_people_only(lapsed, eager_celery, django_capture_on_commit_callbacks):
    PersonFactory(email="recent@example.org", last_verified_on=date.today() - timedelta(days=300))
    PersonFactory(email="", last_verified_on=None)  # nobody to write to
    with django_capture_on_commit_callbacks(execute=True):
        result = reconfirmation.sweep()
    assert result.asked == [lapsed]
    assert [message.to for message in mail.outbox] == [["lapsed@example.org"]]


def test_nothing_is_sent_twice_over_two_sweeps(lapsed, eager_celery, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        reconfirmation.sweep()
        reconfirmation.sweep()
    assert len(mail.outbox) == 1


def test_a_dry_run_lists_and_writes_nothing(lapsed):
    out = StringIO()
    call_command("send_reconfirmations", "--dry-run", stdout=out)
    assert f"#{lapsed.pk} {lapsed}" in out.getvalue() and "would ask: 1" in out.getvalue()
    assert not lapsed.reconfirmations.exists()


def test_one_reminder_after_30_days_then_hidden_60_days_later(
    client, lapsed, member_ke, staff, eager_celery, django_capture_on_commit_callbacks
):
    Person.objects.exclude(pk=lapsed.pk).update(last_verified_on=date.today())  # the cast: freshly verified
    start = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        reconfirmation.sweep()
        with time_machine.travel(start + timedelta(days=31)):
            assert reconfirmation.sweep().reminded == [lapsed]
            assert reconfirmation.sweep().reminded == []  # one reminder only
        with time_machine.travel(start + timedelta(days=31 + 61)):
            assert reconfirmation.sweep().hidden == [lapsed]
    assert [message.subject.startswith("Reminder") for message in mail.outbox] == [False, True]
    assert "/reconfirm/" in mail.outbox[1].body  # a fresh link
    lapsed.refresh_from_db()
    assert lapsed.pending_reconfirmation
    client.force_login(member_ke)
    assert client.get(reverse("contacts:person", args=[lapsed.pk])).status_code == 404  # hidden from members
    sign_in_with_second_factor(client, staff)
    assert client.get(reverse("contacts:person", args=[lapsed.pk])).status_code == 200  # staff still see them


def test_a_portuguese_speaker_gets_the_request_and_its_reminder_in_portuguese(
    lapsed, eager_celery, django_capture_on_commit_callbacks
):
    lapsed.preferred_language = "pt"
    lapsed.save()
    start = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        reconfirmation.sweep()
        with time_machine.travel(start + timedelta(days=31)):
            assert reconfirmation.sweep().reminded == [lapsed]
    request, reminder = mail.outbox
    assert request.subject == "Os seus dados no registo de cooperação continuam corretos?"
    assert reminder.subject == "Lembrete: os seus dados no registo de cooperação continuam corretos?"
    for message in (request, reminder):
        assert "contra o tráfico de pessoas e o tráfico ilícito de migrantes" in message.body
        assert "é válida durante 30 dias" in message.body and "/reconfirm/" in message.body


def test_every_language_of_the_site_is_an_e_mail_language(settings):
    assert {code for code, _name in settings.LANGUAGES} <= set(EmailLanguage.values)


def test_staff_get_a_weekly_digest_of_hidden_people(staff, eager_celery, django_capture_on_commit_callbacks):
    hidden = PersonFactory(family_name="Silent", pending_reconfirmation=True)
    with django_capture_on_commit_callbacks(execute=True):
        assert reconfirmation.weekly_digest()
        assert not reconfirmation.weekly_digest()  # once a week
    [message] = mail.outbox
    assert message.to == [staff.email]
    assert f"#{hidden.pk}" in message.body and "1 people are hidden" in message.body


def test_confirming_brings_a_hidden_person_back(client, lapsed):
    lapsed.pending_reconfirmation = True
    lapsed.save()
    path = asked(lapsed)
    client.post(path, {"answer": "confirmed"})
    lapsed.refresh_from_db()
    assert not lapsed.pending_reconfirmation and lapsed.last_verified_on == date.today()


def test_asking_for_a_new_link_does_the_same_work_for_a_known_and_an_unknown_address(client, person, settings):
    """The look-up happens in the task, so the page cannot tell (by its queries, hence its time) who is listed."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from registry.celery import app

    eager, broker = app.conf.task_always_eager, app.conf.broker_url
    app.conf.task_always_eager = False
    if not settings.REDIS_URL:
        app.conf.broker_url = "memory://"
    try:
        counts = []
        for email in ("amina@example.org", "nobody@example.org"):
            with CaptureQueriesContext(connection) as queries:
                client.post(reverse("contacts:reconfirm_new"), {"email": email})
            counts.append([query["sql"].split(" FROM ")[-1][:40] for query in queries])
        assert counts[0] == counts[1]
        assert not any("contacts_person" in table for table in counts[0])
    finally:
        app.control.purge()
        app.conf.task_always_eager, app.conf.broker_url = eager, broker
