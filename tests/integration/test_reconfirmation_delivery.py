"""Re-confirmation e-mails on real services: a Celery worker process on Redis, PostgreSQL, an SMTP server. A worker
killed in the middle of the sends loses nothing, and at most the message in flight goes twice."""

import time
from collections import Counter
from datetime import date, timedelta

import pytest
from celery import Celery

from contacts.models import Person
from core.models import OutboundEmail
from tests.factories import PersonFactory
from tests.services import needs_postgres, needs_redis

from .conftest import wait_until

pytestmark = [needs_postgres, needs_redis, pytest.mark.django_db(transaction=True)]

PEOPLE = 30


@pytest.fixture
def send_task(broker_url):
    client = Celery(broker=broker_url)
    yield lambda name: client.send_task(name)
    client.close()


def lapsed_people() -> set[str]:
    Person.objects.update(last_verified_on=date.today())  # anyone else: verified today
    lapsed = date.today() - timedelta(days=400)
    people = [PersonFactory(email=f"official{n}@example.org", last_verified_on=lapsed) for n in range(PEOPLE)]
    return {person.email for person in people}


def all_sent() -> bool:
    """every re-confirmation e-mail sent"""
    rows = OutboundEmail.objects.filter(kind="reconfirmation")
    return rows.count() == PEOPLE and not rows.exclude(status="sent").exists()


def test_a_worker_killed_while_sending_loses_nothing(workers, mailbox, send_task):
    expected = lapsed_people()
    mailbox.delay = 0.15  # slow enough to kill the worker in the middle of the sends
    lease = {"OUTBOX_LEASE_SECONDS": 2, "OUTBOX_FORGOTTEN_SECONDS": 1, "CELERY_VISIBILITY_TIMEOUT": 5}
    first = workers.start(**lease)
    send_task("contacts.tasks.sweep_reconfirmations")
    wait_until(lambda: mailbox.count() >= 5, timeout=60)
    workers.kill(first)
    assert mailbox.count() < PEOPLE

    workers.start(**lease)
    time.sleep(3)  # past the lease of the send that was interrupted
    send_task("core.tasks.requeue_outbound_email")  # as beat does every five minutes
    wait_until(all_sent, timeout=120)
    time.sleep(2)

    per_address = Counter(message["To"] for message in mailbox.messages)
    assert set(per_address) == expected  # everyone got their request
    twice = [address for address, count in per_address.items() if count > 1]
    assert len(twice) <= 1, f"only the message in flight may go twice, got {twice}"
