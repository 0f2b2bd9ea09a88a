"""Celery tasks of sign-in security: thin, taking plain values."""

from smtplib import SMTPException
from urllib.parse import urlsplit

from celery import shared_task
from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.utils import translation

RETRY_BACKOFF_SECONDS = 60


@shared_task(bind=True, max_retries=4)
def send_password_reset(self, email: str, language: str) -> int:
    """E-mail a reset link to each active account with this address; nothing when there is none.

    The page queues this task for every well-formed address it is given, so an address with an account and one
    without get the same answer in the same time; whether an e-mail goes out is decided here.
    """
    site = urlsplit(settings.SITE_URL)
    form = PasswordResetForm({"email": email})
    if not form.is_valid():
        return 0
    users = list(form.get_users(email))
    try:
        with translation.override(language):
            form.save(
                domain_override=site.netloc,
                use_https=site.scheme == "https",
                subject_template_name="registration/password_reset_subject.txt",
                email_template_name="registration/password_reset_email.html",
            )
    except (SMTPException, OSError) as error:
        raise self.retry(countdown=RETRY_BACKOFF_SECONDS * 2**self.request.retries) from error
    return len(users)


@shared_task(
    bind=True,
    max_retries=None,
    time_limit=settings.OUTBOX_SEND_TIME_LIMIT,
    soft_time_limit=max(1, settings.OUTBOX_SEND_TIME_LIMIT - 15),
)
def send_outbound_email(self, email_id: int) -> bool:
    """Send one e-mail of the outbox (``core.outbox``); retried with backoff while it has attempts left. Run eagerly
    (no broker), a failed e-mail stays pending for the requeue task or the next command instead."""
    from . import outbox

    try:
        return outbox.send(email_id)
    except outbox.NotSent as error:
        if not error.retry or self.request.is_eager:
            return False
        raise self.retry(countdown=RETRY_BACKOFF_SECONDS * 2**self.request.retries) from error


@shared_task
def requeue_outbound_email() -> int:
    """Every few minutes (beat): hand out again the e-mails whose task was lost or whose sender died."""
    from . import outbox

    ids = outbox.requeue()
    for email_id in ids:
        send_outbound_email.delay(email_id)
    return len(ids)


@shared_task
def forget_old_uploads() -> int:
    """Every hour (beat): remove import uploads older than a day, whatever else happens."""
    from . import imports

    return imports.forget_old_uploads()
