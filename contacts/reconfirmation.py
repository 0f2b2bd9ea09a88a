"""Asking people to confirm, correct or remove their details (README, "Data protection").

A request is a ``Reconfirmation`` row per person and period; its e-mail goes through the outbox (``core.outbox``,
keyed by the row, so it is sent once) in the person's e-mail language, with a signed link that needs no login and
expires after ``RECONFIRMATION_LINK_DAYS``. The link is answered once: "These are right" stamps the verification
date; "Correct them" files a ``Correction`` that staff approve before anything changes; "Remove me" files an
``ErasureRequest``.

The daily sweep (``sweep``: beat, and ``manage.py send_reconfirmations [--dry-run]``) asks everyone whose details
were last verified more than a year ago (or never), once per verification; reminds once, with a fresh link, those
silent for ``RECONFIRMATION_REMINDER_DAYS``; and hides from members those still silent ``RECONFIRMATION_HIDE_DAYS``
after the reminder (``Person.pending_reconfirmation``), of whom staff get a weekly digest (``weekly_digest``).
Every e-mail is an outbox row with a key, so a second sweep, or a second beat, sends nothing twice.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.outbox import queue_email
from core.roles import staff_addresses

from .choices import CorrectionStatus, ReconfirmationAnswer, Visibility
from .models import Correction, ErasureRequest, Person, Reconfirmation

SALT = "contacts.reconfirmation"
CORRECTABLE = ("honorific", "given_name", "family_name", "job_title", "email", "phone", "secure_channel_note")


class LinkRefused(Exception):
    """The link is altered, expired or already answered; ``reason`` says which, for the page."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@transaction.atomic
def ask(person: Person, period: str) -> Reconfirmation | None:
    """Write the request for ``period`` and queue its e-mail; None when the person has no e-mail address or was
    already asked for that period."""
    if not person.email:
        return None
    request, created = Reconfirmation.objects.get_or_create(person=person, period=period)
    if not created:
        return None
    with translation.override(person.preferred_language):
        subject = _("Are your details in the cooperation registry still right?")
        body = render_to_string("contacts/email/reconfirmation.txt", {"person": person, "link": link(request)})
    queue_email(f"reconfirmation:{request.pk}", "reconfirmation", [person.email], subject, body)
    return request


@dataclass
class SweepResult:
    asked: list[Person] = field(default_factory=list)
    reminded: list[Person] = field(default_factory=list)
    hidden: list[Person] = field(default_factory=list)


def verification_period(person: Person) -> str:
    """One request per verification: a new one only after the person's details were verified again."""
    return f"verified-{person.last_verified_on.isoformat() if person.last_verified_on else 'never'}"


def due_for_request(today) -> list[Person]:
    lapsed = Q(last_verified_on__isnull=True) | Q(last_verified_on__lte=today - timedelta(days=365))
    people = Person.objects.filter(lapsed, active=True).exclude(email="").prefetch_related("reconfirmations")
    return [p for p in people if verification_period(p) not in {r.period for r in p.reconfirmations.all()}]


def due_for_reminder(now):
    silent_since = now - timedelta(days=settings.RECONFIRMATION_REMINDER_DAYS)
    return Reconfirmation.objects.filter(answered_at=None, reminded_at=None, created_at__lte=silent_since)


def due_for_hiding(now):
    silent_since = now - timedelta(days=settings.RECONFIRMATION_HIDE_DAYS)
    return Reconfirmation.objects.filter(
        answered_at=None, reminded_at__lte=silent_since, person__pending_reconfirmation=False
    )


def sweep(dry_run: bool = False) -> SweepResult:
    """Ask, remind and hide as the rules say; with ``dry_run``, only say whom."""
    now = timezone.now()
    result = SweepResult(asked=due_for_request(timezone.localdate()))
    result.reminded = [request.person for request in due_for_reminder(now).select_related("person")]
    result.hidden = [request.person for request in due_for_hiding(now).select_related("person")]
    if dry_run:
        return result
    for person in result.asked:
        ask(person, verification_period(person))
    for request in due_for_reminder(now).select_related("person"):
        remind(request)
    Person.objects.filter(pk__in=[person.pk for person in result.hidden]).update(pending_reconfirmation=True)
    return result


@transaction.atomic
def remind(request: Reconfirmation) -> None:
    """The one reminder, with a fresh link (the first has expired by now)."""
    if not Reconfirmation.objects.filter(pk=request.pk, reminded_at=None).update(reminded_at=timezone.now()):
        return
    person = request.person
    with translation.override(person.preferred_language):
        subject = _("Reminder: are your details in the cooperation registry still right?")
        body = render_to_string("contacts/email/reconfirmation.txt", {"person": person, "link": link(request)})
    queue_email(f"reconfirmation-reminder:{request.pk}", "reconfirmation", [person.email], subject, body)


def weekly_digest() -> bool:
    """Staff: the people hidden for want of an answer, once a week."""
    hidden = list(Person.objects.filter(pending_reconfirmation=True).order_by("country", "family_name"))
    if not hidden:
        return False
    week = timezone.localdate().isocalendar()
    lines = "\n".join(f"- {person} ({person.country.code or '-'}), #{person.pk}" for person in hidden)
    body = (
        f"{len(hidden)} people are hidden from members until they confirm their details:\n\n{lines}\n\n"
        f"Contact them another way, or send a new request from the admin: {settings.SITE_URL}/admin/contacts/person/"
        "?pending_reconfirmation__exact=1\n"
    )
    subject = f"Re-confirmation: {len(hidden)} people hidden, week {week.week}"
    return (
        queue_email(
            f"reconfirmation-digest:{week.year}-W{week.week:02d}",
            "reconfirmation_digest",
            staff_addresses(),
            subject,
            body,
        )
        is not None
    )


def renew(email: str) -> list[Reconfirmation]:
    """New requests for everyone active with ``email`` (an expired or lost link)."""
    period = f"renewed-{timezone.now():%Y%m%d%H%M%S}"
    people = Person.objects.filter(email__iexact=email.strip(), active=True).exclude(email="")
    return [request for person in people if (request := ask(person, period))]


def link(request: Reconfirmation) -> str:
    token = signing.dumps(request.pk, salt=SALT)
    return f"{settings.SITE_URL}{reverse('contacts:reconfirm', args=[token])}"


def open_request(token: str) -> Reconfirmation:
    """The request a link stands for, if it may still be answered."""
    try:
        pk = signing.loads(token, salt=SALT, max_age=settings.RECONFIRMATION_LINK_DAYS * 24 * 3600)
    except signing.SignatureExpired as error:
        raise LinkRefused("expired") from error
    except signing.BadSignature as error:
        raise LinkRefused("altered") from error
    request = Reconfirmation.objects.select_related("person").filter(pk=pk).first()
    if request is None:
        raise LinkRefused("altered")
    if request.answered_at is not None:
        raise LinkRefused("answered")
    return request


@transaction.atomic
def answer(request: Reconfirmation, choice: ReconfirmationAnswer, corrections: dict | None = None) -> None:
    """Record the answer, once: a second answer to the same request changes nothing."""
    claimed = Reconfirmation.objects.filter(pk=request.pk, answered_at__isnull=True).update(
        answered_at=timezone.now(), answer=choice
    )
    if not claimed:
        raise LinkRefused("answered")
    person = request.person
    if choice == ReconfirmationAnswer.CONFIRMED:
        Person.objects.filter(pk=person.pk).update(last_verified_on=timezone.localdate(), pending_reconfirmation=False)
    elif choice == ReconfirmationAnswer.CORRECTED:
        Correction.objects.create(person=person, proposed=corrections or {})
    else:
        ErasureRequest.objects.create(person=person, source="re-confirmation link")


@transaction.atomic
def approve(correction: Correction, by) -> Person:
    """Apply a person's proposed details (checked again as the admin would) and stamp them verified."""
    person = correction.person
    for name, value in correction.proposed.items():
        if name in CORRECTABLE:
            setattr(person, name, value)
    person.last_verified_on = timezone.localdate()
    person.pending_reconfirmation = False
    person.full_clean()
    person.save()
    Correction.objects.filter(pk=correction.pk).update(
        status=CorrectionStatus.APPROVED, decided_by=by, decided_at=timezone.now()
    )
    return person


@transaction.atomic
def withdraw_consent(person: Person) -> ErasureRequest:
    """The person withdrew their consent: hidden from members at once (staff-only, no basis recorded), and an
    erasure request filed for a superuser to act on."""
    Person.objects.filter(pk=person.pk).update(visibility=Visibility.STAFF, legal_basis="", consent_recorded_on=None)
    return ErasureRequest.objects.create(person=person, source="consent withdrawn")
