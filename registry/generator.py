"""Generated data at the scale of a real network, for benchmarks (``manage.py generate_data``).

For N people: min(200, N/500) countries (at least 20), N/20 organisations, N/20 events, 2.5 N participations and N
follow-ups (10 countries for each of N/10 recommendations), with a TIP national coordinator designated in every
country. Names come from ``generated_names`` (several spellings, Arabic script for some, particles and compounds);
visibility is mixed as in the real directory. Every row is written in bulk, and the people's search fields are
filled exactly as saving does (``Person.refresh_search_fields``).

Generated people carry ``GENERATED`` as their consent record and generated events a title starting with it, so the
generator can tell a database of its own from one holding real data, which it refuses to touch without ``force``.
"""

import random
import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import connection, transaction
from django_countries import countries
from unidecode import unidecode

from contacts.choices import LegalBasis, Mandate, OrganizationKind, Visibility
from contacts.models import Expertise, FocalPoint, Language, Organization, Person, Role
from events.choices import EventKind, EventStatus, ParticipationRole
from events.models import Event, Participation
from recommendations.choices import Category, Priority
from recommendations.models import FollowUp, Recommendation

from .generated_names import identities

GENERATED = "Generated"
BATCH = 5000


class RealDataPresent(Exception):
    """The database holds rows the generator did not write."""


@dataclass(frozen=True)
class Figures:
    people: int

    @property
    def countries(self) -> int:
        return min(200, max(20, self.people // 500))

    @property
    def organizations(self) -> int:
        return max(1, self.people // 20)

    @property
    def events(self) -> int:
        return max(1, self.people // 20)

    @property
    def participations(self) -> int:
        return self.people * 5 // 2

    @property
    def recommendations(self) -> int:
        return max(1, self.people // 10)


def holds_real_data() -> bool:
    return (
        Person.objects.exclude(consent_note=GENERATED).exists()
        or Event.objects.exclude(title__startswith=GENERATED).exists()
    )


@transaction.atomic
def generate(people: int, seed: int, force: bool = False) -> dict[str, int]:
    if not force and holds_real_data():
        raise RealDataPresent("This database holds data the generator did not write; use --force to add to it.")
    rng = random.Random(seed)
    figures = Figures(people)
    codes = sorted(code for code, _name in countries)[: figures.countries]
    organizations = write_organizations(figures, codes, rng)
    persons = write_people(figures, codes, organizations, seed, rng)
    designate_coordinators(codes, persons)
    events = write_events(figures, codes, rng)
    write_participations(figures, events, persons, rng)
    write_follow_ups(figures, events, codes, rng)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # fresh statistics, as a database in service has, for the planner
    return {
        "countries": len(codes),
        "organisations": len(organizations),
        "people": len(persons),
        "events": len(events),
        "participations": figures.participations,
        "follow-ups": figures.recommendations * 10,
    }


def write_organizations(figures: Figures, codes: list[str], rng: random.Random) -> list[Organization]:
    kinds = [OrganizationKind.PROSECUTION, OrganizationKind.LAW_ENFORCEMENT, OrganizationKind.MINISTRY_OF_JUSTICE]
    first = Organization.objects.count()  # numbers go on from an earlier run's
    rows = [
        Organization(
            name=f"{GENERATED} {kinds[n % len(kinds)].label} {first + n} of {countries.name(codes[n % len(codes)])}",
            kind=kinds[n % len(kinds)],
            country=codes[n % len(codes)],
        )
        for n in range(figures.organizations)
    ]
    return Organization.objects.bulk_create(rows, batch_size=BATCH)


def write_people(
    figures: Figures, codes: list[str], organizations: list[Organization], seed: int, rng: random.Random
) -> list[Person]:
    people = []
    for n, identity in enumerate(identities(figures.people, seed)):
        given, family, other_spellings = identity.stored()
        visibility = rng.choices([Visibility.NETWORK, Visibility.STAFF, Visibility.UNLISTED], [60, 30, 10])[0]
        address = re.sub(r"[^a-z0-9.]", "", unidecode(f"{given}.{family}").lower())  # unidecode writes ة as @
        person = Person(
            given_name=given,
            family_name=family,
            other_spellings=other_spellings,
            job_title="Prosecutor" if n % 3 else "National coordinator",
            organization=organizations[n % len(organizations)],
            country=codes[n % len(codes)],
            email=f"{address or 'person'}.{n}@generated.example.org" if rng.random() < 0.9 else "",
            visibility=visibility,
            legal_basis=LegalBasis.PUBLIC_ROLE,
            consent_note=GENERATED,
            active=rng.random() < 0.95,
            preferred_language=rng.choice(["en", "fr", "ar"]),
        )
        person.refresh_search_fields()
        people.append(person)
    people = Person.objects.bulk_create(people, batch_size=BATCH)
    add_terms(people, rng)
    return people


def add_terms(people: list[Person], rng: random.Random) -> None:
    """Two roles, one or two expertise areas and two working languages each, written through the link tables."""
    for field, model in (("roles", Role), ("expertise", Expertise), ("languages", Language)):
        terms = list(model.objects.values_list("pk", flat=True))
        if not terms:
            continue
        link = getattr(Person, field).through
        column = f"{model._meta.model_name}_id"
        rows = [
            link(person_id=person.pk, **{column: term})
            for person in people
            for term in rng.sample(terms, min(2, len(terms)))
        ]
        link.objects.bulk_create(rows, batch_size=BATCH)


def designate_coordinators(codes: list[str], people: list[Person]) -> None:
    """Each country's first active person is its TIP national coordinator."""
    first = {}
    for person in people:
        if person.active and person.email:
            first.setdefault(str(person.country), person)
    FocalPoint.objects.bulk_create(
        FocalPoint(country=code, mandate=Mandate.TIP_COORDINATOR, person=first[code], valid_from=date(2024, 1, 1))
        for code in codes
        if code in first
    )


def write_events(figures: Figures, codes: list[str], rng: random.Random) -> list[Event]:
    kinds = list(EventKind)
    start = date(2015, 1, 1)
    rows = [
        Event(
            title=f"{GENERATED} {kinds[n % len(kinds)].label.lower()} {n} on cooperation against trafficking",
            kind=kinds[n % len(kinds)],
            status=EventStatus.PUBLISHED if rng.random() < 0.9 else EventStatus.DRAFT,
            start_date=start + timedelta(days=rng.randrange(4000)),
            host_country=rng.choice(codes),
        )
        for n in range(figures.events)
    ]
    return Event.objects.bulk_create(rows, batch_size=BATCH)


def write_participations(figures: Figures, events: list[Event], people: list[Person], rng: random.Random) -> None:
    """``figures.participations`` distinct (event, person) pairs."""
    per_event = -(-figures.participations // len(events))
    rows, written = [], 0
    for event in events:
        count = min(per_event, len(people), figures.participations - written)
        for person in rng.sample(people, count):
            rows.append(Participation(event=event, person=person, role=ParticipationRole.PARTICIPANT))
        written += count
        if len(rows) >= BATCH:
            Participation.objects.bulk_create(rows)
            rows = []
    Participation.objects.bulk_create(rows)


def write_follow_ups(figures: Figures, events: list[Event], codes: list[str], rng: random.Random) -> None:
    categories, priorities = list(Category), list(Priority)
    recommendations = Recommendation.objects.bulk_create(
        (
            Recommendation(
                event=events[n % len(events)],
                code=f"R{n // len(events) + 1}",
                text=f"{GENERATED} recommendation {n}: strengthen cooperation between prosecution services.",
                category=categories[n % len(categories)],
                priority=priorities[n % len(priorities)],
            )
            for n in range(figures.recommendations)
        ),
        batch_size=BATCH,
    )
    today = date.today()
    rows = (
        FollowUp(
            recommendation=recommendation,
            country=country,
            due_date=today + timedelta(days=rng.randrange(-200, 400)),
            assigned_on=today - timedelta(days=rng.randrange(0, 300)),
        )
        for recommendation in recommendations
        for country in rng.sample(codes, 10)
    )
    FollowUp.objects.bulk_create(rows, batch_size=BATCH)
