"""Merging duplicate people: everything that refers to the duplicates moves to the record staff keep.

It spans every app (participations, designations, follow-ups, reminders, look-ups), so it lives here, above them.

Each record keeps its own history. A moved row with a history gets an entry "moved from #12 by merge into #7"; the
survivor gets one entry "merged with #12, #13"; each duplicate's history stays under its own id and ends with its
deletion, "merged into #7", which is how ``merged_records`` finds them again (for the history page and erasure).
"""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from contacts.models import FocalPoint, LookupLog, Person
from contacts.services import log_login_changes
from core.text import normalise
from events.models import Participation
from recommendations.models import FollowUp, Reminder

# The history tables' change-reason column holds at most this many characters.
REASON_LENGTH = 100
# A record merged into one that was itself merged later: how many such steps ``merged_records`` follows at most.
MERGE_DEPTH = 20


@transaction.atomic
def merge_people(survivor: Person, duplicates: list[Person], *, by, request: HttpRequest | None = None) -> Person:
    """Move the duplicates' relations to ``survivor`` and delete them. One transaction: all or nothing.

    A participation at an event the survivor already attended is the same attendance recorded twice: the survivor's
    is kept. Roles, expertise, languages and other spellings are united; missing contact details are filled in.
    A login that moves to the survivor is logged; only a superuser (``by``) may move it to another country, since the
    country decides which follow-ups a coordinator edits. Every history entry written names ``by``.
    """
    duplicates = [person for person in duplicates if person.pk != survivor.pk]
    if not duplicates:
        raise ValidationError(_("Select at least two people to merge."))
    ids = [person.pk for person in duplicates]
    old_country, old_login = survivor.country.code, survivor.user_id
    login_country = move_login(survivor, duplicates)
    if login_country is not None and login_country != survivor.country.code and not by.is_superuser:
        raise ValidationError(_("The kept record is in another country than the login's: only a superuser may merge."))
    move_participations(survivor, ids, by)
    move_with_history(FocalPoint.objects.filter(person_id__in=ids), "person", survivor, by)
    move_with_history(FollowUp.objects.filter(coordinator_id__in=ids), "coordinator", survivor, by)
    Reminder.objects.filter(recipient_id__in=ids).update(recipient=survivor)  # no history: the outbox's own rows
    LookupLog.objects.filter(person_id__in=ids).update(person=survivor)  # append-only, no history
    unite_details(survivor, duplicates, by)
    for person in duplicates:
        person._change_reason = merged_into_reason(survivor.pk)
        person._history_user = by
        person.delete()
    log_login_changes(survivor, old_country=old_country, old_user_id=old_login, actor=by, request=request)
    return survivor


def merged_into_reason(pk: int) -> str:
    """The change reason of a duplicate's deletion; ``merged_records`` looks for it, so it is not translated."""
    return f"merged into #{pk}"


def moved_reason(old_pk: int, survivor_pk: int) -> str:
    return f"moved from #{old_pk} by merge into #{survivor_pk}"


def merged_with_reason(ids: list[int]) -> str:
    """ "merged with #12, #13", shortened to "merged with #12, #13, … (40 records)" to fit the history column."""
    reason = "merged with " + ", ".join(f"#{pk}" for pk in ids)
    kept = list(ids)
    while len(reason) > REASON_LENGTH:
        kept.pop()
        reason = "merged with " + ", ".join(f"#{pk}" for pk in kept) + f", … ({len(ids)} records)"
    return reason


def move_login(survivor: Person, duplicates: list[Person]) -> str | None:
    """Give the survivor the login of a duplicate, if one has it; return the country that login had, or None."""
    logins = [person.user_id for person in [survivor, *duplicates] if person.user_id]
    if len(logins) > 1:
        raise ValidationError(_("More than one of these people has a login; a superuser must unlink all but one."))
    if not logins or survivor.user_id:
        return None
    holder = next(person for person in duplicates if person.user_id)
    Person.objects.filter(pk=holder.pk).update(user=None)
    holder.user_id = None  # so its deletion entry shows the login gone to the survivor, not still held
    survivor.user_id = logins[0]
    return holder.country.code


def move_with_history(rows: models.QuerySet, field: str, survivor: Person, by) -> list[models.Model]:
    """Point ``field`` of ``rows`` at ``survivor``: one UPDATE and one INSERT of history entries, however many rows."""
    moved = list(rows)
    for row in moved:
        row._change_reason = moved_reason(getattr(row, f"{field}_id"), survivor.pk)
        setattr(row, field, survivor)
    if moved:
        bulk_update_with_history(moved, rows.model, [field], default_user=by)
    return moved


def move_participations(survivor: Person, ids: list[int], by) -> None:
    """Move the duplicates' participations; one at an event the survivor already attended is dropped."""
    attended = set(Participation.objects.filter(person=survivor).values_list("event_id", flat=True))
    doubled = []
    moving = Participation.objects.filter(person_id__in=ids)
    for pk, event_id in moving.order_by("pk").values_list("pk", "event_id"):
        if event_id in attended:
            doubled.append(pk)
        attended.add(event_id)
    move_with_history(moving.exclude(pk__in=doubled), "person", survivor, by)
    for participation in Participation.objects.filter(pk__in=doubled):  # rare: one deletion entry each
        participation._change_reason = f"already recorded for #{survivor.pk}, dropped by merge"
        participation._history_user = by
        participation.delete()


def unite_details(survivor: Person, duplicates: list[Person], by) -> None:
    spellings = survivor.other_spellings.splitlines()
    for person in duplicates:
        survivor.roles.add(*person.roles.all())
        survivor.expertise.add(*person.expertise.all())
        survivor.languages.add(*person.languages.all())
        for name in [person.full_name, *person.other_spellings.splitlines()]:
            if normalise(name) != normalise(survivor.full_name) and name not in spellings:
                spellings.append(name)
        for field in ("email", "phone", "job_title", "secure_channel_note"):
            if not getattr(survivor, field) and getattr(person, field):
                setattr(survivor, field, getattr(person, field))
        survivor.organization = survivor.organization or person.organization
    survivor.other_spellings = "\n".join(spellings)
    survivor._change_reason = merged_with_reason([person.pk for person in duplicates])
    survivor._history_user = by
    survivor.save()


def merged_records(pk: int) -> list:
    """The deletion entries of the records merged into person ``pk``, also through a record merged into it that was
    merged in turn, newest first. One query per step of such a chain; a cycle in broken data ends it."""
    found, seen, frontier = [], {pk}, [pk]
    for _step in range(MERGE_DEPTH):
        reasons = [merged_into_reason(each) for each in frontier]
        entries = Person.history.filter(history_type="-", history_change_reason__in=reasons).exclude(id__in=seen)
        entries = list(entries.order_by("-history_date"))
        if not entries:
            break
        found += entries
        frontier = [entry.id for entry in entries]
        seen.update(frontier)
    return found
