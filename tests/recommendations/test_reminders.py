"""The reminder sweep's rules, the digest, and what happens when mail cannot go out."""

import logging
import socket
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from contacts.choices import Mandate
from core.models import OutboundEmail
from recommendations import delivery, reminders
from recommendations.models import FollowUp, Reminder
from tests.factories import FocalPointFactory, FollowUpFactory, PersonFactory, UserFactory
from tests.services import needs_postgres

TODAY = timezone.localdate()  # the command under test sweeps for the real today
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]


def designated(country: str = "EG", mandate: str = Mandate.SOM_FOCAL_POINT, **fields):
    """A person holding a current designation for ``country``: follow-ups naming them remind them."""
    person = PersonFactory(country=country, **fields)
    FocalPointFactory(person=person, country=country, mandate=mandate)
    return person


def follow_up(days_to_due: int | None = None, **fields):
    due = TODAY + timedelta(days=days_to_due) if days_to_due is not None else None
    fields.setdefault("assigned_on", TODAY - timedelta(days=10))
    if "coordinator" not in fields:
        fields["coordinator"] = designated(fields.get("country", "EG"))
    return FollowUpFactory(due_date=due, **fields)


def kinds(item, today=TODAY) -> list[str]:
    return [kind for kind, _period in reminders.due_reminders(item, today)]


def send_all() -> int:
    return sum(len(delivery.send_digest(recipient_id)) for recipient_id in reminders.sweep(TODAY).recipients)


def age(rows, **seconds_ago) -> None:
    """Move the rows' times into the past, as if the clock had run on."""
    now = timezone.now()
    rows.update(**{name: now - timedelta(seconds=seconds) for name, seconds in seconds_ago.items()})


# --- What is due


@pytest.mark.parametrize(
    ("days_to_due", "expected"), [(15, []), (14, ["due_soon"]), (1, ["due_soon"]), (0, ["due_soon"])]
)
def test_due_soon_only_within_the_window(days_to_due, expected):
    assert kinds(follow_up(days_to_due)) == expected


def test_overdue_the_day_after_then_weekly():
    item = follow_up(-1)
    first = reminders.due_reminders(item, TODAY)
    assert [kind for kind, _ in first] == ["overdue"]
    assert reminders.due_reminders(item, TODAY + timedelta(days=6)) == first  # same week: the same period
    next_week = reminders.due_reminders(item, TODAY + timedelta(days=7))
    assert next_week[0][0] == "overdue" and next_week != first


def test_no_update_after_the_threshold_since_assignment_or_last_progress():
    quiet = follow_up(None, assigned_on=TODAY - timedelta(days=90))
    assert kinds(quiet) == ["no_update"]
    assert kinds(follow_up(None, assigned_on=TODAY - timedelta(days=89))) == []
    assert kinds(follow_up(None, assigned_on=TODAY - timedelta(days=200), last_progress_on=TODAY)) == []


@pytest.mark.parametrize("status", ["implemented", "not_applicable"])
def test_closed_follow_ups_get_no_reminders(status):
    follow_up(-30, status=status, assigned_on=TODAY - timedelta(days=400))
    assert reminders.sweep(TODAY).written == 0


def test_a_second_sweep_writes_nothing():
    follow_up(-3)
    follow_up(5)
    assert reminders.sweep(TODAY).written == 2
    assert reminders.sweep(TODAY).written == 0
    assert Reminder.objects.count() == 2


def test_the_query_count_is_constant_per_chunk_whatever_the_rows(monkeypatch):
    monkeypatch.setattr(reminders, "CHUNK_SIZE", 10)
    coordinator = designated()

    def queries_of_a_sweep(follow_ups: int) -> int:
        Reminder.objects.all().delete()
        FollowUp.objects.all().delete()
        for _ in range(follow_ups):
            follow_up(-3, coordinator=coordinator)
        with CaptureQueriesContext(connection) as queries:
            assert reminders.sweep(TODAY).written == follow_ups
        return len(queries)

    one_chunk, two_chunks, four_chunks = queries_of_a_sweep(10), queries_of_a_sweep(20), queries_of_a_sweep(40)
    per_chunk = two_chunks - one_chunk
    assert 0 < per_chunk <= 4
    assert four_chunks == one_chunk + 3 * per_chunk


# --- Who is reminded


def test_reminders_go_to_the_national_coordinator_when_the_follow_up_names_nobody():
    national = designated("KE", Mandate.TIP_COORDINATOR, email="national@example.org")
    follow_up(-3, country="KE", coordinator=None)
    assert send_all() == 1
    assert mail.outbox[0].to == ["national@example.org"]
    assert Reminder.objects.get().recipient == national


def test_a_named_person_is_reminded_only_while_active_and_designated():
    designated("KE", Mandate.TIP_COORDINATOR, email="national@example.org")
    undesignated = PersonFactory(country="KE", email="undesignated@example.org")
    inactive = designated("KE", email="inactive@example.org", active=False)
    named = designated("KE", email="named@example.org")
    for person in (undesignated, inactive, named):
        follow_up(-3, country="KE", coordinator=person)
    send_all()
    assert sorted(message.to[0] for message in mail.outbox) == ["named@example.org", "national@example.org"]
    national_digest = next(message for message in mail.outbox if message.to == ["national@example.org"])
    assert "2 follow-up(s)" in national_digest.subject


def test_a_handover_moves_pending_reminders_to_the_successor_the_day_the_designation_ends(
    django_capture_on_commit_callbacks,
):
    former = PersonFactory(country="KE", email="former@example.org")
    ended = FocalPointFactory(person=former, country="KE", mandate=Mandate.TIP_COORDINATOR)
    follow_up(-3, country="KE", coordinator=None)
    assert reminders.sweep(TODAY).written == 1
    assert Reminder.objects.get().recipient == former

    ended.valid_from, ended.valid_until = TODAY - timedelta(days=400), TODAY - timedelta(days=1)
    ended.save()
    FocalPointFactory(
        person=PersonFactory(country="KE", email="successor@example.org"),
        country="KE",
        mandate=Mandate.TIP_COORDINATOR,
        valid_from=TODAY,
    )
    with django_capture_on_commit_callbacks(execute=True):
        delivery.send_digest(former.pk)  # the send checks again, and hands the row over
    assert [message.to for message in mail.outbox] == [["successor@example.org"]]
    assert Reminder.objects.get().status == "sent"


def test_the_sweep_moves_pending_rows_of_an_ended_designation():
    former = designated("KE", Mandate.TIP_COORDINATOR)
    follow_up(-3, country="KE", coordinator=None)
    reminders.sweep(TODAY)
    former.designations.update(valid_from=TODAY - timedelta(days=9), valid_until=TODAY - timedelta(days=1))
    successor = designated("KE", Mandate.TIP_COORDINATOR)
    assert reminders.sweep(TODAY).moved == 1
    assert Reminder.objects.get().recipient == successor


@pytest.mark.parametrize(
    ("coordinators", "problem"),
    [
        (0, "no TIP national coordinator is designated"),
        (2, "several TIP national coordinators are designated; name one on the follow-up"),
    ],
)
def test_a_country_without_one_coordinator_is_a_problem_for_staff(coordinators, problem):
    for _ in range(coordinators):
        designated("TN", Mandate.TIP_COORDINATOR)
    follow_up(-3, country="TN", coordinator=None)
    result = reminders.sweep(TODAY)
    assert result.written == 0
    assert dict(result.problems) == {f"Tunisia: {problem}": 1}


# --- The digest


def test_one_digest_per_coordinator_listing_all_their_items():
    coordinator = designated(email="coord@example.org")
    other = designated(email="other@example.org")
    items = [
        follow_up(-3, coordinator=coordinator),
        follow_up(5, coordinator=coordinator),
        follow_up(2, coordinator=other),
    ]
    send_all()
    assert sorted(message.to[0] for message in mail.outbox) == ["coord@example.org", "other@example.org"]
    digest = next(message for message in mail.outbox if message.to == ["coord@example.org"])
    assert f"/follow-ups/{items[0].pk}/" in digest.body and f"/follow-ups/{items[1].pk}/" in digest.body
    assert f"/follow-ups/{items[2].pk}/" not in digest.body
    assert digest.alternatives[0].mimetype == "text/html"
    assert set(Reminder.objects.values_list("status", flat=True)) == {"sent"}


@pytest.mark.parametrize(
    ("language", "words", "direction"),
    [
        ("fr", "Cher", 'dir="ltr"'),
        ("ar", "الفعالية", 'dir="rtl"'),
        ("pt", "Caro(a)", 'dir="ltr"'),
        ("en", "Dear", 'dir="ltr"'),
    ],
)
def test_the_digest_speaks_the_coordinators_language(language, words, direction):
    follow_up(3, coordinator=designated(preferred_language=language))
    send_all()
    assert words in mail.outbox[0].body or words in mail.outbox[0].alternatives[0].content
    assert direction in mail.outbox[0].alternatives[0].content


def test_sending_again_finds_nothing_to_claim():
    follow_up(3)
    recipient_id = reminders.sweep(TODAY).recipients[0]
    assert len(delivery.send_digest(recipient_id)) == 1
    assert delivery.send_digest(recipient_id) == []
    assert len(mail.outbox) == 1


def test_a_digest_sent_again_after_a_crash_has_the_same_message_id():
    follow_up(3)
    follow_up(4)
    reminders.sweep(TODAY)
    rows = list(Reminder.objects.all())
    first = delivery.digest_message_id(rows)
    assert first == delivery.digest_message_id(list(reversed(rows)))
    assert first != delivery.digest_message_id(rows[:1])
    send_all()
    assert {message.extra_headers["Message-ID"] for message in mail.outbox} == {
        delivery.digest_message_id([row]) for row in rows
    }


# --- Honest states


class SilentBackend(EmailBackend):
    """A backend that raises nothing and sends nothing."""

    def send_messages(self, messages) -> int:
        return 0


class CrashingBackend(EmailBackend):
    def send_messages(self, messages) -> int:
        raise RuntimeError("the backend crashed")


def test_nothing_is_marked_sent_when_the_backend_reports_nothing_sent(settings):
    settings.EMAIL_BACKEND = "tests.recommendations.test_reminders.SilentBackend"
    follow_up(3)
    recipient_id = reminders.sweep(TODAY).recipients[0]
    with pytest.raises(delivery.DigestNotSent, match="no message sent"):
        delivery.send_digest(recipient_id)
    row = Reminder.objects.get()
    assert row.status == "pending" and row.sent_at is None and row.not_before > timezone.now()


@pytest.mark.parametrize("error", ["tests.recommendations.test_reminders.CrashingBackend", "time limit"])
def test_any_exception_releases_the_rows_for_a_retry_with_backoff(settings, monkeypatch, error):
    from celery.exceptions import SoftTimeLimitExceeded

    if error == "time limit":

        def hang(*args, **kwargs):
            raise SoftTimeLimitExceeded()

        monkeypatch.setattr(EmailBackend, "send_messages", hang)
    else:
        settings.EMAIL_BACKEND = error
    settings.REMINDER_RETRY_BACKOFF_SECONDS = 60
    follow_up(3)
    recipient_id = reminders.sweep(TODAY).recipients[0]
    with pytest.raises(delivery.DigestNotSent) as raised:
        delivery.send_digest(recipient_id)
    assert raised.value.retry_in == 60
    row = Reminder.objects.get()
    assert row.status == "pending" and row.attempts == 1
    assert 50 < (row.not_before - timezone.now()).total_seconds() <= 60
    assert delivery.send_digest(recipient_id) == []  # not before the backoff has passed


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens here once the probe closes


def test_smtp_refusal_returns_rows_to_pending_then_fails_them_after_the_last_attempt(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_port(), 2
    settings.REMINDER_MAX_ATTEMPTS = 2
    follow_up(3)
    recipient_id = reminders.sweep(TODAY).recipients[0]
    with pytest.raises(delivery.DigestNotSent) as first:
        delivery.send_digest(recipient_id)
    assert first.value.retry_in is not None
    assert Reminder.objects.get().status == "pending"
    Reminder.objects.update(not_before=timezone.now())
    with pytest.raises(delivery.DigestNotSent) as last:
        delivery.send_digest(recipient_id)
    assert last.value.retry_in is None
    row = Reminder.objects.get()
    assert (row.status, row.attempts) == ("failed", 2)
    assert "ConnectionRefusedError" in row.last_error


@pytest.mark.parametrize(("change", "reason"), [({"active": False}, "inactive"), ({"email": ""}, "no e-mail")])
def test_a_recipient_who_became_unreachable_gets_nothing_and_the_row_says_why(change, reason):
    coordinator = designated()
    follow_up(3, coordinator=coordinator)
    recipient_id = reminders.sweep(TODAY).recipients[0]
    type(coordinator).objects.filter(pk=coordinator.pk).update(**change)
    assert delivery.send_digest(recipient_id) == []
    row = Reminder.objects.get()
    assert row.status == "failed" and reason in row.last_error
    assert mail.outbox == []


def test_a_closed_follow_up_cancels_its_unsent_reminders():
    item = follow_up(3)
    reminders.sweep(TODAY)
    FollowUp.objects.filter(pk=item.pk).update(status="implemented")
    assert reminders.sweep(TODAY).cancelled == 1
    assert Reminder.objects.get().status == "cancelled"


def test_a_due_soon_reminder_that_never_went_out_becomes_the_overdue_one():
    item = follow_up(2)
    reminders.sweep(TODAY)
    Reminder.objects.update(status="failed", last_error="SMTP down")
    later = TODAY + timedelta(days=3)
    result = reminders.sweep(later)
    assert result.converted == 1 and result.written == 0
    row = Reminder.objects.get()
    assert (row.kind, row.period_key) == ("overdue", reminders.overdue_period(item.due_date, later))


# --- Recovery


def test_recovery_takes_back_expired_claims_and_requeues_forgotten_rows(settings):
    first, second, third = designated(), designated(), designated()
    for coordinator in (first, second, third):
        follow_up(3, coordinator=coordinator)
    reminders.sweep(TODAY)
    delivery.claim(first.pk)
    delivery.claim(second.pk)
    age(Reminder.objects.filter(recipient=first), claimed_at=settings.REMINDER_SENDING_LEASE_SECONDS + 1)
    age(Reminder.objects.filter(recipient=third), not_before=settings.REMINDER_FORGOTTEN_SECONDS + 1)
    recovery = delivery.recover()
    assert (recovery.reclaimed, recovery.requeued) == (1, 1)
    assert recovery.recipients == sorted([first.pk, third.pk])
    assert Reminder.objects.get(recipient=first).status == "pending"
    assert Reminder.objects.get(recipient=second).status == "sending"  # its sender may still be at work
    assert delivery.recover().recipients == []  # re-queued rows are not handed out again at once


def test_a_redelivered_task_waits_for_its_own_claim_then_takes_it_back(settings):
    coordinator = designated()
    follow_up(3, coordinator=coordinator)
    reminders.sweep(TODAY)
    delivery.claim(coordinator.pk)  # the first delivery claimed, then its worker died
    assert delivery.send_digest(coordinator.pk) == []
    wait = delivery.seconds_until_claim_expires(coordinator.pk)
    assert 0 < wait <= settings.REMINDER_SENDING_LEASE_SECONDS + 1
    age(Reminder.objects.all(), claimed_at=settings.REMINDER_SENDING_LEASE_SECONDS + 1)
    assert len(delivery.send_digest(coordinator.pk)) == 1
    assert Reminder.objects.get().attempts == 2


def test_the_last_attempt_lost_with_its_sender_fails_the_row(settings):
    settings.REMINDER_MAX_ATTEMPTS = 1
    coordinator = designated()
    follow_up(3, coordinator=coordinator)
    reminders.sweep(TODAY)
    delivery.claim(coordinator.pk)
    age(Reminder.objects.all(), claimed_at=settings.REMINDER_SENDING_LEASE_SECONDS + 1)
    assert delivery.recover().recipients == []
    assert Reminder.objects.get().status == "failed"


def test_failed_rows_are_retried_once_a_day_up_to_the_limit(settings):
    settings.REMINDER_DAILY_RETRIES = 2
    coordinator = designated(email="")
    follow_up(3, coordinator=coordinator)
    reminders.sweep(TODAY)
    assert Reminder.objects.get().status == "failed"
    assert reminders.sweep(TODAY).retried == 0  # not twice the same day
    tomorrow = reminders.sweep(TODAY + timedelta(days=1))
    assert tomorrow.problems and Reminder.objects.get().daily_retries == 1  # still no address: counted, reported

    type(coordinator).objects.filter(pk=coordinator.pk).update(email="found@example.org")
    in_two_days = reminders.sweep(TODAY + timedelta(days=2))
    assert in_two_days.retried == 1
    assert len(delivery.send_digest(coordinator.pk)) == 1
    assert mail.outbox[0].to == ["found@example.org"]


def test_a_failed_row_past_the_limit_is_left_for_staff(settings):
    settings.REMINDER_DAILY_RETRIES = 1
    follow_up(3, coordinator=designated(email=""))
    reminders.sweep(TODAY)
    Reminder.objects.update(daily_retries=1)
    assert reminders.sweep(TODAY + timedelta(days=1)).retried == 0
    row = Reminder.objects.get()
    assert (row.status, row.daily_retries, row.retried_on) == ("failed", 1, TODAY)


# --- Staff report


def test_problems_are_reported_to_staff_once_a_day_while_they_last(django_capture_on_commit_callbacks):
    UserFactory(email="staff@example.org", groups=["IOM staff"])
    follow_up(3, coordinator=designated(email="", family_name="Nomail"))
    follow_up(3, country="TN", coordinator=None)
    tomorrow = TODAY + timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.queue_staff_report(reminders.sweep(TODAY), TODAY)
        assert not reminders.queue_staff_report(reminders.sweep(TODAY), TODAY)  # once a day
        assert reminders.queue_staff_report(reminders.sweep(tomorrow), tomorrow)  # while it lasts
    reports = [message for message in mail.outbox if "could not be sent" in message.subject]
    assert len(reports) == 2 and reports[0].to == ["staff@example.org"]
    assert "Nomail: the coordinator has no e-mail address (1 reminder(s))" in reports[0].body
    assert "Tunisia: no TIP national coordinator is designated" in reports[0].body
    assert OutboundEmail.objects.filter(kind="reminder_report", status="sent").count() == 2


def test_the_sweep_task_queues_every_digest_before_the_report_and_the_mail_server_cannot_stop_it(
    settings, django_capture_on_commit_callbacks
):
    from recommendations.tasks import sweep_reminders

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_port(), 2
    settings.REMINDER_MAX_ATTEMPTS = 1
    UserFactory(email="staff@example.org", groups=["IOM staff"])
    for _ in range(3):
        follow_up(3)
    follow_up(3, coordinator=designated(email=""))
    with django_capture_on_commit_callbacks(execute=True):
        sweep_reminders.apply()
    assert Reminder.objects.filter(status="failed", attempts=1).count() == 3  # each digest was tried
    report = OutboundEmail.objects.get(kind="reminder_report")
    assert report.status in ("pending", "failed") and "no e-mail address" in report.body


# --- Resend


def test_resend_queues_reachable_rows_and_explains_refusals(django_capture_on_commit_callbacks):
    reachable = follow_up(3, coordinator=designated(email="back@example.org"))
    nomail = follow_up(3, coordinator=designated(email="", family_name="Nomail"))
    reminders.sweep(TODAY)
    Reminder.objects.filter(follow_up=reachable).update(status="failed", attempts=5, last_error="554")
    with django_capture_on_commit_callbacks(execute=True):
        queued, refused = delivery.resend_failed(Reminder.objects.all())
    assert queued == 1
    assert len(refused) == 1 and str(nomail) in refused[0] and "no e-mail address" in refused[0]
    assert Reminder.objects.get(follow_up=nomail).status == "failed"
    assert [message.to for message in mail.outbox] == [["back@example.org"]]


def test_resend_goes_to_the_current_coordinator_not_the_former_one(django_capture_on_commit_callbacks):
    former = designated("KE", Mandate.TIP_COORDINATOR, email="former@example.org")
    follow_up(-3, country="KE", coordinator=None)
    reminders.sweep(TODAY)
    Reminder.objects.update(status="failed")
    former.designations.update(valid_from=TODAY - timedelta(days=9), valid_until=TODAY - timedelta(days=1))
    designated("KE", Mandate.TIP_COORDINATOR, email="successor@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        assert delivery.resend_failed(Reminder.objects.all())[0] == 1
    assert [message.to for message in mail.outbox] == [["successor@example.org"]]


# --- Concurrent sweeps


@needs_postgres
def test_a_second_concurrent_sweep_is_a_quiet_no_op(caplog):
    follow_up(-3)
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [reminders.SWEEP_LOCK_KEY])
        with caplog.at_level(logging.INFO, logger="recommendations.reminders"):
            result = reminders.sweep(TODAY)
        assert result.skipped and result.written == 0
        assert [record.levelname for record in caplog.records] == ["INFO"]
    finally:
        other.close()
    assert reminders.sweep(TODAY).written == 1


# --- The command


def test_dry_run_lists_each_recipients_items_and_the_real_run_matches():
    coordinator = designated(given_name="Amina", family_name="Otieno", email="amina@example.org")
    item = follow_up(-3, coordinator=coordinator)
    follow_up(5, coordinator=coordinator)
    stuck = follow_up(4)
    reminders.sweep(TODAY)
    Reminder.objects.filter(follow_up=stuck).update(status="sending", claimed_at=timezone.now() - timedelta(hours=1))
    Reminder.objects.filter(follow_up=item).delete()

    dry = StringIO()
    call_command("send_reminders", "--dry-run", stdout=dry)
    assert Reminder.objects.filter(follow_up=stuck, status="sending").exists()  # nothing changed
    assert mail.outbox == []
    real = StringIO()
    call_command("send_reminders", stdout=real)

    dry_lines, real_lines = dry.getvalue().splitlines(), real.getvalue().splitlines()
    assert "written: 1; re-queued: 0; reclaimed: 1" in dry_lines[0]
    assert dry_lines[0].replace("that would be written", "written") == real_lines[0]
    assert "To Amina Otieno <amina@example.org>: 2 reminder(s)" in dry_lines
    assert f"  - Overdue: {item}" in dry_lines
    assert dry_lines[-1] == "E-mails that would go out: 2." and real_lines[-1] == "E-mails sent: 2."
    assert dry_lines[1:-1] == real_lines[1:-1]
    assert len(mail.outbox) == 2


# --- Settings


def test_the_smtp_timeout_has_a_default(settings):
    assert settings.EMAIL_TIMEOUT == 30


def test_beat_schedules_the_daily_sweep_and_the_recovery_every_five_minutes(settings):
    from registry.celery import app

    app.loader.import_default_modules()
    entry = settings.CELERY_BEAT_SCHEDULE["reminder-sweep"]
    assert entry["task"] in app.tasks
    assert entry["schedule"].hour == {settings.REMINDER_SWEEP_HOUR}
    recovery = settings.CELERY_BEAT_SCHEDULE["reminder-recovery"]
    assert recovery["task"] in app.tasks and recovery["schedule"] == timedelta(minutes=5)


def test_a_claim_outlives_the_time_limit_of_a_send(settings):
    """Otherwise a slow but living sender could see its rows taken back and sent a second time."""
    assert settings.REMINDER_SENDING_LEASE_SECONDS > settings.REMINDER_SEND_TIME_LIMIT
    assert settings.REMINDER_SENDING_LEASE_SECONDS + settings.REMINDER_RECOVERY_SECONDS < 10 * 60


def test_a_digest_costs_the_same_queries_for_3_items_as_for_12():
    def queries_of_a_digest(items: int) -> int:
        coordinator = designated()
        for _ in range(items):
            follow_up(3, coordinator=coordinator)
        reminders.sweep(TODAY)
        with CaptureQueriesContext(connection) as queries:
            assert len(delivery.send_digest(coordinator.pk)) == items
        return len(queries)

    assert queries_of_a_digest(3) == queries_of_a_digest(12)
