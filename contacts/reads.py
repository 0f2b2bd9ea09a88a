"""Reading a person's contact channels (e-mail, phone, secure-channel note): one card at a time, logged, and counted
against the reader's budget of distinct people.

The card page, the vCard and ``GET /api/v1/people/{id}/`` all go through ``read_contact``. A member may read
``CONTACT_READS_PER_DAY`` distinct people in 24 hours and ``CONTACT_READS_PER_WEEK`` in 7 days; re-reading someone
already read in the window costs nothing, and IOM staff have no budget. Reading one's own card is not logged.
"""

import math
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

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
