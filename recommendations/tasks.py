"""Celery tasks of the reminder outbox: thin, idempotent, taking ids. The logic is in ``reminders`` and ``delivery``."""

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import delivery, reminders


@shared_task
def sweep_reminders() -> int:
    """Daily (beat): write the reminders now due, queue one digest per recipient, then the staff report. Nothing
    before the digests can fail for want of a coordinator or of the mail server: problems go into the report."""
    today = timezone.localdate()
    result = reminders.sweep(today)
    if result.skipped:
        return 0
    queue_digests(result.recipients)
    with transaction.atomic():
        reminders.queue_staff_report(result, today)
    return result.written


@shared_task
def recover_reminders() -> int:
    """Every few minutes (beat): take back claims of dead senders and re-queue rows whose task was lost."""
    recovery = delivery.recover()
    queue_digests(recovery.recipients)
    return recovery.reclaimed + recovery.requeued


def queue_digests(recipient_ids: list[int]) -> None:
    for recipient_id in recipient_ids:
        transaction.on_commit(lambda recipient_id=recipient_id: send_reminder_digest.delay(recipient_id))


@shared_task(
    bind=True,
    max_retries=None,
    time_limit=settings.REMINDER_SEND_TIME_LIMIT,
    soft_time_limit=max(1, settings.REMINDER_SEND_TIME_LIMIT - 15),
)
def send_reminder_digest(self, recipient_id: int) -> int:
    """Send one recipient's due reminders as one e-mail. A failure is retried after the backoff the rows decide
    (attempts are counted on the rows, so redeliveries count too); a claim still held by a sender that may have
    died is taken back when its lease ends."""
    try:
        sent = len(delivery.send_digest(recipient_id))
    except delivery.DigestNotSent as error:
        if error.retry_in is None or self.request.is_eager:
            return 0  # eager (no broker): the rows wait for the recovery or the next command
        raise self.retry(countdown=error.retry_in) from error
    if not sent and not self.request.is_eager and (wait := delivery.seconds_until_claim_expires(recipient_id)):
        raise self.retry(countdown=wait)
    return sent
