"""The outbox of staff alerts: one row per e-mail, claimed before it is sent, so it goes out once.

``queue_email`` writes the row (a second call with the same key does nothing) and queues the send task after the
transaction commits. ``send`` claims the row with one conditional UPDATE; a task that finds nothing to claim exits.
Any error (a time limit included) is retried by the task; after ``OUTBOX_MAX_ATTEMPTS`` the row is marked failed.
``requeue`` hands out rows whose task was lost (pending for over a minute) or whose sender died (claimed longer than
the lease).
"""

from datetime import timedelta
from smtplib import SMTPException
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from .models import OutboundEmail, OutboundEmailStatus


def lease() -> timedelta:
    """How long a claimed row may stay "sending" before it is handed out again (its sender presumed dead)."""
    return timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)


def forgotten_after() -> timedelta:
    """How long a new row may wait for its send task before it is presumed lost."""
    return timedelta(seconds=settings.OUTBOX_FORGOTTEN_SECONDS)


class NotSent(Exception):
    """The SMTP server refused or could not be reached; ``retry`` says whether attempts remain."""

    def __init__(self, error: Exception, retry: bool):
        super().__init__(str(error))
        self.retry = retry


def queue_email(key: str, kind: str, recipients: list[str], subject: str, body: str) -> OutboundEmail | None:
    """Write the e-mail once per key and send it after commit; None when it was already written or has nobody."""
    if not recipients:
        return None
    email, created = OutboundEmail.objects.get_or_create(
        key=key[:200], defaults={"kind": kind, "recipients": recipients, "subject": subject[:255], "body": body}
    )
    if not created:
        return None
    from .tasks import send_outbound_email

    transaction.on_commit(lambda: send_outbound_email.delay(email.pk))
    return email


def claim(email_id: int) -> OutboundEmail | None:
    now = timezone.now()
    claimable = Q(status=OutboundEmailStatus.PENDING) | Q(
        status=OutboundEmailStatus.SENDING, claimed_at__lt=now - lease()
    )
    updated = OutboundEmail.objects.filter(claimable, pk=email_id).update(
        status=OutboundEmailStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1
    )
    return OutboundEmail.objects.get(pk=email_id) if updated else None


def send(email_id: int) -> bool:
    """Send one claimed e-mail; False when another sender has it or it is done."""
    email = claim(email_id)
    if email is None:
        return False
    message = EmailMessage(email.subject, email.body, to=email.recipients, headers={"Message-ID": message_id(email)})
    try:
        if message.send() != 1:
            raise SMTPException("the mail backend reported no message sent")
    except Exception as error:  # a time limit included: the row must never stay "sending"
        retry = email.attempts < settings.OUTBOX_MAX_ATTEMPTS
        status = OutboundEmailStatus.PENDING if retry else OutboundEmailStatus.FAILED
        reason = f"{type(error).__name__}: {error}"[:255]
        OutboundEmail.objects.filter(pk=email.pk).update(status=status, last_error=reason)
        raise NotSent(error, retry) from error
    OutboundEmail.objects.filter(pk=email.pk).update(status=OutboundEmailStatus.SENT, sent_at=timezone.now())
    return True


def message_id(email: OutboundEmail) -> str:
    """The same for every attempt, so that a copy sent twice after a crash is recognisably one message."""
    return f"<outbox-{email.pk}@{urlsplit(settings.SITE_URL).hostname or 'registry'}>"


def requeue() -> list[int]:
    """The ids of e-mails whose send task was lost or whose sender died."""
    now = timezone.now()
    stale = Q(status=OutboundEmailStatus.PENDING, created_at__lt=now - forgotten_after(), attempts=0) | Q(
        status=OutboundEmailStatus.SENDING, claimed_at__lt=now - lease()
    )
    return list(OutboundEmail.objects.filter(stale).values_list("pk", flat=True))
