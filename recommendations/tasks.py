"""Celery tasks of the reminder outbox: thin, idempotent, taking ids. The logic is in ``reminders``."""

from celery import shared_task
from django.conf import settings
from django.db import transaction

from . import reminders


@shared_task
def sweep_reminders() -> int:
    """Daily (beat): write the reminders now due, then queue one digest per recipient once they are committed."""
    result = reminders.sweep()
    reminders.report_problems(result.problems)
    for recipient_id in result.recipients:
        transaction.on_commit(lambda recipient_id=recipient_id: send_reminder_digest.delay(recipient_id))
    return result.created


@shared_task(bind=True, max_retries=None)
def send_reminder_digest(self, recipient_id: int) -> int:
    """Send one recipient's pending reminders as one e-mail; on an SMTP error retry with backoff while the rows have
    attempts left (``REMINDER_MAX_ATTEMPTS``, counted on the rows, so redeliveries count too)."""
    try:
        return reminders.send_digest(recipient_id)
    except reminders.DigestNotSent as error:
        if not error.retry:
            return 0
        raise self.retry(countdown=settings.REMINDER_RETRY_BACKOFF_SECONDS * 2**self.request.retries) from error
