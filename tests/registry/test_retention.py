"""Retention: each kind of row is deleted once past its age, not a day before; the run logs counts only."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.models import OutboundEmail, SecurityEvent
from recommendations.models import Reminder
from registry.tasks import apply_retention
from tests.factories import ExportLogFactory, LookupLogFactory, ReconfirmationFactory, ReminderFactory


def aged(make, days: int, date_field: str) -> object:
    """A row made by ``make``, dated ``days`` ago."""
    row = make()
    type(row).objects.filter(pk=row.pk).update(**{date_field: timezone.now() - timedelta(days=days)})
    return row


def security_event():
    return SecurityEvent.objects.create(kind="login_failed")


def sent_email():
    return OutboundEmail.objects.create(key=str(OutboundEmail.objects.count()), status="sent", subject="s", body="b")


def answered_request():
    return ReconfirmationFactory(answered_at=timezone.now(), answer="confirmed")


@pytest.mark.parametrize(
    ("make", "date_field", "setting"),
    [
        (LookupLogFactory, "at", "RETENTION_LOOKUP_LOG_DAYS"),
        (ExportLogFactory, "at", "RETENTION_EXPORT_LOG_DAYS"),
        (security_event, "at", "RETENTION_SECURITY_LOG_DAYS"),
        (lambda: ReminderFactory(status="sent"), "created_at", "RETENTION_FINISHED_REMINDER_DAYS"),
        (sent_email, "created_at", "RETENTION_FINISHED_REMINDER_DAYS"),
        (answered_request, "answered_at", "RETENTION_FINISHED_REMINDER_DAYS"),
    ],
    ids=["look-ups", "exports", "security events", "finished reminders", "finished e-mails", "answered requests"],
)
def test_rows_past_their_age_go_and_younger_ones_stay(db, settings, make, date_field, setting):
    days = getattr(settings, setting)
    old, young = aged(make, days + 1, date_field), aged(make, days - 1, date_field)
    apply_retention.apply().get()
    model = type(old)
    assert not model.objects.filter(pk=old.pk).exists()
    assert model.objects.filter(pk=young.pk).exists()


def test_unfinished_reminders_are_kept_whatever_their_age(db, settings):
    pending = aged(
        lambda: ReminderFactory(status="pending"), settings.RETENTION_FINISHED_REMINDER_DAYS + 30, "created_at"
    )
    apply_retention.apply().get()
    assert Reminder.objects.filter(pk=pending.pk).exists()


def test_a_run_logs_counts_only(db, settings):
    for _ in range(3):
        aged(LookupLogFactory, settings.RETENTION_LOOKUP_LOG_DAYS + 1, "at")
    assert apply_retention.apply().get()["look-ups"] == 3
    line = SecurityEvent.objects.get(kind="retention_applied")
    assert line.detail.startswith("look-ups 3, exports 0, security events 0")
    assert line.user is None and line.username == ""


def test_beat_applies_it_daily(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["retention"]
    assert entry["task"] == "registry.tasks.apply_retention"
    assert len(entry["schedule"].hour) == 1 and len(entry["schedule"].day_of_week) == 7
