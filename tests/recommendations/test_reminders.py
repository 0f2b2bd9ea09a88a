"""The reminder sweep's rules, the digest, and what happens when mail cannot go out."""

import socket
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from recommendations import reminders
from recommendations.models import Reminder
from tests.factories import FollowUpFactory, PersonFactory, UserFactory

TODAY = timezone.localdate()  # the command under test sweeps for the real today
pytestmark = pytest.mark.django_db


def follow_up(days_to_due: int | None = None, **fields):
    due = TODAY + timedelta(days=days_to_due) if days_to_due is not None else None
    fields.setdefault("assigned_on", TODAY - timedelta(days=10))
    return FollowUpFactory(due_date=due, coordinator=fields.pop("coordinator", None) or PersonFactory(), **fields)


def kinds(item, today=TODAY) -> list[str]:
    return [kind for kind, _period in reminders.due_reminders(item, today)]


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
    assert reminders.sweep(TODAY).created == 0


def test_a_second_sweep_writes_nothing():
    follow_up(-3)
    follow_up(5)
    assert reminders.sweep(TODAY).created == 2
    assert reminders.sweep(TODAY).created == 0
    assert Reminder.objects.count() == 2


def test_one_digest_per_coordinator_listing_all_their_items():
    coordinator, other = PersonFactory(email="coord@example.org"), PersonFactory(email="other@example.org")
    items = [
        follow_up(-3, coordinator=coordinator),
        follow_up(5, coordinator=coordinator),
        follow_up(2, coordinator=other),
    ]
    result = reminders.sweep(TODAY)
    for recipient_id in result.recipients:
        reminders.send_digest(recipient_id)
    assert sorted(message.to[0] for message in mail.outbox) == ["coord@example.org", "other@example.org"]
    digest = next(message for message in mail.outbox if message.to == ["coord@example.org"])
    assert f"/follow-ups/{items[0].pk}/" in digest.body and f"/follow-ups/{items[1].pk}/" in digest.body
    assert f"/follow-ups/{items[2].pk}/" not in digest.body
    assert digest.alternatives[0].mimetype == "text/html"
    assert set(Reminder.objects.values_list("status", flat=True)) == {"sent"}


@pytest.mark.parametrize(
    ("language", "words", "direction"),
    [("fr", "Cher", 'dir="ltr"'), ("ar", "الفعالية", 'dir="rtl"'), ("en", "Dear", 'dir="ltr"')],
)
def test_the_digest_speaks_the_coordinators_language(language, words, direction):
    follow_up(3, coordinator=PersonFactory(preferred_language=language))
    for recipient_id in reminders.sweep(TODAY).recipients:
        reminders.send_digest(recipient_id)
    assert words in mail.outbox[0].body or words in mail.outbox[0].alternatives[0].content
    assert direction in mail.outbox[0].alternatives[0].content


def test_sending_again_finds_nothing_to_claim():
    follow_up(3)
    recipient_id = reminders.sweep(TODAY).recipients[0]
    assert reminders.send_digest(recipient_id) == 1
    assert reminders.send_digest(recipient_id) == 0
    assert len(mail.outbox) == 1


def test_unreachable_coordinators_are_reported_to_staff_never_skipped():
    UserFactory(email="staff@example.org", groups=["IOM staff"])
    follow_up(3, coordinator=PersonFactory(email="", family_name="Nomail"))
    nobody = FollowUpFactory(due_date=TODAY + timedelta(days=3), coordinator=None)
    result = reminders.sweep(TODAY)
    reminders.report_problems(result.problems)
    failed = Reminder.objects.get()
    assert failed.status == "failed" and "no e-mail address" in failed.last_error
    report = mail.outbox[0]
    assert report.to == ["staff@example.org"]
    assert "no e-mail address" in report.body and str(nobody) in report.body


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
    with pytest.raises(reminders.DigestNotSent) as first:
        reminders.send_digest(recipient_id)
    assert first.value.retry
    assert Reminder.objects.get().status == "pending"
    with pytest.raises(reminders.DigestNotSent) as last:
        reminders.send_digest(recipient_id)
    assert not last.value.retry
    row = Reminder.objects.get()
    assert (row.status, row.attempts) == ("failed", 2)
    assert row.last_error


def test_stale_claims_are_reclaimed_by_the_next_sweep(settings):
    follow_up(3)
    recipient_id = reminders.sweep(TODAY).recipients[0]
    reminders.claim(recipient_id)
    Reminder.objects.update(claimed_at=timezone.now() - timedelta(seconds=settings.REMINDER_SENDING_LEASE_SECONDS + 1))
    assert reminders.sweep(TODAY).reclaimed == 1
    assert Reminder.objects.get().status == "pending"


def test_resend_failed_makes_rows_pending_again():
    follow_up(3, coordinator=PersonFactory(email=""))
    reminders.sweep(TODAY)
    assert reminders.resend_failed(Reminder.objects.all()) == 1
    assert Reminder.objects.get().status == "pending"


def test_send_reminders_command_dry_run_writes_nothing():
    follow_up(-3)
    out = StringIO()
    call_command("send_reminders", "--dry-run", stdout=out)
    assert "would write 1" in out.getvalue()
    assert not Reminder.objects.exists()


def test_send_reminders_command_sends_and_prints(settings):
    follow_up(-3, coordinator=PersonFactory(email="coord@example.org"))
    follow_up(-4, coordinator=PersonFactory(email="other@example.org"))
    out = StringIO()
    call_command("send_reminders", stdout=out)
    assert out.getvalue().count("Sent 1 e-mail") == 2
    assert len(mail.outbox) == 2


def test_beat_schedules_the_daily_sweep_at_the_configured_hour(settings):
    from registry.celery import app

    app.loader.import_default_modules()
    entry = settings.CELERY_BEAT_SCHEDULE["reminder-sweep"]
    assert entry["task"] in app.tasks
    assert entry["schedule"].hour == {settings.REMINDER_SWEEP_HOUR}
