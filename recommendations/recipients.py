"""Who receives a follow-up's reminders (README, "Reminders").

The person currently designated TIP national coordinator of the follow-up's country, unless the follow-up names an
active person who holds a current designation for that country. A designation that has ended stops its holder's
reminders the same day; a country with no coordinator, or with several, is a problem reported to staff.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from contacts.choices import Mandate
from contacts.models import FocalPoint, Person


@dataclass(frozen=True)
class Contact:
    """What the sweep needs to know about a possible recipient, without loading the whole person."""

    pk: int
    name: str
    active: bool
    email: str

    def unreachable_because(self) -> str:
        """Why this person cannot receive reminders, or "" if they can."""
        if not self.active:
            return _("the coordinator is inactive")
        if not self.email:
            return _("the coordinator has no e-mail address")
        return ""


class Directory:
    """Today's designations, read once, and the people asked about, read once per batch."""

    def __init__(self, on: date, countries: Iterable[str] | None = None) -> None:
        designations = FocalPoint.objects.current(on).filter(person__isnull=False)
        if countries is not None:
            designations = designations.filter(country__in=list(countries))
        self.designated: dict[str, set[int]] = defaultdict(set)
        self.coordinators: dict[str, set[int]] = defaultdict(set)
        for country, mandate, person_id in designations.values_list("country", "mandate", "person_id"):
            self.designated[country].add(person_id)
            if mandate == Mandate.TIP_COORDINATOR:
                self.coordinators[country].add(person_id)
        self.people: dict[int, Contact] = {}
        self.load(pk for people in self.coordinators.values() for pk in people)

    def load(self, person_ids: Iterable[int | None]) -> None:
        """Read the people not read yet, in one query."""
        wanted = {pk for pk in person_ids if pk is not None and pk not in self.people}
        if not wanted:
            return
        fields = ("pk", "honorific", "given_name", "family_name", "active", "email")
        for pk, honorific, given, family, active, email in Person.objects.filter(pk__in=wanted).values_list(*fields):
            name = " ".join(part for part in (honorific, given, family) if part)
            self.people[pk] = Contact(pk, name, active, email)

    def recipient(self, country: str, named_id: int | None) -> tuple[Contact | None, str]:
        """The person to remind about a follow-up of ``country`` naming ``named_id``, or None and the reason."""
        if named_id is not None and named_id not in self.people:
            self.load([named_id])
        named = self.people.get(named_id) if named_id else None
        national = self.coordinators[country]
        if named and named_id in self.designated[country] and (named.active or not national):
            return named, ""  # inactive, with nobody to stand in: the sweep reports them as unreachable
        if len(national) == 1:
            return self.people[next(iter(national))], ""
        if national:
            return None, _("several TIP national coordinators are designated; name one on the follow-up")
        return None, _("no TIP national coordinator is designated")


def recipient_of(follow_up, on: date) -> tuple[Contact | None, str]:
    """The recipient of one follow-up's reminders (the admin page): see ``Directory.recipient``."""
    return recipients_of([follow_up], on)[follow_up.pk]


def recipients_of(follow_ups, on: date) -> dict[int, tuple[Contact | None, str]]:
    """The recipient of each follow-up's reminders, by follow-up id: two queries however many follow-ups (a digest,
    a resend of many rows)."""
    directory = Directory(on, countries={follow_up.country.code for follow_up in follow_ups})
    directory.load(follow_up.coordinator_id for follow_up in follow_ups)
    return {
        follow_up.pk: directory.recipient(follow_up.country.code, follow_up.coordinator_id) for follow_up in follow_ups
    }
