"""Erasing a person on request: everything that says who they were goes; the registry's facts stay true.

The person row stays, as the placeholder "Erased person #<id>", so that the rows that keep the registry's facts point
at it: participations (an event still had 53 participants), follow-ups and designations (ended on the erasure date).
Their earlier versions in the history tables are purged, with those of the records merged into theirs; their login
is scrubbed and closed; look-up, export and security-log rows about them are anonymised; progress updates they wrote
keep their status change, without author.
One transaction: an erasure interrupted halfway leaves nothing half-erased. It spans every app, so it lives here.
"""

import re
from collections.abc import Sequence
from datetime import date

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone

from contacts.choices import Visibility
from contacts.models import Correction, ErasureRequest, ExportLog, FocalPoint, LookupLog, Person
from core.models import ApiToken, OutboundEmail, SecurityEvent, SecurityEventKind
from core.security_log import record
from core.sessions import end_sessions
from recommendations.models import ProgressUpdate, Reminder

from .merge import merged_records


@transaction.atomic
def erase_person(person: Person, *, by=None, request: HttpRequest | None = None) -> Person:
    """Erase ``person``; returns the placeholder row. ``by`` is the superuser who asked (None from the command line,
    whose operator has the server's keys anyway)."""
    if by is not None and not by.is_superuser:
        raise PermissionDenied("Only a superuser may erase a person.")
    merged = merged_records(person.pk)  # the records merged into theirs kept their own histories: those go too
    traces = personal_strings(person, [entry.instance for entry in merged])
    login = person.user
    end_designations(person)
    scrub_person(person)
    Person.history.filter(id__in=[person.pk, *(entry.id for entry in merged)]).delete()
    if login is not None:
        close_login(login)
    anonymise_logs(person, traces)
    Correction.objects.filter(person=person).delete()  # the details they proposed
    ErasureRequest.objects.filter(person=person, handled_at__isnull=True).update(handled_at=timezone.now())
    how = "admin" if by is not None else "command line"
    record(SecurityEventKind.PERSON_ERASED, request=request, actor=by, detail=f"person #{person.pk} ({how})")
    return person


def personal_strings(person: Person, merged: Sequence[Person] = ()) -> list[str]:
    """The texts that could identify the person elsewhere (logs, e-mails): each word of their names and spellings,
    their full name, addresses and login, longest first; also those of the records ``merged`` into theirs."""
    values = []
    for each in [person, *merged]:
        names = [each.given_name, each.family_name, *each.other_spellings.splitlines()]
        values += [each.full_name, each.email, str(each.phone or ""), *names]
        values += [word for name in names for word in name.split()]
    if person.user is not None:
        user = person.user
        values += [user.username, user.email, user.get_full_name(), user.first_name, user.last_name]
    return sorted({value.strip() for value in values if value and len(value.strip()) >= 3}, key=len, reverse=True)


def end_designations(person: Person) -> None:
    today = date.today()
    FocalPoint.objects.filter(person=person).filter(Q(valid_until__isnull=True) | Q(valid_until__gt=today)).update(
        valid_until=today
    )


def scrub_person(person: Person) -> None:
    """The placeholder: "Erased person #<id>", unlisted and inactive, with nothing else."""
    person.honorific = person.other_spellings = person.job_title = person.secure_channel_note = ""
    person.given_name, person.family_name = "Erased", f"person #{person.pk}"
    person.email, person.phone, person.consent_note, person.legal_basis = "", "", "", ""
    person.consent_recorded_on = person.last_verified_on = None
    person.visibility, person.active, person.user = Visibility.UNLISTED, False, None
    person.skip_history_when_saving = True
    person.save()
    person.roles.clear()
    person.expertise.clear()
    person.languages.clear()


def close_login(login) -> None:
    """The person's login keeps its id (admin history and updates still point at it) and nothing else."""
    old_username = login.username
    end_sessions(login)
    ApiToken.objects.filter(user=login).delete()
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        model.objects.filter(username=old_username).delete()
    login.username = f"erased-{login.pk}"
    login.email = login.first_name = login.last_name = ""
    login.is_active = login.is_staff = login.is_superuser = False
    login.set_unusable_password()
    login.save()
    login.groups.clear()
    SecurityEvent.objects.filter(username=old_username).update(username=login.username)
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(get_user_model()), object_id=str(login.pk)
    ).update(object_repr=login.username)


def anonymise_logs(person: Person, traces: list[str]) -> None:
    """Rows about the person keep their facts and lose every mention of who they were."""
    LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(Person), object_id=str(person.pk)).update(
        object_repr=str(person)
    )
    LookupLog.objects.filter(person=person).update(token_name="")
    SecurityEvent.objects.filter(username__in=traces).update(username="")
    for email in OutboundEmail.objects.all():  # addressed to them: the row stays as a count, without the address
        if any(trace.lower() in address.lower() for address in email.recipients for trace in traces):
            OutboundEmail.objects.filter(pk=email.pk).update(recipients=[])
    for model, fields in (
        (ExportLog, ("what",)),
        (OutboundEmail, ("subject", "body")),
        (SecurityEvent, ("detail", "username")),
        (Reminder, ("last_error",)),
        (ProgressUpdate, ("note", "evidence_name")),
    ):
        redact_rows(model, fields, traces)


def redact_rows(model, fields: tuple[str, ...], traces: list[str]) -> None:
    """Replace each whole-word mention of a trace in ``fields`` by "[erased]" (updates, since some rows are
    append-only for everyone else)."""
    if not traces:
        return
    candidates = Q()
    for text in traces:
        for field in fields:
            candidates |= Q(**{f"{field}__icontains": text})
    for row in model.objects.filter(candidates):
        changed = {field: redact(getattr(row, field), traces) for field in fields}
        if any(changed[field] != getattr(row, field) for field in fields):
            model.objects.filter(pk=row.pk).update(**changed)


def redact(text: str, traces: list[str]) -> str:
    for trace in traces:
        text = re.sub(rf"(?<!\w){re.escape(trace)}(?!\w)", "[erased]", text, flags=re.IGNORECASE)
    return text
