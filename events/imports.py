"""Importing an attendee list (CSV or XLSX) into an event, without creating the same person twice.

``preview`` checks every row and says what it would do: a new person, a match to an existing person (by e-mail;
failing that, by normalised name and country), or an error with its column. ``apply`` imports in one transaction,
and only when every row is valid or explicitly skipped. Look-ups are made for the whole file at once and writes in
batches, so the number of queries does not grow with the number of rows of a batch.
"""

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history

from contacts.choices import OrganizationKind, Visibility
from contacts.models import Expertise, Language, Organization, Person
from core.imports import RowResult, choice_codes, country_code, country_codes, lookup_code, refuse_rows_in_error
from core.text import normalise

from .choices import ParticipationRole
from .models import Event, Participation

TITLE = gettext_lazy("participants")
COLUMNS = [
    "honorific", "given name", "family name", "other spellings", "job title", "organisation", "country",
    "role at the event", "e-mail", "phone", "languages", "expertise",
]  # fmt: skip
REQUIRED = ("given name", "family name", "country")
EXAMPLE_ROW = [
    "Justice", "Amina", "Example", "أمينة", "Senior prosecutor", "Public Prosecution Service of Kenya", "Kenya",
    "participant", "amina.example@example.org", "+254 20 2012345", "en sw", "tip som",
]  # fmt: skip
PERMISSIONS = ("events.change_event", "events.add_participation", "contacts.add_person", "contacts.add_organization")
BATCH_SIZE = 500


class Checker:
    """Checks rows against everything the database already holds, loaded once for the whole file."""

    def __init__(self, event: Event, rows: list[dict[str, str]]) -> None:
        self.countries = country_codes()
        self.languages = set(Language.objects.values_list("code", flat=True))
        self.expertise = set(Expertise.objects.values_list("code", flat=True))
        self.roles = choice_codes(ParticipationRole)
        self.already_at_event = set(event.participations.values_list("person_id", flat=True)) if event.pk else set()
        emails = {row.get("e-mail", "").lower() for row in rows if row.get("e-mail")}
        self.by_email = {
            person.email_lower: person
            for person in Person.objects.annotate(email_lower=Lower("email")).filter(email_lower__in=emails)
        }
        codes = {self.country(row.get("country", "")) for row in rows} - {None}
        self.by_name = {(normalise(p.full_name), p.country.code): p for p in Person.objects.filter(country__in=codes)}
        self.seen: dict[tuple, int] = {}

    def country(self, value: str) -> str | None:
        return country_code(value, self.countries)

    def check(self, number: int, values: dict[str, str]) -> RowResult:
        name = f"{values.get('given name', '')} {values.get('family name', '')}".strip()
        result = RowResult(number, values, summary=" · ".join(filter(None, [name, values.get("e-mail", "")])))
        for column in ("given name", "family name"):
            if not values.get(column):
                result.errors.append((column, _("Missing.")))
        code = self.country(values.get("country", ""))
        if code is None:
            result.errors.append(("country", _("Unknown country: %(value)s") % {"value": values.get("country", "")}))
        result.cleaned["country"] = code
        self.check_details(result, values, code)
        self.match(result, values, code)
        return result

    def check_details(self, result: RowResult, values: dict[str, str], code: str | None) -> None:
        email = values.get("e-mail", "")
        if email:
            try:
                validate_email(email)
            except ValidationError:
                result.errors.append(("e-mail", _("Not an e-mail address: %(value)s") % {"value": email}))
        phone = values.get("phone", "")
        result.cleaned["phone"] = e164(phone, code) if phone else ""
        if phone and result.cleaned["phone"] is None:
            result.errors.append(("phone", _("Not a valid phone number: %(value)s") % {"value": phone}))
        role = values.get("role at the event", "") or ParticipationRole.PARTICIPANT
        result.cleaned["role"] = lookup_code(role, self.roles)
        if result.cleaned["role"] is None:
            result.errors.append(("role at the event", _("Unknown role: %(value)s") % {"value": role}))
        for column, known in (("languages", self.languages), ("expertise", self.expertise)):
            result.cleaned[column] = split_codes(values.get(column, ""))
            unknown = [code for code in result.cleaned[column] if code not in known]
            if unknown:
                result.errors.append((column, _("Unknown codes: %(codes)s") % {"codes": ", ".join(unknown)}))

    def match(self, result: RowResult, values: dict[str, str], code: str | None) -> None:
        email = values.get("e-mail", "").lower()
        name_key = (normalise(f"{values.get('given name', '')} {values.get('family name', '')}"), code)
        for key in ((("e-mail", email),) if email else ()) + (("name", name_key),):
            if key in self.seen:
                result.errors.append(("", _("Duplicate of row %(row)s.") % {"row": self.seen[key]}))
                return
        if email:
            self.seen[("e-mail", email)] = result.number
        self.seen[("name", name_key)] = result.number
        if email and email in self.by_email:
            result.existing, result.matched_by = self.by_email[email], _("e-mail")
        elif name_key in self.by_name:
            result.existing, result.matched_by = self.by_name[name_key], _("name and country")
        if result.existing and result.existing.pk in self.already_at_event:
            result.summary += " · " + _("already a participant")


def split_codes(value: str) -> list[str]:
    return [code.strip().lower() for code in value.replace(",", " ").split() if code.strip()]


def e164(value: str, region: str | None) -> str | None:
    """The number in E.164 form, read as a number of ``region`` unless it starts with +; None if it is not valid."""
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def preview(event: Event, rows: list[dict[str, str]]) -> list[RowResult]:
    checker = Checker(event, rows)
    return [checker.check(number, values) for number, values in enumerate(rows, start=2)]


@transaction.atomic
def apply(event: Event, results: list[RowResult], skipped: set[int] = frozenset(), user=None) -> dict[str, int]:
    """Import the rows not skipped, recording ``user`` in the history. Refuses, changing nothing, while any row not
    skipped is in error."""
    chosen = refuse_rows_in_error(results, skipped)
    new_people = create_people([result for result in chosen if result.existing is None], user)
    people = [result.existing or new_people[result.number] for result in chosen]
    added = add_participations(event, chosen, people, user)
    matched = len(chosen) - len(new_people)
    return {_("new people"): len(new_people), _("matched people"): matched, _("participations added"): added}


def create_people(results: list[RowResult], user) -> dict[int, Person]:
    organizations = organizations_for(results, user)
    people = {}
    for result in results:
        values, country = result.values, result.cleaned["country"]
        person = Person(
            honorific=values.get("honorific", ""),
            given_name=values["given name"],
            family_name=values["family name"],
            other_spellings=values.get("other spellings", "").replace(";", "\n"),
            job_title=values.get("job title", ""),
            organization=organization_of(values.get("organisation", ""), country, organizations),
            country=country,
            email=values.get("e-mail", ""),
            phone=result.cleaned["phone"],
            visibility=Visibility.STAFF,  # staff decide who is listed for the network
        )
        person.refresh_search_fields()
        people[result.number] = person
    bulk_create_with_history(list(people.values()), Person, batch_size=BATCH_SIZE, default_user=user)
    link_terms(results, people)
    return people


def organizations_for(results: list[RowResult], user) -> dict[tuple[str, str], Organization]:
    """Organisations by lower-cased name and country ("" for international bodies); those missing are created in the
    row's country (kind "other", for staff to sort)."""
    wanted = {}
    for result in results:
        name = result.values.get("organisation", "")
        if name:
            wanted[(name.lower(), result.cleaned["country"])] = name
    same_names = Organization.objects.annotate(name_lower=Lower("name")).filter(
        name_lower__in={lowered for lowered, _country in wanted}
    )
    existing = {(org.name_lower, org.country.code): org for org in same_names}
    missing = [
        Organization(name=name, country=country, kind=OrganizationKind.OTHER)
        for (lowered, country), name in wanted.items()
        if organization_of(lowered, country, existing) is None
    ]
    for organization in bulk_create_with_history(missing, Organization, batch_size=BATCH_SIZE, default_user=user):
        existing[(organization.name.lower(), organization.country.code)] = organization
    return existing


def organization_of(name: str, country: str, organizations: dict) -> Organization | None:
    """The organisation of that name in the country; failing that, the international body of that name."""
    return organizations.get((name.lower(), country)) or organizations.get((name.lower(), ""))


def link_terms(results: list[RowResult], people: dict[int, Person]) -> None:
    languages, expertise = [], []
    for result in results:
        person = people[result.number]
        languages += [Person.languages.through(person=person, language_id=code) for code in result.cleaned["languages"]]
        expertise += [
            Person.expertise.through(person=person, expertise_id=code) for code in result.cleaned["expertise"]
        ]
    Person.languages.through.objects.bulk_create(languages, batch_size=BATCH_SIZE, ignore_conflicts=True)
    Person.expertise.through.objects.bulk_create(expertise, batch_size=BATCH_SIZE, ignore_conflicts=True)


def add_participations(event: Event, results: list[RowResult], people: list[Person], user) -> int:
    already = set(event.participations.values_list("person_id", flat=True))
    new = []
    for result, person in zip(results, people, strict=True):
        if person.pk in already:
            continue
        already.add(person.pk)
        role, country = result.cleaned["role"], result.cleaned["country"]
        new.append(Participation(event=event, person=person, role=role, delegation_country=country))
    bulk_create_with_history(new, Participation, batch_size=BATCH_SIZE, default_user=user)
    return len(new)
