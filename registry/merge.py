"""Merging duplicate people: everything that refers to the duplicates moves to the record staff keep.

It spans every app (participations, designations, follow-ups, reminders, look-ups), so it lives here, above them.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from contacts.models import FocalPoint, LookupLog, Person
from contacts.services import log_login_changes
from core.text import normalise
from events.models import Participation
from recommendations.models import FollowUp, Reminder


@transaction.atomic
def merge_people(survivor: Person, duplicates: list[Person], *, by, request: HttpRequest | None = None) -> Person:
    """Move the duplicates' relations and history to ``survivor`` and delete them. One transaction: all or nothing.

    A participation at an event the survivor already attended is the same attendance recorded twice: the survivor's
    is kept. Roles, expertise, languages and other spellings are united; missing contact details are filled in.
    A login that moves to the survivor is logged; only a superuser (``by``) may move it to another country, since the
    country decides which follow-ups a coordinator edits.
    """
    duplicates = [person for person in duplicates if person.pk != survivor.pk]
    if not duplicates:
        raise ValidationError(_("Select at least two people to merge."))
    ids = [person.pk for person in duplicates]
    old_country, old_login = survivor.country.code, survivor.user_id
    login_country = move_login(survivor, duplicates)
    if login_country is not None and login_country != survivor.country.code and not by.is_superuser:
        raise ValidationError(_("The kept record is in another country than the login's: only a superuser may merge."))
    move_participations(survivor, ids)
    FocalPoint.objects.filter(person_id__in=ids).update(person=survivor)
    FollowUp.objects.filter(coordinator_id__in=ids).update(coordinator=survivor)
    Reminder.objects.filter(recipient_id__in=ids).update(recipient=survivor)
    LookupLog.objects.filter(person_id__in=ids).update(person=survivor)
    unite_details(survivor, duplicates)
    # Their past changes now read as the survivor's, so staff still see who changed what; each deletion is recorded
    # afterwards under the old id, with the reason.
    Person.history.filter(id__in=ids).update(id=survivor.pk)
    for person in duplicates:
        person._change_reason = f"merged into #{survivor.pk}"
        person.delete()
    log_login_changes(survivor, old_country=old_country, old_user_id=old_login, actor=by, request=request)
    return survivor


def move_login(survivor: Person, duplicates: list[Person]) -> str | None:
    """Give the survivor the login of a duplicate, if one has it; return the country that login had, or None."""
    logins = [person.user_id for person in [survivor, *duplicates] if person.user_id]
    if len(logins) > 1:
        raise ValidationError(_("More than one of these people has a login; a superuser must unlink all but one."))
    if not logins or survivor.user_id:
        return None
    holder = next(person for person in duplicates if person.user_id)
    Person.objects.filter(pk=holder.pk).update(user=None)
    survivor.user_id = logins[0]
    return holder.country.code


def move_participations(survivor: Person, ids: list[int]) -> None:
    attended = set(Participation.objects.filter(person=survivor).values_list("event_id", flat=True))
    for participation in Participation.objects.filter(person_id__in=ids).order_by("pk"):
        if participation.event_id in attended:
            participation.delete()
        else:
            participation.person = survivor
            participation.save(update_fields=["person"])
            attended.add(participation.event_id)


def unite_details(survivor: Person, duplicates: list[Person]) -> None:
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
    survivor._change_reason = "merged with " + ", ".join(f"#{person.pk}" for person in duplicates)
    survivor.save()
