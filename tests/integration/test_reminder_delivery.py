"""The reminder pipeline on real services: PostgreSQL, a Celery worker process on Redis, an SMTP server."""

import re
import time
from collections import Counter
from datetime import timedelta

import pytest
from django.utils import timezone

from recommendations.models import Reminder
from tests.factories import EventFactory, FollowUpFactory, PersonFactory, RecommendationFactory
from tests.services import needs_postgres, needs_redis

from .conftest import wait_until

pytestmark = [needs_postgres, needs_redis, pytest.mark.django_db(transaction=True)]

COORDINATORS = 40
FOLLOW_UPS = 300


def due_follow_ups(coordinators: int = COORDINATORS, follow_ups: int = FOLLOW_UPS) -> dict[str, set[int]]:
    """Follow-ups overdue or due soon, spread over the coordinators; returns each address's follow-up ids."""
    people = [PersonFactory(email=f"coordinator{n}@example.org", organization=None) for n in range(coordinators)]
    recommendations = [RecommendationFactory(event=EventFactory()) for _ in range(follow_ups // 50 + 1)]
    expected: dict[str, set[int]] = {person.email: set() for person in people}
    for n in range(follow_ups):
        coordinator = people[n % coordinators]
        follow_up = FollowUpFactory(
            recommendation=recommendations[n // 50],
            country=f"{chr(65 + n // 26 % 26)}{chr(65 + n % 26)}",
            coordinator=coordinator,
            due_date=timezone.localdate() + timedelta(days=(n % 20) - 10),
        )
        expected[coordinator.email].add(follow_up.pk)
    return expected


def linked_follow_ups(message) -> set[int]:
    plain = message.get_payload(0) if message.is_multipart() else message
    text = plain.get_payload(decode=True).decode()
    return {int(pk) for pk in re.findall(r"/follow-ups/(\d+)/", text)}


def all_rows(status: str):
    def check() -> bool:
        return Reminder.objects.count() == FOLLOW_UPS and not Reminder.objects.exclude(status=status).exists()

    check.__doc__ = f"every reminder {status}"
    return check


def test_one_digest_per_coordinator_and_a_second_sweep_sends_nothing(workers, mailbox, run_sweep):
    expected = due_follow_ups()
    workers.start()
    run_sweep()
    wait_until(all_rows("sent"), timeout=90)
    wait_until(lambda: mailbox.count() == COORDINATORS)
    received = {message["To"]: linked_follow_ups(message) for message in mailbox.messages}
    assert received == expected

    run_sweep()
    wait_until(lambda: Reminder.objects.count() == FOLLOW_UPS)
    time.sleep(5)  # give a wrong second send every chance to happen
    assert mailbox.count() == COORDINATORS


def test_refused_mail_ends_failed_after_the_retries_and_nothing_is_marked_sent(workers, mailbox, run_sweep):
    due_follow_ups(coordinators=4, follow_ups=20)
    mailbox.refuse = True
    workers.start(REMINDER_MAX_ATTEMPTS=3, REMINDER_RETRY_BACKOFF_SECONDS=0)
    run_sweep()

    def all_failed() -> bool:
        """every reminder failed"""
        return Reminder.objects.count() == 20 and not Reminder.objects.exclude(status="failed").exists()

    wait_until(all_failed, timeout=90)
    assert set(Reminder.objects.values_list("attempts", flat=True)) == {3}
    assert not Reminder.objects.filter(sent_at__isnull=False).exists()
    assert mailbox.count() == 0


def test_a_worker_killed_while_sending_loses_nothing(workers, mailbox, run_sweep):
    expected = due_follow_ups()
    mailbox.delay = 0.15  # slow enough to kill the worker in the middle of the sends
    lease = {"REMINDER_SENDING_LEASE_SECONDS": 2, "CELERY_VISIBILITY_TIMEOUT": 5}
    first = workers.start(**lease)
    run_sweep()
    wait_until(lambda: mailbox.count() >= 5, timeout=60)
    workers.kill(first)
    sent_before_kill = mailbox.count()
    assert sent_before_kill < COORDINATORS

    workers.start(**lease)
    wait_until(lambda: mailbox.count() >= COORDINATORS - 1, timeout=90)
    # The next sweep (the daily beat) hands the rows of the interrupted send back after their lease.
    time.sleep(3)
    run_sweep()
    wait_until(all_rows("sent"), timeout=90)
    time.sleep(2)

    per_address = Counter(message["To"] for message in mailbox.messages)
    assert set(per_address) == set(expected)  # everyone got their digest
    twice = [address for address, count in per_address.items() if count > 1]
    assert len(twice) <= 1, f"only the message in flight may go twice, got {twice}"
    assert mailbox.count() == COORDINATORS + len(twice)
