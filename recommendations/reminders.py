"""Reminder e-mails as a transactional outbox (DESIGN.md, "Reminders").

The database decides what is sent; Celery only carries the work:

1. ``sweep`` writes the Reminder rows that are due today. Their unique key (follow-up, kind, period) makes a second
   sweep, or a second beat by mistake, write nothing. It also hands back rows left "sending" past their lease.
2. ``send_digest`` claims one recipient's pending rows, sends ONE e-mail listing them in the recipient's language,
   and marks them sent. With nothing to claim it does nothing, so a repeated task is harmless.
3. An SMTP error puts the rows back to pending (to be retried) or, after the last attempt, marks them failed.
"""

import smtplib
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import EmailMultiAlternatives, send_mail
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from contacts.models import Person
from core.roles import IOM_STAFF

from .choices import ReminderKind, ReminderStatus
from .models import FollowUp, Reminder

UNREACHABLE = "unreachable"


@dataclass
class SweepResult:
    created: int = 0
    reclaimed: int = 0
    recipients: list[int] = field(default_factory=list)  # people with pending reminders, to send to
    problems: list[str] = field(default_factory=list)  # reported to staff


class DigestNotSent(Exception):
    """The SMTP server did not take the digest; ``retry`` says whether another attempt is left."""

    def __init__(self, error: Exception, retry: bool) -> None:
        super().__init__(str(error))
        self.retry = retry


def due_reminders(follow_up: FollowUp, today: date) -> list[tuple[str, str]]:
    """The (kind, period) pairs due today for one open follow-up. Each period is sent at most once."""
    due = []
    if follow_up.due_date:
        days_left = (follow_up.due_date - today).days
        if 0 <= days_left <= settings.REMINDER_DUE_SOON_DAYS:
            due.append((ReminderKind.DUE_SOON, f"due-{follow_up.due_date}"))
        elif days_left < 0:
            week = (-days_left - 1) // settings.REMINDER_OVERDUE_REPEAT_DAYS
            due.append((ReminderKind.OVERDUE, f"overdue-{follow_up.due_date}-{week}"))
    since = follow_up.last_progress_on or follow_up.assigned_on
    quiet_periods = (today - since).days // settings.REMINDER_NO_UPDATE_DAYS
    if quiet_periods >= 1:
        due.append((ReminderKind.NO_UPDATE, f"quiet-{since}-{quiet_periods}"))
    return due


def reachable(person: Person | None) -> str:
    """Why ``person`` cannot receive reminders, or "" if they can."""
    if person is None:
        return _("no responsible coordinator")
    if not person.active:
        return _("the coordinator is inactive")
    if not person.email:
        return _("the coordinator has no e-mail address")
    return ""


@transaction.atomic
def sweep(today: date | None = None, dry_run: bool = False) -> SweepResult:
    """Write the reminders due ``today`` and reclaim stale claims. With ``dry_run``, only say what would be written."""
    today = today or timezone.localdate()
    result = SweepResult()
    if not dry_run:
        result.reclaimed = reclaim_stale_claims()
    for follow_up in FollowUp.objects.open().select_related("coordinator", "recommendation"):
        for kind, period_key in due_reminders(follow_up, today):
            result.created += write_reminder(follow_up, kind, period_key, result.problems, dry_run)
    pending = Reminder.objects.filter(status=ReminderStatus.PENDING)
    result.recipients = sorted(set(pending.values_list("recipient_id", flat=True)))
    return result


def write_reminder(follow_up: FollowUp, kind: str, period_key: str, problems: list[str], dry_run: bool) -> int:
    coordinator = follow_up.coordinator
    problem = reachable(coordinator)
    if Reminder.objects.filter(follow_up=follow_up, kind=kind, period_key=period_key).exists():
        return 0
    if problem:
        problems.append(f"{follow_up} ({ReminderKind(kind).label}): {problem}")
    if coordinator is None:
        return 0
    if dry_run:
        return 1
    Reminder.objects.create(
        follow_up=follow_up,
        recipient=coordinator,
        kind=kind,
        period_key=period_key,
        status=ReminderStatus.FAILED if problem else ReminderStatus.PENDING,
        last_error=f"{UNREACHABLE}: {problem}" if problem else "",
    )
    return 1


def reclaim_stale_claims() -> int:
    """Rows a worker claimed but never finished (it died mid-send) go back to pending."""
    lease = timezone.now() - timedelta(seconds=settings.REMINDER_SENDING_LEASE_SECONDS)
    return Reminder.objects.filter(status=ReminderStatus.SENDING, claimed_at__lt=lease).update(
        status=ReminderStatus.PENDING
    )


def claim(recipient_id: int) -> list[int]:
    """Mark the recipient's pending rows as being sent by us; rows another worker holds are skipped, not waited for."""
    with transaction.atomic():
        pending = Reminder.objects.select_for_update(skip_locked=True).filter(
            recipient_id=recipient_id, status=ReminderStatus.PENDING
        )
        ids = list(pending.values_list("pk", flat=True))
        Reminder.objects.filter(pk__in=ids).update(
            status=ReminderStatus.SENDING, claimed_at=timezone.now(), attempts=F("attempts") + 1
        )
    return ids


def send_digest(recipient_id: int) -> int:
    """Send one digest of the recipient's pending reminders. Returns how many it covered (0: nothing to send)."""
    ids = claim(recipient_id)
    if not ids:
        return 0
    reminders = list(
        Reminder.objects.filter(pk__in=ids)
        .select_related("recipient", "follow_up__recommendation__event")
        .order_by("follow_up__due_date", "pk")
    )
    try:
        digest_message(reminders[0].recipient, reminders).send()
    except (smtplib.SMTPException, OSError) as error:
        raise DigestNotSent(error, retry=release(ids, error)) from error
    Reminder.objects.filter(pk__in=ids, status=ReminderStatus.SENDING).update(
        status=ReminderStatus.SENT, sent_at=timezone.now(), last_error=""
    )
    return len(ids)


def release(ids: list[int], error: Exception) -> bool:
    """After a failed send: back to pending while attempts remain, failed after the last. True if a retry is due."""
    claimed = Reminder.objects.filter(pk__in=ids, status=ReminderStatus.SENDING)
    exhausted = claimed.filter(attempts__gte=settings.REMINDER_MAX_ATTEMPTS)
    exhausted.update(status=ReminderStatus.FAILED, last_error=str(error)[:2000])
    return claimed.update(status=ReminderStatus.PENDING, last_error=str(error)[:2000]) > 0


def digest_message(recipient: Person, reminders: list[Reminder]) -> EmailMultiAlternatives:
    """One e-mail in the recipient's language, in plain text and HTML, with a link to each follow-up."""
    with translation.override(recipient.preferred_language):
        items = [
            {
                "reminder": reminder,
                "url": settings.SITE_URL + reverse("recommendations:follow-up", args=[reminder.follow_up_id]),
            }
            for reminder in reminders
        ]
        context = {"recipient": recipient, "items": items, "site_url": settings.SITE_URL}
        subject = _("Cooperation registry: %(count)s follow-up(s) need your attention") % {"count": len(items)}
        message = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string("recommendations/email/reminder_digest.txt", context),
            to=[recipient.email],
        )
        message.attach_alternative(render_to_string("recommendations/email/reminder_digest.html", context), "text/html")
    return message


def follow_up_url(follow_up_id: int) -> str:
    return settings.SITE_URL + reverse("recommendations:follow-up", args=[follow_up_id])


def report_problems(problems: list[str]) -> None:
    """Tell IOM staff which reminders could not go out, so that nobody is silently skipped."""
    if not problems:
        return
    staff = User.objects.filter(groups__name=IOM_STAFF, is_active=True).exclude(email="")
    recipients = sorted(set(staff.values_list("email", flat=True))) or [settings.DEFAULT_FROM_EMAIL]
    body = "\n".join([_("These reminders could not be sent; fix the coordinator in the admin:"), "", *problems])
    send_mail(_("Cooperation registry: reminders that could not be sent"), body, None, recipients)


def resend_failed(queryset) -> int:
    """Staff's "send again": failed rows become pending with fresh attempts, and their digests are queued."""
    from .tasks import send_reminder_digest

    failed = queryset.filter(status=ReminderStatus.FAILED)
    recipients = set(failed.values_list("recipient_id", flat=True))
    count = failed.update(status=ReminderStatus.PENDING, attempts=0, last_error="")
    for recipient_id in recipients:
        transaction.on_commit(lambda recipient_id=recipient_id: send_reminder_digest.delay(recipient_id))
    return count
