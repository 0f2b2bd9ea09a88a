"""The briefing pack of an invited country before an event: its registered delegation, its focal points, what it
took part in earlier in the event's series and themes, the follow-ups it still owes from those events, and each
other participating country's counterparts with the languages both accept.

Who may read a pack is decided by ``may_read_pack``; what a pack shows, by the viewer's visibility QuerySets, so a
hidden person or a draft event is in no list and no count. A pack costs a fixed number of queries, whatever the
number of participants, countries or follow-ups.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django_countries import countries

from contacts.choices import Mandate
from contacts.models import FocalPoint, Language
from core import roles
from core.countries import sort_key
from events.models import Event, Participation
from recommendations.models import FollowUp, ProgressUpdate

from .cooperation import MandateRow, all_accepted_languages, attended_by, current_designations, mandate_rows

EARLIER_EVENTS_SHOWN = 10
FOLLOW_UPS_SHOWN = 20


def invited_countries(event: Event) -> list[str]:
    """The codes of the countries invited to ``event`` (its participating countries and its host), by name in the
    active language. Reads ``event.countries.all()``, so a prefetch of the event's countries saves the query."""
    codes = {row.country.code for row in event.countries.all()}
    if event.host_country:
        codes.add(event.host_country.code)
    return sorted(codes, key=lambda code: sort_key(str(countries.name(code))))


def may_read_pack(user: roles.UserLike, code: str) -> bool:
    """IOM staff read every pack; a national coordinator the pack of the country they coordinate."""
    return roles.is_iom_staff(user) or roles.coordinated_country(user) == code


def packs_for(user: roles.UserLike, event: Event) -> list[str]:
    """The codes of the packs of ``event`` that ``user`` may read, for the links of the event page."""
    return [code for code in invited_countries(event) if may_read_pack(user, code)]


@dataclass
class EarlierEvent:
    """An earlier event the country took part in, and who of its delegation went (the people the viewer may see)."""

    event: Event
    in_series: bool
    participations: list[Participation] = field(default_factory=list)


@dataclass
class OpenFollowUp:
    """A follow-up the country still owes, with its last progress update; ``note_readable`` says whether the viewer
    may read that update's note (``ProgressUpdate.objects.details_visible_to``)."""

    follow_up: FollowUp
    overdue: bool
    last_update: ProgressUpdate | None
    note_readable: bool


@dataclass
class Counterpart:
    """Another participating country: its designations by mandate, and the languages both countries accept."""

    code: str
    name: str
    rows: list[MandateRow]
    shared_languages: list[Language]


@dataclass
class BriefingPack:
    event: Event
    code: str
    name: str
    generated_on: date
    delegation_size: int | None
    delegation: list[Participation]
    focal_points: list[tuple[str, list[FocalPoint]]]
    languages: list[Language]
    earlier_events: list[EarlierEvent]
    earlier_events_more: int
    follow_ups: list[OpenFollowUp]
    follow_ups_more: int
    counterparts: list[Counterpart]

    def people_named(self) -> set[int]:
        """The ids of the people the pack names: what its export log counts."""
        named = {participation.person_id for participation in self.delegation}
        named |= {p.person_id for earlier in self.earlier_events for p in earlier.participations}
        designations = [each for _, per_mandate in self.focal_points for each in per_mandate]
        for counterpart in self.counterparts:
            designations += [each for row in counterpart.rows for each in row.second.designations]
        return named | {designation.person_id for designation in designations if designation.person_id}


@dataclass
class EventParts:
    """What every pack of one event shares, read once for all of them (the ZIP builds one pack per country)."""

    user: roles.UserLike
    event: Event
    invited: list[str]
    designations: dict[str, dict[str, list[FocalPoint]]]
    series: set[int]
    related: QuerySet

    def delegation_size(self, code: str) -> int | None:
        return next((row.delegation_size for row in self.event.countries.all() if row.country == code), None)


def build_packs(user: roles.UserLike, event: Event, codes: list[str]) -> list[BriefingPack]:
    """The packs of ``codes`` (countries invited to ``event``) as ``user`` may see them."""
    invited = invited_countries(event)
    series = set(event.series_back()) - {event.pk}
    parts = EventParts(
        user, event, invited, current_designations(user, invited), series, related_events(user, event, series)
    )
    return [build_pack(parts, code) for code in codes]


def build_pack(parts: EventParts, code: str) -> BriefingPack:
    user, own = parts.user, parts.designations[code]
    earlier, earlier_total = earlier_participation(user, parts.related, parts.series, code)
    follow_ups, follow_ups_total = open_follow_ups(user, parts.related, code)
    return BriefingPack(
        event=parts.event,
        code=code,
        name=str(countries.name(code)),
        generated_on=timezone.localdate(),
        delegation_size=parts.delegation_size(code),
        delegation=registered_delegation(user, parts.event, code),
        focal_points=[(str(mandate.label), own[mandate.value]) for mandate in Mandate if own.get(mandate.value)],
        languages=all_accepted_languages(own),
        earlier_events=earlier,
        earlier_events_more=earlier_total - len(earlier),
        follow_ups=follow_ups,
        follow_ups_more=follow_ups_total - len(follow_ups),
        counterparts=[counterpart(parts.designations, code, other) for other in parts.invited if other != code],
    )


def registered_delegation(user: roles.UserLike, event: Event, code: str) -> list[Participation]:
    """The people registered at ``event`` for the delegation of ``code`` whom ``user`` may see, by name."""
    return list(
        Participation.objects.visible_to(user)
        .filter(event=event, delegation_country=code)
        .select_related("person__organization")
        .order_by("person__family_name", "person__given_name", "pk")
    )


def related_events(user: roles.UserLike, event: Event, series: set[int]) -> QuerySet:
    """The events ``user`` may see among the earlier editions ``series``, and those that share one of ``event``'s
    themes and did not start after it (events without a date count: the seeds often give none)."""
    tagged = Event.themes.through.objects
    themed = tagged.filter(theme__in=tagged.filter(event=event).values("theme")).values("event")
    sharing_a_theme = Q(pk__in=themed)
    if event.start_date:
        sharing_a_theme &= ~Q(start_date__gt=event.start_date)
    return Event.objects.visible_to(user).filter(Q(pk__in=series) | sharing_a_theme).exclude(pk=event.pk)


def earlier_participation(
    user: roles.UserLike, related: QuerySet, series: set[int], code: str
) -> tuple[list[EarlierEvent], int]:
    """The most recent related events ``code`` took part in, with who of its delegation attended, and how many such
    events there are. Three queries at most: the events, their count when there are more than shown, the people."""
    attended = related.filter(attended_by(code)).order_by(*Event._meta.ordering, "pk")
    shown = {event.pk: EarlierEvent(event, event.pk in series) for event in attended[:EARLIER_EVENTS_SHOWN]}
    total = len(shown) if len(shown) < EARLIER_EVENTS_SHOWN else attended.count()
    participations = (
        Participation.objects.visible_to(user)
        .filter(event__in=list(shown), attended=True)
        .filter(Q(delegation_country=code) | Q(delegation_country="", person__country=code))
        .select_related("person")
        .order_by("person__family_name", "person__given_name", "pk")
    )
    for participation in participations:
        shown[participation.event_id].participations.append(participation)
    return list(shown.values()), total


def open_follow_ups(user: roles.UserLike, related: QuerySet, code: str) -> tuple[list[OpenFollowUp], int]:
    """The open follow-ups of ``code`` on recommendations of the related events, by due date, each with its last
    progress update; and how many there are. Three queries at most."""
    latest = ProgressUpdate.objects.filter(follow_up=OuterRef("pk")).order_by("-created_at", "-pk").values("pk")[:1]
    follow_ups = (
        FollowUp.objects.visible_to(user)
        .open()
        .filter(country=code, recommendation__event__in=related)
        .select_related("recommendation__event")
        .annotate(last_update_id=Subquery(latest))
        .order_by(F("due_date").asc(nulls_last=True), "recommendation__code", "pk")
    )
    shown = list(follow_ups[:FOLLOW_UPS_SHOWN])
    total = len(shown) if len(shown) < FOLLOW_UPS_SHOWN else follow_ups.count()
    readable = ProgressUpdate.objects.details_visible_to(user).filter(pk=OuterRef("pk"))
    updates = ProgressUpdate.objects.filter(pk__in=[each.last_update_id for each in shown if each.last_update_id])
    updates = {update.pk: update for update in updates.annotate(note_readable=Exists(readable))}
    today = timezone.localdate()
    return [open_follow_up(each, updates.get(each.last_update_id), today) for each in shown], total


def open_follow_up(follow_up: FollowUp, update: ProgressUpdate | None, today: date) -> OpenFollowUp:
    readable = bool(update and update.note_readable)
    return OpenFollowUp(follow_up, follow_up.is_overdue(today), update, readable)


def counterpart(designations: dict, code: str, other: str) -> Counterpart:
    """``other``'s designations by mandate (the mandates it has designated), each with the languages to highlight:
    those the same mandate of ``code`` accepts too, or where ``code`` has not designated that mandate, those any of
    its designations accepts."""
    own = {language.code for language in all_accepted_languages(designations[code])}
    shared = [language for language in all_accepted_languages(designations[other]) if language.code in own]
    rows = [row for row in mandate_rows(designations, code, other) if row.second.designations]
    for row in rows:
        if not row.first.designations:
            row.shared_languages = own & {language.code for language in row.second.languages}
    return Counterpart(other, str(countries.name(other)), rows, shared)
