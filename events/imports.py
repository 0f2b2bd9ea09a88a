"""Importing an attendee list (CSV or XLSX) into an event, without creating the same person twice.

``preview`` reads and checks every row and says what it would do: a new person, a match to an existing person (by
e-mail; failing that, by normalised name and country), or an error with its column. ``apply`` imports in one
transaction, and only when every row is valid or explicitly skipped. Look-ups are made for the whole file at once,
so the number of queries does not grow with the number of rows.
"""

import csv
import io
from dataclasses import dataclass, field

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import translation
from django.utils.translation import gettext as _
from django_countries import countries
from openpyxl import load_workbook
from simple_history.utils import bulk_create_with_history

from contacts.choices import OrganizationKind, Visibility
from contacts.models import Expertise, Language, Organization, Person
from contacts.search import normalise

from .choices import ParticipationRole
from .models import Event, Participation

COLUMNS = [
    "honorific", "given name", "family name", "other spellings", "job title", "organisation", "country",
    "role at the event", "e-mail", "phone", "languages", "expertise",
]  # fmt: skip
REQUIRED = ("given name", "family name", "country")
EXAMPLE_ROW = [
    "Justice", "Amina", "Example", "أمينة", "Senior prosecutor", "Public Prosecution Service of Kenya", "Kenya",
    "participant", "amina.example@example.org", "+254 20 2012345", "en sw", "tip som",
]  # fmt: skip
BATCH_SIZE = 500


@dataclass
class RowResult:
    number: int  # as in the spreadsheet: the header is row 1
    values: dict[str, str]
    errors: list[tuple[str, str]] = field(default_factory=list)  # (column, message)
    person: Person | None = None  # the existing person it matches
    matched_by: str = ""

    @property
    def status(self) -> str:
        return "error" if self.errors else "match" if self.person else "new"


class ImportRefused(ValueError):
    """The file cannot be read at all, or the import was asked for with rows still in error."""


def read_rows(name: str, content: bytes) -> list[dict[str, str]]:
    """The rows of a CSV or XLSX file as dicts keyed by the template's column names."""
    if name.lower().endswith(".xlsx"):
        sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
        table = [["" if cell is None else str(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
    elif name.lower().endswith(".csv"):
        table = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    else:
        raise ImportRefused(_("Upload a .csv or .xlsx file."))
    if not table:
        raise ImportRefused(_("The file is empty."))
    header = [column.strip().lower() for column in table[0]]
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        raise ImportRefused(_("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
    rows = []
    for cells in table[1:]:
        if any(cell.strip() for cell in cells):
            rows.append({column: (cells[i].strip() if i < len(cells) else "") for i, column in enumerate(header)})
    return rows


def country_of(values: dict[str, str], codes: dict[str, str]) -> str | None:
    return codes.get(values.get("country", "").lower()) or codes.get(normalise(values.get("country", "")))


def country_codes() -> dict[str, str]:
    """Every way a country may be written in the file: its code, or its name in English, French or Arabic."""
    lookup = {code.lower(): code for code, _name in countries}
    for language in ("en", "fr", "ar"):
        with translation.override(language):
            lookup.update({normalise(str(name)) or str(name): code for code, name in countries})
    return lookup


class Checker:
    """Checks rows against everything the database already holds, loaded once for the whole file."""

    def __init__(self, rows: list[dict[str, str]]) -> None:
        self.countries = country_codes()
        self.languages = set(Language.objects.values_list("code", flat=True))
        self.expertise = set(Expertise.objects.values_list("code", flat=True))
        self.roles = {value for value, _label in ParticipationRole.choices}
        emails = {row.get("e-mail", "").lower() for row in rows if row.get("e-mail")}
        self.by_email = {
            person.email_lower: person
            for person in Person.objects.annotate(email_lower=Lower("email")).filter(email_lower__in=emails)
        }
        codes = {self.country(row.get("country", "")) for row in rows} - {None}
        self.by_name = {(normalise(p.full_name), p.country.code): p for p in Person.objects.filter(country__in=codes)}
        self.seen: dict[tuple, int] = {}

    def country(self, value: str) -> str | None:
        return country_of({"country": value}, self.countries)

    def check(self, number: int, values: dict[str, str]) -> RowResult:
        result = RowResult(number, values)
        for column in ("given name", "family name"):
            if not values.get(column):
                result.errors.append((column, _("Missing.")))
        code = self.country(values.get("country", ""))
        if code is None:
            result.errors.append(("country", _("Unknown country: %(value)s") % {"value": values.get("country", "")}))
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
        if phone and not valid_phone(phone, code):
            result.errors.append(("phone", _("Not a valid phone number: %(value)s") % {"value": phone}))
        role = values.get("role at the event", "") or ParticipationRole.PARTICIPANT
        if role.lower() not in self.roles:
            result.errors.append(("role at the event", _("Unknown role: %(value)s") % {"value": role}))
        for column, known in (("languages", self.languages), ("expertise", self.expertise)):
            unknown = [code for code in split_codes(values.get(column, "")) if code not in known]
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
            result.person, result.matched_by = self.by_email[email], _("e-mail")
        elif name_key in self.by_name:
            result.person, result.matched_by = self.by_name[name_key], _("name and country")


def split_codes(value: str) -> list[str]:
    return [code.strip().lower() for code in value.replace(",", " ").split() if code.strip()]


def valid_phone(value: str, region: str | None) -> bool:
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(value, region))
    except phonenumbers.NumberParseException:
        return False


def preview(rows: list[dict[str, str]]) -> list[RowResult]:
    checker = Checker(rows)
    return [checker.check(number, values) for number, values in enumerate(rows, start=2)]


@transaction.atomic
def apply(event: Event, results: list[RowResult], skipped: set[int] = frozenset()) -> dict[str, int]:
    """Import the rows not skipped. Refuses, changing nothing, while any row not skipped is in error."""
    in_error = [result.number for result in results if result.errors and result.number not in skipped]
    if in_error:
        rows = ", ".join(map(str, in_error))
        raise ImportRefused(_("Rows %(rows)s have errors: fix them or skip them.") % {"rows": rows})
    chosen = [result for result in results if result.number not in skipped]
    codes = country_codes()
    new_people = create_people([result for result in chosen if result.person is None], codes)
    people = [result.person or new_people[result.number] for result in chosen]
    added = add_participations(event, chosen, people, codes)
    return {"new people": len(new_people), "matched": len(chosen) - len(new_people), "participations": added}


def create_people(results: list[RowResult], codes: dict[str, str]) -> dict[int, Person]:
    organizations = organizations_for(results, codes)
    people = {}
    for result in results:
        values = result.values
        country = country_of(values, codes)
        person = Person(
            honorific=values.get("honorific", ""),
            given_name=values["given name"],
            family_name=values["family name"],
            other_spellings=values.get("other spellings", "").replace(";", "\n"),
            job_title=values.get("job title", ""),
            organization=organizations.get((values.get("organisation", "").lower(), country)),
            country=country,
            email=values.get("e-mail", ""),
            phone=e164(values.get("phone", ""), country),
            visibility=Visibility.STAFF,  # staff decide who is listed for the network
        )
        person.refresh_search_fields()
        people[result.number] = person
    bulk_create_with_history(list(people.values()), Person, batch_size=BATCH_SIZE)
    link_terms(results, people)
    return people


def organizations_for(results: list[RowResult], codes: dict[str, str]) -> dict[tuple[str, str], Organization]:
    """Existing organisations by name and country; the missing ones are created (kind "other", for staff to sort)."""
    wanted = {}
    for result in results:
        name = result.values.get("organisation", "")
        if name:
            wanted[(name.lower(), country_of(result.values, codes))] = name
    existing = {
        (org.name.lower(), org.country.code): org for org in Organization.objects.filter(name__in=list(wanted.values()))
    }
    missing = [
        Organization(name=name, country=country, kind=OrganizationKind.OTHER)
        for (lowered, country), name in wanted.items()
        if (lowered, country) not in existing
    ]
    for organization in bulk_create_with_history(missing, Organization, batch_size=BATCH_SIZE):
        existing[(organization.name.lower(), organization.country.code)] = organization
    return existing


def link_terms(results: list[RowResult], people: dict[int, Person]) -> None:
    languages, expertise = [], []
    for result in results:
        person = people[result.number]
        languages += [
            Person.languages.through(person=person, language_id=code)
            for code in split_codes(result.values.get("languages", ""))
        ]
        expertise += [
            Person.expertise.through(person=person, expertise_id=code)
            for code in split_codes(result.values.get("expertise", ""))
        ]
    Person.languages.through.objects.bulk_create(languages, batch_size=BATCH_SIZE, ignore_conflicts=True)
    Person.expertise.through.objects.bulk_create(expertise, batch_size=BATCH_SIZE, ignore_conflicts=True)


def add_participations(event: Event, results: list[RowResult], people: list[Person], codes: dict[str, str]) -> int:
    already = set(event.participations.values_list("person_id", flat=True))
    new = []
    for result, person in zip(results, people, strict=True):
        if person.pk in already:
            continue
        already.add(person.pk)
        role = (result.values.get("role at the event") or ParticipationRole.PARTICIPANT).lower()
        new.append(
            Participation(event=event, person=person, role=role, delegation_country=country_of(result.values, codes))
        )
    bulk_create_with_history(new, Participation, batch_size=BATCH_SIZE)
    return len(new)


def e164(value: str, region: str) -> str:
    if not value:
        return ""
    return phonenumbers.format_number(phonenumbers.parse(value, region), phonenumbers.PhoneNumberFormat.E164)


def template_csv() -> str:
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(COLUMNS)
    writer.writerow(EXAMPLE_ROW)
    return text.getvalue()
