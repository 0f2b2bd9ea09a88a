"""Asking people to confirm, correct or remove their details (README, "Data protection").

A request is a ``Reconfirmation`` row per person and period; its e-mail goes through the outbox (``core.outbox``,
keyed by the row, so it is sent once) in the person's e-mail language, with a signed link that needs no login and
expires after ``RECONFIRMATION_LINK_DAYS``. The link is answered once: "These are right" stamps the verification
date; "Correct them" files a ``Correction`` that staff approve before anything changes; "Remove me" files an
``ErasureRequest``.
"""

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.outbox import queue_email

from .choices import CorrectionStatus, ReconfirmationAnswer
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
        Person.objects.filter(pk=person.pk).update(last_verified_on=timezone.localdate())
    elif choice == ReconfirmationAnswer.CORRECTED:
        Correction.objects.create(person=person, proposed=corrections or {})
    else:
        ErasureRequest.objects.create(person=person, source="re-confirmation link")


@transaction.atomic
def approve(correction: Correction, by) -> Person:
    """Apply a person's proposed details (checked again as the admin would) and stamp them verified."""
    person = correction.person
    for field, value in correction.proposed.items():
        if field in CORRECTABLE:
            setattr(person, field, value)
    person.last_verified_on = timezone.localdate()
    person.full_clean()
    person.save()
    Correction.objects.filter(pk=correction.pk).update(
        status=CorrectionStatus.APPROVED, decided_by=by, decided_at=timezone.now()
    )
    return person
