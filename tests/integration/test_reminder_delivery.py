"""The reminder pipeline on real services (PostgreSQL, Celery worker and beat processes on Redis, an SMTP server),
and the faults an operator meets: the mail server down or hung, a worker killed, Redis restarted, two sweeps at
once, a resend to an unreachable coordinator, a coordinator handover.

Each fault test counts the e-mails that arrived, the rows lost (always 0), the duplicates (at most 1, and only when a
worker dies between the server's acceptance and the commit) and the recovery time, which it records for the run's
summary. Leases and intervals are shortened; the README gives the bound with the defaults.
"""

import os
import re
import signal
import time
from collections import Counter
from datetime import timedelta

import pytest
from celery import Celery
from django.contrib.auth.models import Group
from django.utils import timezone
from django_countries import countries

from contacts.choices import Mandate
from contacts.models import FocalPoint, Person
from core.models import OutboundEmail
from core.roles import IOM_STAFF
from recommendations import delivery, reminders
from recommendations.models import Reminder
from tests.factories import (
    EventFactory,
    FocalPointFactory,
    FollowUpFactory,
    PersonFactory,
    RecommendationFactory,
    UserFactory,
)
from tests.services import needs_postgres, needs_redis

from .conftest import HungServer, wait_until

pytestmark = [needs_postgres, needs_redis, pytest.mark.django_db(transaction=True)]

COUNTRIES = [code for code, _name in countries][:120]
TODAY = timezone.localdate()
# Shortened so that a test takes seconds: a claim expires after 3 s, beat runs the recovery every second, a failed
# send is retried after 1 s, then 2, 4... With the defaults the same path takes the lease (180 s) plus the recovery
# interval (300 s): RECOVERY_BOUND is that bound in the test's time, with room for a slow machine.
RECOVERY_BOUND = 3 + 1 + 2 + 30
FAST = {
    "REMINDER_SENDING_LEASE_SECONDS": 3,
    "REMINDER_RECOVERY_SECONDS": 1,
    "REMINDER_FORGOTTEN_SECONDS": 2,
    "REMINDER_RETRY_BACKOFF_SECONDS": 1,
    "REMINDER_MAX_ATTEMPTS": 8,
    "EMAIL_TIMEOUT": 2,
}


def due_follow_ups(coordinators: int, follow_ups: int, without_email: int = 0) -> dict[str, set[int]]:
    """Follow-ups overdue or due soon in ``coordinators`` countries, each with its TIP national coordinator (the last
    ``without_email`` of them without an address); returns each address's follow-up ids."""
    people = []
    for n in range(coordinators):
        email = "" if n >= coordinators - without_email else f"coordinator{n}@example.org"
        person = PersonFactory(email=email, organization=None, country=COUNTRIES[n])
        FocalPointFactory(person=person, country=COUNTRIES[n], mandate=Mandate.TIP_COORDINATOR)
        people.append(person)
    recommendations = [RecommendationFactory(event=EventFactory()) for _ in range(follow_ups // coordinators + 1)]
    expected: dict[str, set[int]] = {person.email: set() for person in people if person.email}
    for n in range(follow_ups):
        coordinator = people[n % coordinators]
        follow_up = FollowUpFactory(
            recommendation=recommendations[n // coordinators],
            country=COUNTRIES[n % coordinators],
            due_date=TODAY + timedelta(days=(n % 20) - 10),
        )
        if coordinator.email:
            expected[coordinator.email].add(follow_up.pk)
    return expected


def linked_follow_ups(message) -> set[int]:
    plain = message.get_payload(0) if message.is_multipart() else message
    text = plain.get_payload(decode=True).decode()
    return {int(pk) for pk in re.findall(r"/follow-ups/(\d+)/", text)}


def digests(mailbox) -> list:
    return [message for message in mailbox.messages if "need your attention" in message["Subject"]]


def every_reachable_row_sent() -> bool:
    """every reminder to a coordinator with an address sent"""
    rows = Reminder.objects.exclude(recipient__email="")
    return rows.exists() and not rows.exclude(status="sent").exists()


@pytest.fixture
def celery_client(broker_url):
    client = Celery(broker=broker_url)
    yield client
    client.close()


def sweep(client: Celery) -> None:
    """Queue the daily sweep, as beat does at REMINDER_SWEEP_HOUR."""
    client.send_task("recommendations.tasks.sweep_reminders")


def check_delivery(mailbox, expected: dict[str, set[int]]) -> tuple[int, int]:
    """Each coordinator got every item of theirs; returns (rows lost, duplicate digests)."""
    received = digests(mailbox)
    per_address = Counter(message["To"] for message in received)
    assert set(per_address) == set(expected), "every reachable coordinator gets a digest"
    items: dict[str, set[int]] = {}
    for message in received:
        items.setdefault(message["To"], set()).update(linked_follow_ups(message))
    assert items == expected, "each digest lists exactly the coordinator's follow-ups"
    lost = Reminder.objects.exclude(recipient__email="").exclude(status="sent").count()
    return lost, sum(count - 1 for count in per_address.values())


def test_one_digest_per_coordinator_and_a_second_sweep_sends_nothing(workers, mailbox, celery_client, figures):
    expected = due_follow_ups(coordinators=60, follow_ups=500)
    workers.start()
    started = time.monotonic()
    sweep(celery_client)
    wait_until(every_reachable_row_sent, timeout=90)
    wait_until(lambda: len(digests(mailbox)) == 60)
    lost, twice = check_delivery(mailbox, expected)
    took = time.monotonic() - started

    sweep(celery_client)
    time.sleep(3)  # give a wrong second send every chance to happen
    assert len(digests(mailbox)) == 60 and (lost, twice) == (0, 0)
    figures(
        fault="none (60 coordinators, 500 follow-ups)", emails=60, lost=lost, duplicates=twice, seconds=f"{took:.1f}"
    )


def test_smtp_down_at_sweep_time_and_a_coordinator_without_email(workers, smtp_server, celery_client, figures):
    """The sweep queues every digest, then the staff report; nothing goes until the server is back, then all does."""
    Group.objects.get_or_create(name=IOM_STAFF)  # a transactional test before this one may have flushed it
    UserFactory(email="staff@example.org", groups=[IOM_STAFF])
    expected = due_follow_ups(coordinators=20, follow_ups=100, without_email=1)
    workers.start(**FAST)
    workers.start_beat(**FAST)
    sweep(celery_client)
    wait_until(lambda: Reminder.objects.filter(status="pending", attempts__gte=2).count() >= 19, timeout=60)
    assert not Reminder.objects.filter(status="sent").exists()

    mailbox = smtp_server.start()
    back = time.monotonic()
    wait_until(every_reachable_row_sent, timeout=60)
    recovery = time.monotonic() - back
    assert recovery < RECOVERY_BOUND
    wait_until(lambda: any("could not be sent" in message["Subject"] for message in mailbox.messages), timeout=60)
    time.sleep(2)
    lost, twice = check_delivery(mailbox, expected)
    report = next(message for message in mailbox.messages if "could not be sent" in message["Subject"])
    assert report["To"] == "staff@example.org" and "no e-mail address" in report.get_payload()
    assert len(mailbox.messages) == 19 + 1 and (lost, twice) == (0, 0)
    assert Reminder.objects.filter(recipient__email="", status="failed").exists()
    figures(fault="SMTP down at sweep time", emails=20, lost=lost, duplicates=twice, recovery=f"{recovery:.1f} s")


@pytest.mark.parametrize("limit", ["EMAIL_TIMEOUT", "soft time limit"])
def test_a_hung_smtp_server_holds_nothing_for_long(workers, smtp_server, celery_client, figures, limit):
    """A server that accepts and never answers: the SMTP timeout (or the task's time limit, with the timeout too
    long) releases the rows, which are retried once the server answers again."""
    expected = due_follow_ups(coordinators=5, follow_ups=20)
    hung = HungServer(smtp_server.port)
    if limit == "EMAIL_TIMEOUT":
        workers.start(**FAST)
    else:
        workers.start(
            pool="prefork",
            **{**FAST, "EMAIL_TIMEOUT": 60, "REMINDER_SEND_TIME_LIMIT": 4, "REMINDER_SENDING_LEASE_SECONDS": 6},
        )
    workers.start_beat(**FAST)
    sweep(celery_client)
    wait_until(lambda: Reminder.objects.filter(attempts__gte=1, status="pending").count() >= 3, timeout=60)
    stuck = Reminder.objects.filter(status="sending", claimed_at__lt=timezone.now() - timedelta(seconds=10))
    assert not stuck.exists()
    errors = set(Reminder.objects.exclude(last_error="").values_list("last_error", flat=True))
    assert any(("SoftTimeLimitExceeded" if limit != "EMAIL_TIMEOUT" else "timed out") in error for error in errors)

    hung.close()
    mailbox = smtp_server.start()
    back = time.monotonic()
    wait_until(every_reachable_row_sent, timeout=90)
    recovery = time.monotonic() - back
    assert recovery < RECOVERY_BOUND
    time.sleep(2)
    lost, twice = check_delivery(mailbox, expected)
    assert (lost, twice) == (0, 0)
    figures(fault=f"hung SMTP server ({limit})", emails=5, lost=lost, duplicates=twice, recovery=f"{recovery:.1f} s")


@pytest.mark.parametrize("victim", ["main process", "pool child"])
def test_a_worker_killed_while_sending_loses_nothing(workers, mailbox, celery_client, figures, victim):
    expected = due_follow_ups(coordinators=30, follow_ups=120)
    mailbox.delay = 0.2  # slow enough to kill the worker in the middle of the sends
    workers.start_beat(**FAST)
    first = workers.start(pool="solo" if victim == "main process" else "prefork", **FAST)
    sweep(celery_client)
    wait_until(lambda: mailbox.count() >= 5, timeout=60)
    if victim == "main process":
        workers.kill(first)
        workers.start(**FAST)
    else:
        os.kill(workers.children(first)[0], signal.SIGKILL)
    killed = time.monotonic()
    assert mailbox.count() < 30

    wait_until(every_reachable_row_sent, timeout=90)
    recovery = time.monotonic() - killed
    assert recovery < RECOVERY_BOUND
    time.sleep(2)
    lost, twice = check_delivery(mailbox, expected)
    assert lost == 0 and twice <= 1, "only the message in flight may go twice"
    if victim == "pool child":
        assert first.poll() is None, "the worker replaces its child and goes on"
    figures(
        fault=f"worker killed ({victim})",
        emails=mailbox.count(),
        lost=lost,
        duplicates=twice,
        recovery=f"{recovery:.1f} s",
    )


def test_a_redis_restart_loses_the_queued_tasks_but_no_reminder(workers, smtp_server, private_redis, figures):
    """Retries waiting in the worker and tasks in the queue die with a Redis that keeps nothing. The worker
    reconnects, or, when kombu fails to put back the messages it held (an AttributeError in its restore of
    unacknowledged messages), exits and is restarted by its supervisor; the recovery re-queues the rows."""
    expected = due_follow_ups(coordinators=10, follow_ups=40)
    workers.broker_url = private_redis.url
    slow = {**FAST, "REMINDER_RETRY_BACKOFF_SECONDS": 30}  # retries wait in the worker when Redis restarts
    supervisor = workers.start(pool="prefork", supervised=True, **slow)
    workers.start_beat(**slow)
    Celery(broker=private_redis.url).send_task("recommendations.tasks.sweep_reminders")
    wait_until(lambda: Reminder.objects.filter(status="pending", attempts=1).count() == 40, timeout=60)

    private_redis.kill()
    mailbox = smtp_server.start()
    time.sleep(2)
    private_redis.start()
    restarted = time.monotonic()
    wait_until(every_reachable_row_sent, timeout=120)
    recovery = time.monotonic() - restarted
    assert recovery < RECOVERY_BOUND + 30  # the retries waiting in the worker had a 30 s backoff
    time.sleep(2)
    assert supervisor.poll() is None
    lost, twice = check_delivery(mailbox, expected)
    assert (lost, twice) == (0, 0)
    restarts = workers.logs().count("supervisor: restarting")
    figures(
        fault="Redis restarted",
        emails=mailbox.count(),
        lost=lost,
        duplicates=twice,
        recovery=f"{recovery:.1f} s",
        worker_restarts=restarts,
    )


def test_two_concurrent_sweeps_write_once_and_log_no_error(workers, mailbox, celery_client, figures):
    expected = due_follow_ups(coordinators=40, follow_ups=1000)
    for _ in range(2):
        workers.start(loglevel="info")
    time.sleep(3)  # both ready to take a sweep at once
    sweep(celery_client)
    sweep(celery_client)
    wait_until(every_reachable_row_sent, timeout=90)
    time.sleep(3)
    lost, twice = check_delivery(mailbox, expected)
    assert Reminder.objects.count() == sum(len(items) for items in expected.values()) + 0
    assert "ERROR" not in workers.logs() and "IntegrityError" not in workers.logs()
    assert (lost, twice) == (0, 0) and mailbox.count() == 40
    skipped = workers.logs().count("Another reminder sweep is running")
    figures(fault="two sweeps at once", emails=mailbox.count(), lost=lost, duplicates=twice, quiet_no_ops=skipped)


def test_a_resend_to_an_unreachable_or_inactive_coordinator_sends_nothing_and_says_why(workers, mailbox, figures):
    due_follow_ups(coordinators=3, follow_ups=3, without_email=1)
    Person.objects.filter(email="coordinator1@example.org").update(active=False)
    reminders.sweep(TODAY)
    Reminder.objects.filter(recipient__email="coordinator0@example.org").update(status="failed", last_error="554")
    workers.start()
    queued, refused = delivery.resend_failed(Reminder.objects.all())
    wait_until(lambda: mailbox.count() == 1, timeout=60)
    time.sleep(2)
    assert queued == 1 and mailbox.messages[0]["To"] == "coordinator0@example.org"
    assert sorted(reason.rsplit(": ", 1)[1] for reason in refused) == [
        "the coordinator has no e-mail address",
        "the coordinator is inactive",
    ]
    assert Reminder.objects.filter(status="failed").count() == 2
    assert not Reminder.objects.filter(status="sent", recipient__active=False).exists()
    figures(
        fault="resend to unreachable coordinators", emails=mailbox.count(), lost=0, duplicates=0, refused=len(refused)
    )


def test_a_coordinator_handover_sends_to_the_successor_only(workers, mailbox, celery_client, figures):
    expected = due_follow_ups(coordinators=1, follow_ups=6)
    reminders.sweep(TODAY)  # written for the former coordinator while no worker ran
    former = Person.objects.get(email="coordinator0@example.org")
    FocalPoint.objects.filter(person=former).update(
        valid_from=TODAY - timedelta(days=400), valid_until=TODAY - timedelta(days=1)
    )
    successor = PersonFactory(email="successor@example.org", country=COUNTRIES[0], organization=None)
    FocalPointFactory(person=successor, country=COUNTRIES[0], mandate=Mandate.TIP_COORDINATOR, valid_from=TODAY)
    workers.start()
    sweep(celery_client)
    wait_until(every_reachable_row_sent, timeout=60)
    time.sleep(2)
    assert [message["To"] for message in mailbox.messages] == ["successor@example.org"]
    assert linked_follow_ups(mailbox.messages[0]) == expected["coordinator0@example.org"]
    assert set(Reminder.objects.values_list("recipient_id", flat=True)) == {successor.pk}
    assert not OutboundEmail.objects.filter(recipients__contains=["coordinator0@example.org"]).exists()
    figures(fault="coordinator handover", emails=mailbox.count(), lost=0, duplicates=0, to_former=0)
