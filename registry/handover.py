"""Handing a designation over to its next holder: the designation, the follow-ups, the reminders and the e-mail.

It spans every app (designations, follow-ups and their reminders, events attended), so it lives here, on top.

``hand_over`` ends the old designation the day before the handover and starts its successor on the day, naming the
old one as its predecessor. For the TIP national coordinator, the outgoing holder's open follow-ups of the country go
to the successor, and so do their reminders not sent yet, by the same rule the reminder sweep follows
(``recommendations.recipients``). Then ONE e-mail to the successor, through the outbox, keyed by the new designation
so that it is never written twice. All in one transaction: a refusal changes nothing.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from contacts.choices import Mandate
from contacts.models import FocalPoint, Organization, Person, listed_people, people_visible_to
from core import outbox
from core.models import OutboundEmail
from events.models import Event, Participation
from recommendations.choices import ReminderStatus
from recommendations.models import FollowUp, ProgressUpdate, Reminder
from recommendations.recipients import recipients_of
from recommendations.tasks import send_reminder_digest

EMAIL_KIND = "handover"
# Counterparts are the people met at the events of the last few years: older acquaintances have often moved on.
COUNTERPART_YEARS = 3
# An e-mail lists at most this many counterparts; the directory has the others.
MAX_COUNTERPARTS = 50


@transaction.atomic
def hand_over(
    designation: FocalPoint, successor: Person | None, on: date, by: User, organization: Organization | None = None
) -> FocalPoint:
    """End ``designation`` the day before ``on`` and start the successor's from ``on``, with the same country,
    mandate, legal basis, languages, channels and notes, and ``organization`` (None: the current one). For the TIP
    national coordinator, move the outgoing holder's open follow-ups of the country to the successor. Queue the
    successor's handover e-mail (none without an address). History entries name ``by``.

    Raises ``ValidationError`` (keyed by "successor", "on" or the whole) and changes nothing when the handover
    cannot be done."""
    old = (
        FocalPoint.objects.select_for_update(of=("self",))
        .select_related("person", "organization")
        .get(pk=designation.pk)
    )
    check_handover(old, successor, on)
    end_designation(old, on, by)
    new = successor_designation(old, successor, on, organization or old.organization, by)
    move_follow_ups(old, successor, by)
    move_pending_reminders(old)
    queue_handover_email(new)
    return new


def check_handover(old: FocalPoint, successor: Person | None, on: date) -> None:
    """Every reason the handover cannot be done, at once."""
    problems = {
        NON_FIELD_ERRORS: designation_problems(old, on),
        "on": date_problems(old, on),
        "successor": successor_problems(old, successor, on),
    }
    errors = {field: messages for field, messages in problems.items() if messages}
    if errors:
        raise ValidationError(errors)


def designation_problems(old: FocalPoint, on: date) -> list[str]:
    if old.valid_until is not None and old.valid_until < timezone.localdate():
        ended = dated(old.valid_until)
        return [_("This designation ended on %(date)s: only a current one can be handed over.") % ended]
    if not old.is_current(on):
        return [_("This designation is not current on %(date)s.") % dated(on)]
    return []


def date_problems(old: FocalPoint, on: date) -> list[str]:
    # The old designation ends the day before, and a designation must end after it starts.
    if old.valid_from is not None and on - timedelta(days=1) <= old.valid_from:
        return [
            _("The handover must come at least two days after the designation began (%(date)s).")
            % dated(old.valid_from)
        ]
    return []


def successor_problems(old: FocalPoint, successor: Person | None, on: date) -> list[str]:
    if successor is None:
        return [_("Choose the successor: a designation handed over must name a person.")]
    if successor.pk == old.person_id:
        return [_("%(name)s already holds this designation.") % {"name": successor}]
    if not successor.active:
        return [_("%(name)s is inactive: only an active person can take over.") % {"name": successor}]
    if already_designated(old, successor, on):
        return [
            _("%(name)s already holds a designation as %(mandate)s for %(country)s.")
            % {"name": successor, "mandate": old.get_mandate_display(), "country": old.country.name}
        ]
    return []


def already_designated(old: FocalPoint, successor: Person, on: date) -> bool:
    """A designation of the successor for the same country and mandate that has not ended by ``on``."""
    same = FocalPoint.objects.filter(country=old.country, mandate=old.mandate, person=successor)
    return same.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=on)).exists()


def dated(day: date) -> dict[str, str]:
    return {"date": date_format(day)}


def end_designation(old: FocalPoint, on: date, by: User) -> None:
    old.valid_until = on - timedelta(days=1)
    old._history_user = by
    old._change_reason = f"handed over on {on.isoformat()}"
    old.save(update_fields=["valid_until"])


def successor_designation(
    old: FocalPoint, successor: Person, on: date, organization: Organization | None, by: User
) -> FocalPoint:
    new = FocalPoint(
        country=old.country,
        mandate=old.mandate,
        person=successor,
        organization=organization,
        legal_basis=old.legal_basis,
        notes=old.notes,
        valid_from=on,
        predecessor=old,
    )
    new._history_user = by
    new._change_reason = f"took over from designation #{old.pk}"
    new.save()
    new.request_languages.set(old.request_languages.all())
    new.channels.set(old.channels.all())
    return new


def follow_ups_to_move(designation: FocalPoint) -> "QuerySet[FollowUp]":
    """The open follow-ups a handover of ``designation`` gives the successor: those of the country whose coordinator
    is the outgoing TIP national coordinator (none for other mandates, or a designation naming no person)."""
    if designation.mandate != Mandate.TIP_COORDINATOR or designation.person_id is None:
        return FollowUp.objects.none()
    return FollowUp.objects.open().filter(country=designation.country, coordinator_id=designation.person_id)


def move_follow_ups(old: FocalPoint, successor: Person, by: User) -> list[FollowUp]:
    """One UPDATE and one INSERT of history entries, however many follow-ups."""
    moving = list(follow_ups_to_move(old).select_for_update().order_by("pk"))
    for follow_up in moving:
        follow_up.coordinator = successor
    if moving:
        reason = f"handover of designation #{old.pk}"
        bulk_update_with_history(moving, FollowUp, ["coordinator"], default_user=by, default_change_reason=reason)
    return moving


def move_pending_reminders(old: FocalPoint) -> None:
    """Reminders not sent yet to the outgoing holder about the country's open follow-ups (those moved, and those
    naming nobody, which remind the national coordinator) go to whoever is to be reminded now, by the sweep's own
    rule: the successor once their designation has begun. Their digests are queued after commit, as
    ``recommendations.delivery.move_to`` does. A handover dated later changes no recipient yet: the sweep of that day
    moves the rows."""
    if old.person_id is None:
        return
    pending = Reminder.objects.filter(
        status=ReminderStatus.PENDING, recipient_id=old.person_id, follow_up__country=old.country
    )
    rows = list(pending.select_related("follow_up"))
    if not rows:
        return
    current = recipients_of([row.follow_up for row in rows], timezone.localdate())
    moves: dict[int, list[int]] = {}
    for row in rows:
        recipient, _problem = current[row.follow_up_id]
        if recipient is not None and recipient.pk != row.recipient_id:
            moves.setdefault(recipient.pk, []).append(row.pk)
    for recipient_id, ids in moves.items():
        Reminder.objects.filter(pk__in=ids).update(
            recipient_id=recipient_id, not_before=timezone.now(), attempts=0, last_error=""
        )
        transaction.on_commit(lambda recipient_id=recipient_id: send_reminder_digest.delay(recipient_id))


# --- The handover e-mail


def email_key(designation: FocalPoint) -> str:
    return f"handover:{designation.pk}"


def handover_email_queued(designation: FocalPoint) -> bool:
    """Whether the handover e-mail of this (new) designation is in the outbox."""
    return OutboundEmail.objects.filter(key=email_key(designation)).exists()


def queue_handover_email(new: FocalPoint) -> OutboundEmail | None:
    """Write the successor's handover e-mail once, in their language; None without an address, or when it was
    written already (a retry)."""
    successor = new.person
    if not successor.email:
        return None
    with translation.override(successor.preferred_language):
        subject = _("Cooperation registry: you now hold the designation %(mandate)s, %(country)s") % {
            "mandate": new.get_mandate_display(),
            "country": new.country.name,
        }
        body = render_to_string("registry/email/handover.txt", handover_context(new))
    return outbox.queue_email(email_key(new), EMAIL_KIND, [successor.email], subject, body)


def handover_context(new: FocalPoint) -> dict:
    old = new.predecessor
    return {
        "designation": new,
        "predecessor": old,
        "follow_ups": held_follow_ups(new),
        "designations": country_designations(new),
        "counterparts": counterparts(old, new.person) if old and old.person_id else [],
        "counterpart_years": COUNTERPART_YEARS,
        "directory_url": settings.SITE_URL + reverse("contacts:directory"),
        "site_url": settings.SITE_URL,
    }


def readable_by(person: Person, via: str = "") -> Q:
    """People ``person`` may read about in an e-mail: those listed for the network, those their login may see, and
    themselves."""
    condition = listed_people(via) | Q(**{f"{via}pk": person.pk})
    if not person.user_id:
        return condition
    by_login = people_visible_to(person.user, via)
    return condition | by_login if by_login else Q()  # an empty condition: staff, who may read everyone


@dataclass
class HeldFollowUp:
    follow_up: FollowUp
    url: str
    last_update: ProgressUpdate | None


def held_follow_ups(new: FocalPoint) -> list[HeldFollowUp]:
    """The open follow-ups of the country the successor now coordinates, each with its last progress update: two
    queries."""
    if new.mandate != Mandate.TIP_COORDINATOR:
        return []
    last = ProgressUpdate.objects.filter(follow_up=OuterRef("pk")).order_by("-created_at", "-pk").values("pk")[:1]
    follow_ups = list(
        FollowUp.objects.open()
        .filter(country=new.country, coordinator=new.person)
        .select_related("recommendation__event")
        .annotate(last_update_id=Subquery(last))
        .order_by(*FollowUp.DASHBOARD_ORDER)
    )
    updates = ProgressUpdate.objects.in_bulk([each.last_update_id for each in follow_ups if each.last_update_id])
    return [
        HeldFollowUp(each, site_link("recommendations:follow-up", each.pk), updates.get(each.last_update_id))
        for each in follow_ups
    ]


def country_designations(new: FocalPoint) -> list[FocalPoint]:
    """The country's designations current on the handover day, as the successor may read them."""
    current = FocalPoint.objects.current(new.valid_from).filter(country=new.country)
    readable = current.filter(Q(person__isnull=True) | readable_by(new.person, via="person__"))
    return list(readable.select_related("person", "organization").order_by("mandate", "pk"))


@dataclass
class Counterpart:
    person: Person
    url: str
    events: list[Event]


def counterparts(old: FocalPoint, successor: Person) -> list[Counterpart]:
    """The people of other countries at the events of the last ``COUNTERPART_YEARS`` years that the outgoing holder
    attended, as the successor may read them, with the events where they met; two queries."""
    since = old.valid_until - timedelta(days=365 * COUNTERPART_YEARS)
    viewer = successor.user if successor.user_id else AnonymousUser()
    events = Event.objects.visible_to(viewer).filter(
        start_date__gte=since, participations__person_id=old.person_id, participations__attended=True
    )
    met = (
        Participation.objects.filter(event__in=events.values("pk"), attended=True, person__active=True)
        .filter(readable_by(successor, via="person__"))
        .exclude(person__country__in=["", old.country.code])
        .exclude(person_id__in=[old.person_id, successor.pk])
        .select_related("person__organization", "event")
        .order_by("person__family_name", "person__given_name", "person_id", "-event__start_date")
    )
    found: dict[int, Counterpart] = {}
    for participation in met:
        person = participation.person
        if person.pk not in found:
            if len(found) == MAX_COUNTERPARTS:
                break
            found[person.pk] = Counterpart(person, site_link("contacts:person", person.pk), [])
        found[person.pk].events.append(participation.event)
    return list(found.values())


def site_link(name: str, pk: int) -> str:
    return settings.SITE_URL + reverse(name, args=[pk])
