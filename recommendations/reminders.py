"""The daily reminder sweep: which reminders are due, to whom, and what staff must fix (README, "Reminders").

Reminder rows are the outbox; ``delivery`` sends them. The sweep, in one transaction:

1. takes a PostgreSQL advisory lock, so that a second sweep running at the same time does nothing;
2. revises the rows not sent yet: cancels those of closed follow-ups, turns a due-soon reminder whose date has passed
   into the overdue one, moves rows to the follow-up's current coordinator, and gives failed rows another chance
   once a day, up to ``REMINDER_DAILY_RETRIES``;
3. streams the open follow-ups in chunks and inserts the rows now due, a constant number of queries per chunk; the
   unique key (follow-up, kind, period) makes a second sweep write nothing.

Then the caller queues one digest per recipient and, last, the staff report, an outbox e-mail of its own.
"""

import logging
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from typing import NamedTuple

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django_countries import countries

from core import outbox
from core.roles import staff_addresses

from .choices import CLOSED_STATUSES, UNSENT_STATUSES, ReminderKind, ReminderStatus
from .models import FollowUp, Reminder
from .recipients import Directory

logger = logging.getLogger(__name__)

CHUNK_SIZE = 2000
SWEEP_LOCK_KEY = 0x52454D49  # any constant; pg_try_advisory_xact_lock takes a bigint
UNREACHABLE = "unreachable"
FOLLOW_UP_FIELDS = ("pk", "country", "coordinator_id", "due_date", "assigned_on", "last_progress_on")


@dataclass
class SweepResult:
    written: int = 0
    converted: int = 0  # due-soon reminders turned overdue
    cancelled: int = 0
    retried: int = 0  # failed rows given another chance today
    moved: int = 0  # rows moved to the current coordinator
    problems: Counter = field(default_factory=Counter)  # "Kenya: no coordinator ..." -> reminders concerned
    recipients: list[int] = field(default_factory=list)  # people with pending reminders, to send to
    skipped: bool = False  # another sweep held the lock


def due_reminders(follow_up: FollowUp, today: date) -> list[tuple[str, str]]:
    """The (kind, period) pairs due today for one open follow-up. Each period is sent at most once."""
    due = []
    if follow_up.due_date:
        days_left = (follow_up.due_date - today).days
        if 0 <= days_left <= settings.REMINDER_DUE_SOON_DAYS:
            due.append((ReminderKind.DUE_SOON, f"due-{follow_up.due_date}"))
        elif days_left < 0:
            due.append((ReminderKind.OVERDUE, overdue_period(follow_up.due_date, today)))
    since = follow_up.last_progress_on or follow_up.assigned_on
    quiet_periods = (today - since).days // settings.REMINDER_NO_UPDATE_DAYS
    if quiet_periods >= 1:
        due.append((ReminderKind.NO_UPDATE, f"quiet-{since}-{quiet_periods}"))
    return due


def overdue_period(due_date: date, today: date) -> str:
    week = ((today - due_date).days - 1) // settings.REMINDER_OVERDUE_REPEAT_DAYS
    return f"overdue-{due_date}-{week}"


def sweep(today: date | None = None) -> SweepResult:
    """Write the reminders due ``today`` and revise those not sent yet. A sweep already running makes this a no-op."""
    today = today or timezone.localdate()
    result = SweepResult()
    with transaction.atomic():
        if not sweep_lock_taken():
            logger.info("Another reminder sweep is running; this one does nothing.")
            result.skipped = True
            return result
        directory = Directory(today)
        revise_unsent(today, directory, result)
        for chunk in chunks(open_follow_ups(), CHUNK_SIZE):
            write_due(chunk, today, directory, result)
        result.recipients = pending_recipients()
    return result


def sweep_lock_taken() -> bool:
    """Take the sweep's advisory lock until the transaction ends; False if another sweep holds it."""
    if connection.vendor != "postgresql":
        return True  # SQLite serialises writers by itself
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [SWEEP_LOCK_KEY])
        return cursor.fetchone()[0]


def open_follow_ups() -> Iterator[tuple]:
    """The open follow-ups as light named tuples (no model instances: at 100k they would cost seconds)."""
    rows = FollowUp.objects.open().order_by("pk").values_list(*FOLLOW_UP_FIELDS, named=True)
    return rows.iterator(chunk_size=CHUNK_SIZE)


def chunks(items: Iterator, size: int) -> Iterator[list]:
    while chunk := list(islice(items, size)):
        yield chunk


def write_due(follow_ups: list[tuple], today: date, directory: Directory, result: SweepResult) -> None:
    """Insert the reminders due for one chunk of follow-ups: one query for the rows that exist, one for the people
    not read yet, and one insert."""
    due = [(follow_up, kind, period) for follow_up in follow_ups for kind, period in due_reminders(follow_up, today)]
    existing = set(
        Reminder.objects.filter(
            follow_up_id__in=[follow_up.pk for follow_up in follow_ups],
            period_key__in={period for _follow_up, _kind, period in due},
        ).values_list("follow_up_id", "kind", "period_key")
    )
    directory.load(follow_up.coordinator_id for follow_up in follow_ups)
    rows = [
        row
        for follow_up, kind, period in due
        if (follow_up.pk, kind, period) not in existing
        and (row := new_reminder(follow_up, kind, period, today, directory, result)) is not None
    ]
    insert_ignoring_conflicts(rows)
    result.written += len(rows)


class NewReminder(NamedTuple):
    """A row to insert; a tuple, since 100k model instances would cost the sweep seconds."""

    follow_up_id: int
    recipient_id: int
    kind: str
    period_key: str
    status: str
    last_error: str
    retried_on: date | None


def new_reminder(follow_up, kind: str, period: str, today: date, directory: Directory, result: SweepResult):
    """The row of one due reminder: pending, or failed at once when its recipient cannot receive it. None, and a
    problem for staff, when nobody can be reminded."""
    recipient, problem = directory.recipient(follow_up.country, follow_up.coordinator_id)
    if recipient is None:
        result.problems[problem_line(follow_up.country, None, problem)] += 1
        return None
    unreachable = recipient.unreachable_because()
    if not unreachable:
        return NewReminder(follow_up.pk, recipient.pk, kind, period, ReminderStatus.PENDING, "", None)
    result.problems[problem_line(follow_up.country, recipient, unreachable)] += 1
    # Failed at once; its first day counts as the day's try.
    error = f"{UNREACHABLE}: {unreachable}"
    return NewReminder(follow_up.pk, recipient.pk, kind, period, ReminderStatus.FAILED, error, today)


INSERT_SQL = """
    INSERT INTO recommendations_reminder
        (follow_up_id, recipient_id, kind, period_key, status, last_error, retried_on,
         attempts, daily_retries, created_at, not_before)
    SELECT *, 0, 0, %s, %s
    FROM unnest(%s::integer[], %s::integer[], %s::text[], %s::text[], %s::text[], %s::text[], %s::date[])
    ON CONFLICT DO NOTHING
"""


def insert_ignoring_conflicts(rows: list[NewReminder]) -> None:
    """Insert new rows; one written meanwhile by someone else is left as it is (ON CONFLICT DO NOTHING).

    On PostgreSQL one INSERT ... SELECT FROM unnest() per chunk: ``bulk_create`` spends 50 µs per row preparing
    model instances and values, which alone would halve the sweep's speed at 100k follow-ups
    (bench/reminder_sweep.py)."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        Reminder.objects.bulk_create([Reminder(**row._asdict()) for row in rows], ignore_conflicts=True)
        return
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(INSERT_SQL, [now, now, *(list(column) for column in zip(*rows, strict=True))])


def revise_unsent(today: date, directory: Directory, result: SweepResult) -> None:
    """Cancel, convert, retry and move the rows not sent yet (pending or failed), in chunks: there may be many
    after a long outage of the mail server."""
    unsent = Reminder.objects.filter(status__in=UNSENT_STATUSES)
    result.cancelled += unsent.filter(follow_up__status__in=CLOSED_STATUSES).update(
        status=ReminderStatus.CANCELLED, last_error=_("The follow-up was closed before the reminder went out.")
    )
    past_due = unsent.filter(kind=ReminderKind.DUE_SOON, follow_up__due_date__lt=today).select_related("follow_up")
    for row in past_due.iterator(chunk_size=CHUNK_SIZE):
        turn_overdue(row, today, result)
    retry_failed_once_a_day(today, directory, result)
    follow_current_coordinators(directory, result)


def retry_failed_once_a_day(today: date, directory: Directory, result: SweepResult) -> None:
    failed = (
        Reminder.objects.filter(status=ReminderStatus.FAILED, daily_retries__lt=settings.REMINDER_DAILY_RETRIES)
        .exclude(retried_on=today)
        .select_related("follow_up")
        .order_by("pk")
    )
    for chunk in chunks(failed.iterator(chunk_size=CHUNK_SIZE), CHUNK_SIZE):
        directory.load(row.follow_up.coordinator_id for row in chunk)
        for row in chunk:
            retry_once_a_day(row, today, directory, result)
        Reminder.objects.bulk_update(chunk, RETRIED_FIELDS)


def turn_overdue(row: Reminder, today: date, result: SweepResult) -> None:
    """A due-soon reminder that never went out becomes the overdue one, unless that one exists already."""
    period = overdue_period(row.follow_up.due_date, today)
    if Reminder.objects.filter(follow_up_id=row.follow_up_id, kind=ReminderKind.OVERDUE, period_key=period).exists():
        row.status, row.last_error = ReminderStatus.CANCELLED, _("Replaced by the overdue reminder.")
        row.save(update_fields=["status", "last_error"])
        result.cancelled += 1
        return
    row.kind, row.period_key = ReminderKind.OVERDUE, period
    row.save(update_fields=["kind", "period_key"])
    result.converted += 1


RETRIED_FIELDS = ["recipient", "status", "attempts", "not_before", "last_error", "daily_retries", "retried_on"]


def retry_once_a_day(row: Reminder, today: date, directory: Directory, result: SweepResult) -> None:
    """A failed row goes back to pending, to the current coordinator, once a day while the reason lasts, up to
    ``REMINDER_DAILY_RETRIES`` times; a coordinator still unreachable leaves it failed and counts the day."""
    country = row.follow_up.country
    recipient, problem = directory.recipient(country.code, row.follow_up.coordinator_id)
    reason = problem or recipient.unreachable_because()
    row.daily_retries += 1
    row.retried_on = today
    if reason:
        row.recipient_id = recipient.pk if recipient else row.recipient_id
        row.last_error = f"{UNREACHABLE}: {reason}"
        result.problems[problem_line(country.code, recipient, reason)] += 1
        return
    row.recipient_id, row.status, row.attempts, row.not_before = recipient.pk, ReminderStatus.PENDING, 0, timezone.now()
    result.retried += 1


def follow_current_coordinators(directory: Directory, result: SweepResult) -> None:
    """Pending rows whose recipient is no longer the one to remind (a designation ended, another began) go to the
    current one, or fail with the reason when there is none. A few queries per chunk, however many rows."""
    pending = Reminder.objects.filter(status=ReminderStatus.PENDING).order_by("pk")
    fields = ("pk", "recipient_id", "follow_up__country", "follow_up__coordinator_id")
    for chunk in chunks(pending.values_list(*fields).iterator(chunk_size=CHUNK_SIZE), CHUNK_SIZE):
        directory.load(coordinator_id for _pk, _recipient, _country, coordinator_id in chunk)
        moves: dict[int, list[int]] = defaultdict(list)  # new recipient -> rows
        failures: dict[str, list[int]] = defaultdict(list)  # why nobody -> rows
        for pk, recipient_id, country, coordinator_id in chunk:
            recipient, problem = directory.recipient(country, coordinator_id)
            if recipient is None:
                failures[problem].append(pk)
                result.problems[problem_line(country, None, problem)] += 1
            elif recipient.pk != recipient_id:
                moves[recipient.pk].append(pk)
        for problem, ids in failures.items():
            Reminder.objects.filter(pk__in=ids).update(
                status=ReminderStatus.FAILED, last_error=f"{UNREACHABLE}: {problem}"
            )
        for recipient_id, ids in moves.items():
            result.moved += Reminder.objects.filter(pk__in=ids).update(recipient_id=recipient_id)


def problem_line(country: str, recipient, reason: str) -> str:
    """How the staff report names a problem: "Kenya: no coordinator ..." or "Kenya, Amina Otieno: inactive"."""
    where = f"{countries.name(country)}, {recipient.name}" if recipient else str(countries.name(country))
    return f"{where}: {reason}"


def pending_recipients() -> list[int]:
    pending = Reminder.objects.filter(status=ReminderStatus.PENDING)
    return sorted(set(pending.values_list("recipient_id", flat=True)))


MAX_REPORTED_FAILURES = 200


def queue_staff_report(result: SweepResult, today: date) -> bool:
    """Queue today's report of reminders that cannot go out (problems found by the sweep and rows that failed), as
    an outbox e-mail of its own: once a day while a problem lasts. False when there is nothing to report."""
    failed = list(
        Reminder.objects.filter(status=ReminderStatus.FAILED)
        .select_related("follow_up__recommendation", "recipient")
        .order_by("follow_up__country", "pk")[: MAX_REPORTED_FAILURES + 1]
    )
    if not result.problems and not failed:
        return False
    lines = [_("These reminders cannot go out. Fix the coordinator or the designation in the admin."), ""]
    if result.problems:
        lines += [_("Found by today's sweep:"), *problem_lines(result.problems), ""]
    if failed:
        lines += [_("Reminders that failed:"), *failure_lines(failed)]
    recipients = staff_addresses() or [settings.DEFAULT_FROM_EMAIL]
    subject = _("Cooperation registry: reminders that could not be sent (%(date)s)") % {"date": date_format(today)}
    body = "\n".join(lines)
    return outbox.queue_email(f"reminder-report:{today}", "reminder_report", recipients, subject, body) is not None


def problem_lines(problems: Counter) -> list[str]:
    return [
        _("- %(problem)s (%(count)s reminder(s))") % {"problem": problem, "count": count}
        for problem, count in sorted(problems.items())
    ]


def failure_lines(failed: list[Reminder]) -> list[str]:
    lines = [
        _("- %(follow_up)s, %(kind)s, to %(recipient)s: %(error)s (retried %(retries)s of %(limit)s days)")
        % {
            "follow_up": row.follow_up,
            "kind": row.get_kind_display(),
            "recipient": row.recipient,
            "error": row.last_error or _("unknown error"),
            "retries": row.daily_retries,
            "limit": settings.REMINDER_DAILY_RETRIES,
        }
        for row in failed[:MAX_REPORTED_FAILURES]
    ]
    if len(failed) > MAX_REPORTED_FAILURES:
        lines.append(_("- and more: see Reminders in the admin, filtered by status Failed."))
    return lines
