"""Retention: personal data kept no longer than needed (README, "Data protection").

A daily beat task (``registry.tasks.apply_retention``) deletes, in batches, the rows older than their setting, and
writes one security-log line with the counts (never what the rows held). Import uploads go after a day by their own
hourly task (``core.tasks.forget_old_uploads``).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contacts.models import ExportLog, LookupLog, Reconfirmation
from core.models import OutboundEmail, OutboundEmailStatus, SecurityEvent, SecurityEventKind
from core.security_log import record
from recommendations.choices import ReminderStatus
from recommendations.models import Reminder

BATCH = 1000


FINISHED_REMINDER = Q(status__in=[ReminderStatus.SENT, ReminderStatus.FAILED, ReminderStatus.CANCELLED])
FINISHED_EMAIL = Q(status__in=[OutboundEmailStatus.SENT, OutboundEmailStatus.FAILED])


@dataclass(frozen=True)
class Rule:
    """``rows(before)``: the rows this rule removes when they are older than ``before``."""

    name: str  # in the security log's counts
    label: str  # on the data protection page
    setting: str
    rows: Callable[[datetime], QuerySet]

    def days(self) -> int:
        return getattr(settings, self.setting)


RULES = (
    Rule(
        "look-ups",
        _("contact look-ups"),
        "RETENTION_LOOKUP_LOG_DAYS",
        lambda before: LookupLog.objects.filter(at__lt=before),
    ),
    Rule("exports", _("exports"), "RETENTION_EXPORT_LOG_DAYS", lambda before: ExportLog.objects.filter(at__lt=before)),
    Rule(
        "security events",
        _("security log"),
        "RETENTION_SECURITY_LOG_DAYS",
        lambda before: SecurityEvent.objects.filter(at__lt=before),
    ),
    Rule(
        "finished reminders",
        _("sent, failed or cancelled reminders"),
        "RETENTION_FINISHED_REMINDER_DAYS",
        lambda before: Reminder.objects.filter(FINISHED_REMINDER, created_at__lt=before),
    ),
    Rule(
        "answered re-confirmations",
        _("answered re-confirmation requests"),
        "RETENTION_FINISHED_REMINDER_DAYS",
        lambda before: Reconfirmation.objects.filter(answered_at__lt=before),
    ),
    Rule(
        "finished staff e-mails",
        _("sent or failed staff e-mails"),
        "RETENTION_FINISHED_REMINDER_DAYS",
        lambda before: OutboundEmail.objects.filter(FINISHED_EMAIL, created_at__lt=before),
    ),
)


def delete_in_batches(rows: QuerySet) -> int:
    removed = 0
    while ids := list(rows.values_list("pk", flat=True)[:BATCH]):
        rows.model.objects.filter(pk__in=ids).delete()
        removed += len(ids)
    return removed


def apply_retention() -> dict[str, int]:
    """Delete every row past its age; return, and log, how many of each kind."""
    now = timezone.now()
    counts = {rule.name: delete_in_batches(rule.rows(now - timedelta(days=rule.days()))) for rule in RULES}
    record(SecurityEventKind.RETENTION_APPLIED, detail=", ".join(f"{name} {count}" for name, count in counts.items()))
    return counts
