"""The outbox of staff alerts: written once per key, claimed before sending, retried, then failed; stale rows found."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from core import outbox
from core.models import OutboundEmail


def queue(key: str = "alert-1") -> OutboundEmail | None:
    return outbox.queue_email(key, "test", ["officer@example.org"], "Subject", "Body")


def test_the_same_key_writes_one_row(db):
    assert queue() is not None
    assert queue() is None
    assert OutboundEmail.objects.count() == 1


def test_nobody_to_tell_writes_nothing(db):
    assert outbox.queue_email("alert-2", "test", [], "Subject", "Body") is None
    assert not OutboundEmail.objects.exists()


def test_a_claimed_row_is_sent_once_with_a_stable_message_id(db):
    email = queue()
    assert outbox.send(email.pk) is True
    assert outbox.send(email.pk) is False  # a repeated task finds nothing to claim
    assert len(mail.outbox) == 1
    assert mail.outbox[0].extra_headers["Message-ID"] == f"<outbox-{email.pk}@127.0.0.1>"
    email.refresh_from_db()
    assert (email.status, email.attempts) == ("sent", 1)


@pytest.fixture
def unreachable_smtp(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # nothing listens there
    settings.OUTBOX_MAX_ATTEMPTS = 2


def test_an_smtp_failure_is_retried_then_marked_failed(db, unreachable_smtp):
    email = queue()
    with pytest.raises(outbox.NotSent) as first:
        outbox.send(email.pk)
    assert first.value.retry
    email.refresh_from_db()
    assert (email.status, email.attempts) == ("pending", 1)
    assert email.last_error
    with pytest.raises(outbox.NotSent) as second:
        outbox.send(email.pk)
    assert not second.value.retry
    email.refresh_from_db()
    assert (email.status, email.attempts) == ("failed", 2)


def test_rows_whose_task_was_lost_or_whose_sender_died_are_handed_out_again(db):
    lost, dead, fresh = queue("lost"), queue("dead"), queue("fresh")
    outbox.claim(dead.pk)
    with time_machine.travel(timezone.now() + timedelta(minutes=11)):
        fresh_again = queue("fresh-later")
        assert set(outbox.requeue()) == {lost.pk, dead.pk, fresh.pk}
        assert fresh_again.pk not in outbox.requeue()
