"""Reading a person's contact channels (e-mail, phone, secure-channel note): one card at a time, logged, and counted
against the reader's budget of distinct people.

The card page, the vCard and ``GET /api/v1/people/{id}/`` all go through ``read_contact``. A member may read
``CONTACT_READS_PER_DAY`` distinct people in 24 hours and ``CONTACT_READS_PER_WEEK`` in 7 days; re-reading someone
already read in the window costs nothing, and IOM staff have no budget. Reading one's own card is not logged.
A printed country directory reads everyone in it at once, all or nothing, through ``read_contacts``.
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core import roles
from core.models import SecurityEventKind
from core.outbox import queue_email
from core.roles import staff_addresses
from core.security_log import record

from .choices import LookupAction
from .models import LookupLog, Person


@dataclass(frozen=True)
class Window:
    name: str
    length: timedelta
    limit: int


class ReadBudgetExceeded(Exception):
    """The reader has read as many distinct people as the window allows; ``retry_after`` is in seconds."""

    def __init__(self, window: Window, retry_after: int):
        self.window, self.retry_after = window, retry_after
        super().__init__(budget_message(window, retry_after))


def windows() -> tuple[Window, ...]:
    return (
        Window("day", timedelta(days=1), settings.CONTACT_READS_PER_DAY),
        Window("week", timedelta(days=7), settings.CONTACT_READS_PER_WEEK),
    )


def read_contact(viewer, person: Person, action: LookupAction, *, token_name: str = "") -> None:
    """Check the budget and log the read, or raise ``ReadBudgetExceeded`` and log nothing."""
    if person.user_id is not None and person.user_id == viewer.pk:
        return
    if roles.is_iom_staff(viewer):
        LookupLog.objects.create(viewer=viewer, person=person, action=action, token_name=token_name[:100])
        return
    check_budget(viewer, person)
    LookupLog.objects.create(viewer=viewer, person=person, action=action, token_name=token_name[:100])
    alert_staff_at_thresholds(viewer)


def check_budget(viewer, person: Person) -> None:
    now = timezone.now()
    for window in windows():
        reads = LookupLog.objects.filter(viewer=viewer, at__gt=now - window.length)
        if reads.filter(person=person).exists():
            continue  # already read in this window: free
        read_people = reads.values("person").annotate(last=Max("at")).order_by("last")
        if read_people.count() >= window.limit:
            oldest_last_read = read_people.first()["last"]
            wait = (oldest_last_read + window.length - now).total_seconds()
            raise ReadBudgetExceeded(window, max(1, math.ceil(wait)))


def alert_staff_at_thresholds(viewer) -> None:
    """When a member's count of distinct people reaches the alert share of a budget, and again when it reaches the
    budget, staff get one e-mail (through the outbox) and the security log one line."""
    for window in windows():
        count = distinct_people_read(viewer, window)
        for percent in (settings.CONTACT_READS_ALERT_PERCENT, 100):
            if count == math.ceil(window.limit * percent / 100):
                alert_staff(viewer, window, percent, count)


def alert_staff(viewer, window: Window, percent: int, count: int) -> None:
    iso = timezone.localdate().isocalendar()
    period = timezone.localdate().isoformat() if window.name == "day" else f"{iso.year}-W{iso.week:02d}"
    detail = f"{count} of {window.limit} people in the {window.name} budget ({percent}%)"
    subject = f"Contact reads: {viewer.get_username()} reached {percent}% of the {window.name} budget"
    body = (
        f"The account {viewer.get_username()} ({viewer.get_full_name() or 'no name'}) has read the contact details of "
        f"{detail}.\n\nA member who reads this many counterparts may be working hard, or the account may be in "
        f"the wrong hands. The report of contact reads: {settings.SITE_URL}{reverse('contacts:read_report')}\n"
    )
    if queue_email(
        f"contact-reads:{viewer.pk}:{window.name}:{percent}:{period}", "contact_reads", staff_addresses(), subject, body
    ):
        record(SecurityEventKind.CONTACT_READS_ALERT, user=viewer, detail=detail)


def distinct_people_read(viewer, window: Window) -> int:
    since = timezone.now() - window.length
    return LookupLog.objects.filter(viewer=viewer, at__gt=since).values("person").distinct().count()


def budget_message(window: Window, retry_after: int) -> str:
    hours = max(1, round(retry_after / 3600))
    return _(
        "You have read the contact details of %(limit)s different people in the last %(window)s, the most the "
        "registry allows. You can read them again in about %(hours)s hour(s); cards you have already opened stay "
        "open to you. If your work needs more, ask IOM staff."
    ) % {"limit": window.limit, "window": _("24 hours") if window.name == "day" else _("7 days"), "hours": hours}


class BulkReadBudgetExceeded(ReadBudgetExceeded):
    """Reading all of ``people`` people at once would take the reader past a budget, so none was read. ``new`` of
    them were not read in the window, the budget allows ``remaining`` more; ``retry_after`` (seconds) is None when
    the window can never hold them all (more people than its limit)."""

    def __init__(self, window: Window, retry_after: int | None, *, people: int, new: int, remaining: int):
        self.window, self.retry_after = window, retry_after
        self.people, self.new, self.remaining = people, new, remaining
        Exception.__init__(self, bulk_budget_message(self))


def read_contacts(viewer, people: Iterable[Person], action: LookupAction) -> None:
    """``read_contact`` for several people at once (a printed directory), all or nothing: one log row per person,
    or ``BulkReadBudgetExceeded`` and nothing logged when the budget cannot cover every person not read in the
    window. The same rules as one card: staff have no budget, re-reading is free, one's own card is not logged.

    The reader's user row is locked for the check and the insert, so that parallel requests cannot each spend the
    same remaining budget. A fixed number of queries whatever the number of people."""
    asked = list({person.pk: person for person in people}.values())
    others = [person for person in asked if person.user_id is None or person.user_id != viewer.pk]
    if not others:
        return
    with transaction.atomic():
        if roles.is_iom_staff(viewer):
            log_reads(viewer, others, action)
            return
        list(get_user_model().objects.select_for_update().filter(pk=viewer.pk).values_list("pk"))
        now = timezone.now()
        read = {window: last_reads(viewer, window, now) for window in windows()}
        refusals = [bulk_refusal(window, last, others, len(asked), now) for window, last in read.items()]
        if refused := [refusal for refusal in refusals if refusal]:
            raise max(refused, key=lambda refusal: math.inf if refusal.retry_after is None else refusal.retry_after)
        log_reads(viewer, others, action)
        for window, last in read.items():
            after = len(last.keys() | {person.pk for person in others})
            alert_staff_when_crossing(viewer, window, before=len(last), after=after)


def log_reads(viewer, people: list[Person], action: LookupAction) -> None:
    LookupLog.objects.bulk_create(LookupLog(viewer=viewer, person=person, action=action) for person in people)


def last_reads(viewer, window: Window, now: datetime) -> dict[int | None, datetime]:
    """When the reader last read each person they read in the window (a member's are at most the window's limit)."""
    reads = LookupLog.objects.filter(viewer=viewer, at__gt=now - window.length)
    return dict(reads.values_list("person").annotate(last=Max("at")).order_by())


def bulk_refusal(
    window: Window, last_read: dict, people: list[Person], asked: int, now: datetime
) -> BulkReadBudgetExceeded | None:
    """The refusal when ``people`` do not fit in the window's budget, with when they will: a read of someone else
    frees its place as it leaves the window, while one of these people who leaves it comes back as a new read."""
    wanted = {person.pk for person in people}
    new = len(wanted - last_read.keys())
    excess = len(last_read) + new - window.limit
    if excess <= 0:
        return None
    freed_in_time = sorted(at for pk, at in last_read.items() if pk not in wanted)
    retry_after = None
    if excess <= len(freed_in_time):
        wait = (freed_in_time[excess - 1] + window.length - now).total_seconds()
        retry_after = max(1, math.ceil(wait))
    remaining = max(0, window.limit - len(last_read))
    return BulkReadBudgetExceeded(window, retry_after, people=asked, new=new, remaining=remaining)


def alert_staff_when_crossing(viewer, window: Window, before: int, after: int) -> None:
    """``alert_staff_at_thresholds`` for a read of several people, which may step over a threshold."""
    for percent in (settings.CONTACT_READS_ALERT_PERCENT, 100):
        if before < math.ceil(window.limit * percent / 100) <= after:
            alert_staff(viewer, window, percent, after)


def bulk_budget_message(refusal: BulkReadBudgetExceeded) -> str:
    window = _("24 hours") if refusal.window.name == "day" else _("7 days")
    holds = ngettext(
        "This directory holds %(count)s person, and printing it counts as opening their card.",
        "This directory holds %(count)s people, and printing it counts as opening each of their cards.",
        refusal.people,
    ) % {"count": refusal.people}
    budget = ngettext(
        "You have not read %(new)s of them in the last %(window)s, and you may read %(count)s more different "
        "person in that time.",
        "You have not read %(new)s of them in the last %(window)s, and you may read %(count)s more different "
        "people in that time.",
        refusal.remaining,
    ) % {"new": refusal.new, "window": window, "count": refusal.remaining}
    if refusal.retry_after is None:
        when = _(
            "That is more than the registry allows in %(window)s: open the cards you need one at a time, or ask "
            "IOM staff."
        ) % {"window": window}
    else:
        hours = max(1, round(refusal.retry_after / 3600))
        when = _("You can print it in about %(hours)s hour(s); cards you have already opened stay open to you.") % {
            "hours": hours
        }
    return " ".join((holds, budget, when, _("Nothing was printed or recorded.")))
