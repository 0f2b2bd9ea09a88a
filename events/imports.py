"""Importing an attendee list (CSV or XLSX) into an event, without creating the same person twice.

Columns are found by their headers, in English or French, in any order (``FORMAT``): "Prénom", "first name" and
"given_name" are all the given name. "Title" and "Titre" are read as the honorific (Mr, Dr, H.E.), as registration
forms use them; a job is "job title", "position", "fonction" or "poste".

``preview`` checks every row and says what it would do: a new person, a match to an existing person, or an error
with its column; and how it read each value ("Maroc" -> Morocco). ``apply`` imports in one transaction, and only
when every row is valid or explicitly skipped. Look-ups are made for the whole file at once and writes in batches,
so the number of queries does not grow with the number of rows of a batch.

Matching a person already in the registry: by e-mail (any case); failing that, by normalised name and country,
unless the row and that person both have an e-mail and they differ: then the row is a *possible duplicate* of that
person, a warning, and imports as a new person unless skipped (two namesakes, or one person with a new address:
staff decide, and may merge them later). Within the file, a row with the e-mail of an earlier row, or with its name
and country when either of the two has no e-mail, is an error that names that earlier row; the same name and
country with two different e-mails is a warning.

Warnings never block the import: a row with a warning imports unless it is skipped. A participant from a country
the event does not list among its participating countries is a warning, and the confirmation offers to add the
country. A matched person is added to the event and gains the file's spellings of their name (its name when written
otherwise, and its other spellings), with the change in their history; nothing else about them changes.
"""

from collections.abc import Callable

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django_countries import countries
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from contacts.choices import ExpertiseCode, OrganizationKind, Visibility
from contacts.models import Expertise, Language, Organization, Person
from core.countries import code_of, names_to_codes
from core.imports import (
    Column,
    FileFormat,
    Offer,
    RowResult,
    choice_codes,
    language_lookup,
    language_name,
    lookup_code,
    read_values,
    refuse_rows_in_error,
)
from core.text import normalise

from .choices import ParticipationRole
from .models import Event, EventCountry, Participation

TITLE = gettext_lazy("participants")
FORMAT = FileFormat(
    Column(
        "honorific",
        gettext_lazy("How the person is addressed. “Title” and “Titre” are read as this column, not as the job."),
        aliases=("title", "salutation", "titre", "civilité", "formule d'appel"),
        example="Justice",
    ),
    Column(
        "given name",
        gettext_lazy("The given name, as the person writes it."),
        aliases=("given_name", "first name", "forename", "prénom", "prénoms"),
        example="Amina",
        required=True,
    ),
    Column(
        "family name",
        gettext_lazy("The family name, as the person writes it."),
        aliases=("family_name", "surname", "last name", "nom", "nom de famille"),
        example="Example",
        required=True,
    ),
    Column(
        "other spellings",
        gettext_lazy(
            "Other spellings of the name (transliterations, the name in Arabic script), separated by “;” or line "
            "breaks: the directory search finds the person by them. A person already in the registry gains those "
            "they do not have yet."
        ),
        aliases=("other_spellings", "other names", "autres graphies", "autres orthographes", "variantes du nom"),
        example="أمينة",
    ),
    Column(
        "job title",
        gettext_lazy("The person's position."),
        aliases=("job_title", "position", "function", "fonction", "poste", "intitulé du poste", "titre du poste"),
        example="Senior prosecutor",
    ),
    Column(
        "organisation",
        gettext_lazy(
            "The organisation's name: found (any case) in the row's country, then among international bodies; "
            "otherwise created, of kind “other”, for staff to sort."
        ),
        aliases=("organization", "organisme", "institution", "employer", "employeur"),
        example="Public Prosecution Service of Kenya",
    ),
    Column(
        "country",
        gettext_lazy(
            "The country the person serves: its ISO code or its name in English, French or Arabic (KE, Kenya, "
            "Égypte, تونس). A country not among the event's participating countries is a warning, and the "
            "confirmation offers to add it."
        ),
        aliases=("pays", "country served", "pays servi"),
        example="Kenya",
        required=True,
    ),
    Column(
        "role at the event",
        gettext_lazy("The person's role at the event, by its code or its label; empty for a participant."),
        aliases=("role", "rôle", "role at event", "rôle à l'événement", "event role"),
        example="participant",
        choices=ParticipationRole,
    ),
    Column(
        "e-mail",
        gettext_lazy("An e-mail address. A person already in the registry with this address (any case) is matched."),
        aliases=("email", "mail", "e-mail address", "courriel", "adresse e-mail", "adresse électronique"),
        example="amina.example@example.org",
    ),
    Column(
        "phone",
        gettext_lazy("A phone number valid in the row's country, or in international form (+254 …)."),
        aliases=("telephone", "phone number", "tel", "mobile", "téléphone", "numéro de téléphone", "portable"),
        example="+254 20 2012345",
    ),
    Column(
        "languages",
        gettext_lazy(
            "Working languages: ISO 639-1 codes or names in English, French or Arabic (en, French, العربية), "
            "separated by “;”, “,” or line breaks; codes may also be separated by spaces (en fr)."
        ),
        aliases=("language", "working languages", "langues", "langue", "langues de travail"),
        example="en; Swahili",
    ),
    Column(
        "expertise",
        gettext_lazy(
            "Areas of expertise, by code or label, separated by “;”, “,” or line breaks; codes may also be "
            "separated by spaces (tip som)."
        ),
        aliases=("areas of expertise", "expertises", "domaines d'expertise", "domaine d'expertise"),
        example="tip; Smuggling of migrants",
        choices=ExpertiseCode,
    ),
)
COLUMNS = FORMAT.names
REQUIRED = FORMAT.required
EXAMPLE_ROW = FORMAT.example_row
PERMISSIONS = ("events.change_event", "events.add_participation", "contacts.add_person", "contacts.add_organization")
BATCH_SIZE = 500
ADD_COUNTRY = "add_country"  # the offer to add a participating country
STORED_IN = {
    "honorific": (Person, "honorific"),
    "given name": (Person, "given_name"),
    "family name": (Person, "family_name"),
    "job title": (Person, "job_title"),
    "organisation": (Organization, "name"),
    "e-mail": (Person, "email"),
}
MAX_LENGTHS = {column: model._meta.get_field(name).max_length for column, (model, name) in STORED_IN.items()}


class Checker:
    """Checks rows against everything the database already holds, loaded once for the whole file."""

    def __init__(self, event: Event, rows: list[dict[str, str]]) -> None:
        self.countries = names_to_codes()
        self.roles = choice_codes(ParticipationRole)
        self.terms = {"languages": language_terms(), "expertise": expertise_terms()}
        self.event_countries = set(event.countries.values_list("country", flat=True)) if event.pk else set()
        self.already_at_event = set(event.participations.values_list("person_id", flat=True)) if event.pk else set()
        emails = {row.get("e-mail", "").lower() for row in rows if row.get("e-mail")}
        self.by_email = {
            person.email_lower: person
            for person in Person.objects.annotate(email_lower=Lower("email")).filter(email_lower__in=emails)
        }
        codes = {self.country(row.get("country", "")) for row in rows} - {None}
        self.by_name: dict[tuple, list[Person]] = {}
        for person in Person.objects.filter(country__in=codes).order_by("pk"):
            self.by_name.setdefault((normalise(person.full_name), person.country.code), []).append(person)
        self.row_by_email: dict[str, int] = {}
        self.rows_by_name: dict[tuple, list[tuple[int, str]]] = {}

    def country(self, value: str) -> str | None:
        return code_of(value, self.countries)

    def check(self, number: int, values: dict[str, str]) -> RowResult:
        result = RowResult(number, values, summary=" · ".join(filter(None, [full_name(values), values.get("e-mail")])))
        for column in ("given name", "family name"):
            if not values.get(column):
                result.errors.append((column, _("Missing.")))
        code = self.check_country(result, values.get("country", ""))
        self.check_contact(result, values, code)
        self.check_role(result, values.get("role at the event", ""))
        for column in self.terms:
            self.check_terms(result, column, values.get(column, ""))
        check_lengths(result, values)
        self.match(result, values, code)
        return result

    def check_country(self, result: RowResult, value: str) -> str | None:
        code = result.cleaned["country"] = self.country(value)
        if code is None:
            result.errors.append(("country", _("Unknown country: %(value)s") % {"value": value}))
            return None
        name = str(countries.name(code))
        result.read_as("country", value, name)
        if code not in self.event_countries:
            message = _("%(country)s is not among the participating countries of the event.") % {"country": name}
            result.warnings.append(("country", message))
            label = _("Add %(country)s to the participating countries of the event") % {"country": name}
            result.offers.append(Offer(ADD_COUNTRY, code, label))
        return code

    def check_contact(self, result: RowResult, values: dict[str, str], code: str | None) -> None:
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
        elif phone and not phone.startswith("+"):  # read as a number of the row's country: say so
            result.read_as("phone", phone, result.cleaned["phone"])

    def check_role(self, result: RowResult, value: str) -> None:
        role = result.cleaned["role"] = lookup_code(value or ParticipationRole.PARTICIPANT, self.roles)
        if role is None:
            known = ", ".join(ParticipationRole.values)
            message = _("Unknown role: %(value)s (roles: %(known)s)") % {"value": value, "known": known}
            result.errors.append(("role at the event", message))
        else:
            result.read_as("role at the event", value, str(ParticipationRole(role).label))

    def check_terms(self, result: RowResult, column: str, value: str) -> None:
        lookup, codes, label_of = self.terms[column]
        found, unknown = read_values(value, lookup, codes)
        result.cleaned[column] = found
        if unknown:
            message = _("Unknown values: %(values)s (see the codes and names accepted on the import page)")
            result.errors.append((column, message % {"values": "; ".join(unknown)}))
        elif found:
            result.read_as(column, value, ", ".join(label_of(code) for code in found))

    def match(self, result: RowResult, values: dict[str, str], code: str | None) -> None:
        email = values.get("e-mail", "").lower()
        name = normalise(full_name(values))
        name_key = (name, code) if name and code else None
        if self.repeats_an_earlier_row(result, email, name_key):
            return
        person, matched_by = self.existing_person(result, email, name_key)
        if person is None:
            return
        result.existing, result.matched_by = person, matched_by
        if person.pk in self.already_at_event:
            result.summary += " · " + _("already a participant")
        spellings = result.cleaned["new spellings"] = new_spellings(person, values)
        if spellings:
            text = ngettext("adds spelling: %(spellings)s", "adds spellings: %(spellings)s", len(spellings))
            result.changes.append(text % {"spellings": "; ".join(spellings)})

    def repeats_an_earlier_row(self, result: RowResult, email: str, name_key: tuple | None) -> bool:
        """Flag a row that repeats an earlier one (an error naming the first of them; the row is then neither
        matched nor remembered) or that may be the same person with another e-mail (a warning)."""
        earlier = self.rows_by_name.get(name_key, []) if name_key else []
        same_name = [number for number, other_email in earlier if not (email and other_email)]
        if email in self.row_by_email:
            result.errors.append(("", _("Duplicate of row %(row)s (same e-mail).") % {"row": self.row_by_email[email]}))
            return True
        if same_name:
            result.errors.append(("", _("Duplicate of row %(row)s (same name and country).") % {"row": same_name[0]}))
            return True
        if earlier:
            message = _("Possible duplicate of row %(row)s: same name and country, another e-mail.")
            result.warnings.append(("", message % {"row": earlier[0][0]}))
        if email:
            self.row_by_email[email] = result.number
        if name_key:
            self.rows_by_name.setdefault(name_key, []).append((result.number, email))
        return False

    def existing_person(self, result: RowResult, email: str, name_key: tuple | None) -> tuple[Person | None, str]:
        """The person the row matches, and how; a namesake with another e-mail is a warning and no match."""
        if email and email in self.by_email:
            return self.by_email[email], _("e-mail")
        namesakes = self.by_name.get(name_key, []) if name_key else []
        compatible = [person for person in namesakes if not (email and person.email)]
        if compatible:
            return compatible[0], _("name and country")
        if namesakes:
            message = _(
                "Possible duplicate of %(person)s (%(email)s): same name and country, another e-mail. The row "
                "imports as a new person unless you skip it."
            )
            result.warnings.append(("", message % {"person": namesakes[0], "email": namesakes[0].email}))
        return None, ""


Terms = tuple[dict[str, str], frozenset[str], Callable[[str], str]]  # how to read a list's values, and show them


def language_terms() -> Terms:
    lookup = language_lookup(Language.objects.values_list("code", flat=True))
    return lookup, frozenset(lookup.values()), language_name


def expertise_terms() -> Terms:
    known = set(Expertise.objects.values_list("code", flat=True))
    lookup = {text: code for text, code in choice_codes(ExpertiseCode).items() if code in known}
    return lookup, frozenset(known), lambda code: str(ExpertiseCode(code).label)


def check_lengths(result: RowResult, values: dict[str, str]) -> None:
    for column, limit in MAX_LENGTHS.items():
        if len(values.get(column, "")) > limit:
            result.errors.append((column, _("Longer than %(limit)s characters.") % {"limit": limit}))


def full_name(values: dict[str, str]) -> str:
    return f"{values.get('given name', '')} {values.get('family name', '')}".strip()


def split_spellings(value: str) -> list[str]:
    return [spelling.strip() for spelling in value.replace(";", "\n").splitlines() if spelling.strip()]


def new_spellings(person: Person, values: dict[str, str]) -> list[str]:
    """The row's spellings of the name that the person does not have yet: its name, when written otherwise than
    the person's (accents, case and punctuation aside), and its other spellings."""
    candidates = [full_name(values), *split_spellings(values.get("other spellings", ""))]
    return spellings_not_in([person.full_name, *person.other_spellings.splitlines()], candidates)


def spellings_not_in(known: list[str], candidates: list[str]) -> list[str]:
    keys = {spelling_key(spelling) for spelling in known}
    new = []
    for spelling in candidates:
        if spelling and spelling_key(spelling) not in keys:
            keys.add(spelling_key(spelling))
            new.append(spelling)
    return new


def spelling_key(spelling: str) -> str:
    return normalise(spelling) or spelling.strip()


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
def apply(
    event: Event, results: list[RowResult], skipped: set[int] = frozenset(), user=None, accepted=frozenset()
) -> dict[str, int]:
    """Import the rows not skipped, recording ``user`` in the history, and do what the user accepted of the
    ``Offer``s of those rows. Refuses, changing nothing, while any row not skipped is in error."""
    chosen = refuse_rows_in_error(results, skipped)
    new_people = create_people([result for result in chosen if result.existing is None], user)
    people = [result.existing or new_people[result.number] for result in chosen]
    added = add_participations(event, chosen, people, user)
    respelled = add_spellings(chosen, user)
    countries_added = add_countries(event, chosen, accepted)
    matched = len(chosen) - len(new_people)
    counts = {_("new people"): len(new_people), _("matched people"): matched, _("participations added"): added}
    if respelled:
        counts[_("people given new spellings")] = respelled
    if countries_added:
        counts[_("participating countries added")] = countries_added
    return counts


def create_people(results: list[RowResult], user) -> dict[int, Person]:
    organizations = organizations_for(results, user)
    people = {}
    for result in results:
        values, country = result.values, result.cleaned["country"]
        person = Person(
            honorific=values.get("honorific", ""),
            given_name=values["given name"],
            family_name=values["family name"],
            other_spellings="\n".join(split_spellings(values.get("other spellings", ""))),
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


def add_spellings(results: list[RowResult], user) -> int:
    """Give the matched people the rows' new spellings of their names (one update per person, however many of the
    rows match them); return how many people changed."""
    changed: dict[int, Person] = {}
    for result in results:
        if result.existing is None or not result.cleaned.get("new spellings"):
            continue
        person = changed.setdefault(result.existing.pk, result.existing)
        known = [person.full_name, *person.other_spellings.splitlines()]
        added = spellings_not_in(known, result.cleaned["new spellings"])
        person.other_spellings = "\n".join(filter(None, [person.other_spellings.strip(), *added]))
        person.refresh_search_fields()
    fields = ["other_spellings", "search_text", "search_keys"]
    if changed:
        bulk_update_with_history(list(changed.values()), Person, fields, batch_size=BATCH_SIZE, default_user=user)
    return len(changed)


def add_countries(event: Event, results: list[RowResult], accepted) -> int:
    """Add to the event the participating countries the user accepted to add, among those of the imported rows."""
    codes = {offer.value for result in results for offer in result.offers if offer in accepted}
    EventCountry.objects.bulk_create([EventCountry(event=event, country=code) for code in sorted(codes)])
    return len(codes)
