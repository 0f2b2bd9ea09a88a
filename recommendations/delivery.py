"""Sending reminder digests from the outbox rows, and recovering from lost tasks and dead senders.

- ``send_digest`` claims one recipient's rows (pending and due, or claimed by a sender whose lease expired), checks
  each again (follow-up still open, recipient still the one to remind and reachable), sends ONE e-mail and marks the
  rows sent only when the backend reports it sent. Any exception, a time limit included, releases the rows: back to
  pending after a backoff, or failed after ``REMINDER_MAX_ATTEMPTS``.
- ``recover`` (beat, every ``REMINDER_RECOVERY_SECONDS``) takes back expired claims and re-queues pending rows whose
  task was lost, so a crash, a broker restart or a hung server costs minutes.
- The guarantee: no reminder is lost; a digest goes twice only if the sender dies in the moment between the server's
  acceptance and the commit, and then with the same Message-ID.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from contacts.models import Person

from .choices import CLOSED_STATUSES, ReminderStatus
from .models import Reminder
from .recipients import recipients_of
from .reminders import UNREACHABLE


class DigestNotSent(Exception):
    """The digest did not go out; ``retry_in`` is the backoff in seconds, or None after the last attempt."""

    def __init__(self, error: Exception, retry_in: int | None) -> None:
        super().__init__(f"{type(error).__name__}: {error}")
        self.retry_in = retry_in


class NothingSent(Exception):
    """The mail backend returned without an error but reported no message sent."""


def lease() -> timedelta:
    return timedelta(seconds=settings.REMINDER_SENDING_LEASE_SECONDS)


def claimable(now) -> Q:
    return Q(status=ReminderStatus.PENDING, not_before__lte=now) | Q(
        status=ReminderStatus.SENDING, claimed_at__lt=now - lease()
    )


def claim(recipient_id: int) -> list[int]:
    """Mark the recipient's claimable rows as being sent by us; rows another worker holds are skipped, not awaited."""
    now = timezone.now()
    with transaction.atomic():
        rows = Reminder.objects.select_for_update(skip_locked=True).filter(claimable(now), recipient_id=recipient_id)
        ids = list(rows.values_list("pk", flat=True))
        Reminder.objects.filter(pk__in=ids).update(
            status=ReminderStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1
        )
    return ids


def seconds_until_claim_expires(recipient_id: int) -> int | None:
    """When the recipient's rows are held by another claim: the seconds until it can be taken back, else None.

    A task redelivered after its worker died finds its own claim still held; it waits for the lease and takes it."""
    held = Reminder.objects.filter(recipient_id=recipient_id, status=ReminderStatus.SENDING).order_by("claimed_at")
    claimed_at = held.values_list("claimed_at", flat=True).first()
    if claimed_at is None:
        return None
    return max(1, int((claimed_at + lease() - timezone.now()).total_seconds()) + 1)


def send_digest(recipient_id: int, connection=None) -> list[Reminder]:
    """Send one digest of the recipient's due reminders. Returns the rows it covered (none: nothing was sent)."""
    ids = claim(recipient_id)
    if not ids:
        return []
    try:
        rows = rows_still_to_send(ids)
        if not rows:
            return []
        if digest_message(rows[0].recipient, rows, connection).send() != 1:
            raise NothingSent(_("the mail backend reported no message sent"))
    except Exception as error:  # a time limit included: the rows must never stay "sending"
        raise DigestNotSent(error, retry_in=release(ids, error)) from error
    Reminder.objects.filter(pk__in=[row.pk for row in rows], status=ReminderStatus.SENDING).update(
        status=ReminderStatus.SENT, sent_at=timezone.now(), last_error=""
    )
    return rows


def rows_still_to_send(ids: list[int]) -> list[Reminder]:
    """The claimed rows that may go out now. The others are settled here: cancelled when their follow-up closed,
    moved (and queued) when another person is now to be reminded, failed when the recipient cannot receive mail."""
    rows = list(
        Reminder.objects.filter(pk__in=ids)
        .select_related("recipient", "follow_up__recommendation__event")
        .order_by("follow_up__due_date", "pk")
    )
    sendable = []
    recipients = recipients_of([row.follow_up for row in rows], timezone.localdate())
    for row in rows:
        if row.follow_up.status in CLOSED_STATUSES:
            settle(row, ReminderStatus.CANCELLED, _("The follow-up was closed before the reminder went out."))
            continue
        recipient, problem = recipients[row.follow_up_id]
        if recipient is None:
            settle(row, ReminderStatus.FAILED, f"{UNREACHABLE}: {problem}")
        elif recipient.pk != row.recipient_id:
            move_to(row, recipient.pk)
        elif reason := recipient.unreachable_because():
            settle(row, ReminderStatus.FAILED, f"{UNREACHABLE}: {reason}")
        else:
            sendable.append(row)
    return sendable


def settle(row: Reminder, status: str, reason: str) -> None:
    Reminder.objects.filter(pk=row.pk).update(status=status, last_error=reason)


def move_to(row: Reminder, recipient_id: int) -> None:
    """Hand a row to the person now to be reminded, and queue their digest."""
    from .tasks import send_reminder_digest

    Reminder.objects.filter(pk=row.pk).update(
        recipient_id=recipient_id, status=ReminderStatus.PENDING, not_before=timezone.now(), attempts=0
    )
    transaction.on_commit(lambda: send_reminder_digest.delay(recipient_id))


def release(ids: list[int], error: Exception) -> int | None:
    """After a failed send: back to pending after a backoff while attempts remain, failed after the last.
    Returns the backoff in seconds when a retry is due, else None."""
    claimed = Reminder.objects.filter(pk__in=ids, status=ReminderStatus.SENDING)
    message = f"{type(error).__name__}: {error}"[:2000]
    claimed.filter(attempts__gte=settings.REMINDER_MAX_ATTEMPTS).update(
        status=ReminderStatus.FAILED, last_error=message
    )
    attempts = claimed.values_list("attempts", flat=True).first()
    if attempts is None:
        return None
    backoff = settings.REMINDER_RETRY_BACKOFF_SECONDS * 2 ** (attempts - 1)
    claimed.update(
        status=ReminderStatus.PENDING, last_error=message, not_before=timezone.now() + timedelta(seconds=backoff)
    )
    return backoff


def digest_message(recipient: Person, reminders: list[Reminder], connection=None) -> EmailMultiAlternatives:
    """One e-mail in the recipient's language, in plain text and HTML, with a link to each follow-up."""
    with translation.override(recipient.preferred_language):
        items = [{"reminder": reminder, "url": follow_up_url(reminder.follow_up_id)} for reminder in reminders]
        context = {"recipient": recipient, "items": items, "site_url": settings.SITE_URL}
        subject = _("Cooperation registry: %(count)s follow-up(s) need your attention") % {"count": len(items)}
        message = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string("recommendations/email/reminder_digest.txt", context),
            to=[recipient.email],
            headers={"Message-ID": digest_message_id(reminders)},
            connection=connection,
        )
        message.attach_alternative(render_to_string("recommendations/email/reminder_digest.html", context), "text/html")
    return message


def digest_message_id(reminders: list[Reminder]) -> str:
    """Built from the rows, so a digest sent again after a crash carries the same Message-ID as the first copy."""
    rows = ",".join(str(pk) for pk in sorted(reminder.pk for reminder in reminders))
    digest = hashlib.sha256(rows.encode()).hexdigest()[:32]
    return f"<reminders-{digest}@{urlsplit(settings.SITE_URL).hostname or 'registry'}>"


def follow_up_url(follow_up_id: int) -> str:
    return settings.SITE_URL + reverse("recommendations:follow-up", args=[follow_up_id])


@dataclass
class Recovery:
    reclaimed: int = 0  # claims whose lease expired: the sender died
    requeued: int = 0  # pending rows whose task was lost
    recipients: list[int] = field(default_factory=list)  # whose digest to queue again


def recover() -> Recovery:
    """Take back expired claims and re-queue pending rows whose task is presumed lost; say whose digests to queue.
    A claim that expired on its last attempt fails the row (a later sweep retries it)."""
    now = timezone.now()
    forgotten = now - timedelta(seconds=settings.REMINDER_FORGOTTEN_SECONDS)
    with transaction.atomic():
        stale = Reminder.objects.select_for_update(skip_locked=True).filter(
            Q(status=ReminderStatus.SENDING, claimed_at__lt=now - lease())
            | Q(status=ReminderStatus.PENDING, not_before__lt=forgotten)
        )
        rows = list(stale.values("pk", "status", "recipient_id", "attempts"))
        expired = [row for row in rows if row["status"] == ReminderStatus.SENDING]
        exhausted = {row["pk"] for row in expired if row["attempts"] >= settings.REMINDER_MAX_ATTEMPTS}
        again = [row for row in rows if row["pk"] not in exhausted]
        Reminder.objects.filter(pk__in=exhausted).update(
            status=ReminderStatus.FAILED, last_error=_("The sender stopped during the last attempt.")
        )
        Reminder.objects.filter(pk__in=[row["pk"] for row in again]).update(
            status=ReminderStatus.PENDING, not_before=now
        )
    return Recovery(
        reclaimed=len(expired),
        requeued=len(rows) - len(expired),
        recipients=sorted({row["recipient_id"] for row in again}),
    )


def resend_failed(queryset) -> tuple[int, list[str]]:
    """Staff's "send again" for failed rows: those whose follow-up is open and whose current coordinator can receive
    mail go back to pending with fresh attempts, to that coordinator, and their digests are queued. Returns how many
    were queued and, for the others, why not."""
    from .tasks import send_reminder_digest

    queued, refused, recipients = 0, [], set()
    rows = list(queryset.filter(status=ReminderStatus.FAILED).select_related("follow_up__recommendation"))
    current = recipients_of([row.follow_up for row in rows], timezone.localdate())
    for row in rows:
        recipient, problem = current[row.follow_up_id]
        reason = (
            _("the follow-up is closed")
            if row.follow_up.status in CLOSED_STATUSES
            else problem or recipient.unreachable_because()
        )
        if reason:
            refused.append(f"{row.follow_up} ({row.get_kind_display()}): {reason}")
            continue
        Reminder.objects.filter(pk=row.pk).update(
            recipient_id=recipient.pk,
            status=ReminderStatus.PENDING,
            attempts=0,
            not_before=timezone.now(),
            last_error="",
        )
        queued += 1
        recipients.add(recipient.pk)
    for recipient_id in recipients:
        transaction.on_commit(lambda recipient_id=recipient_id: send_reminder_digest.delay(recipient_id))
    return queued, refused
