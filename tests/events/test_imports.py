"""Importing an attendee list: headers in English or French, every kind of error and warning, how values are read,
the matching rules, the spellings a matched person gains, participating countries, and all-or-nothing."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from openpyxl import Workbook

from contacts.models import Person
from core.imports import ImportRefused, Offer, read_rows, read_sheet, template_csv
from events import imports
from events.models import EventCountry, Participation
from tests.factories import EventCountryFactory, EventFactory, ParticipationFactory, PersonFactory

pytestmark = pytest.mark.django_db

# The template's columns, written as a French registration list would, in another order.
FRENCH_HEADER = [
    "Nom", "Prénom", "Pays", "Courriel", "Titre", "Fonction", "Organisme", "Rôle", "Téléphone", "Langues",
    "Domaines d'expertise", "Autres graphies",
]  # fmt: skip
FRENCH_COLUMNS = [
    "family name", "given name", "country", "e-mail", "honorific", "job title", "organisation", "role at the event",
    "phone", "languages", "expertise", "other spellings",
]  # fmt: skip


def csv_file(*rows: list[str], header: list[str] = imports.COLUMNS) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(header)
    writer.writerows(rows)
    return text.getvalue().encode()


def row(columns: list[str] = imports.COLUMNS, **values) -> list[str]:
    defaults = {"given name": "Amina", "family name": "Example", "country": "Kenya"}
    merged = {**defaults, **{key.replace("e_mail", "e-mail").replace("_", " "): value for key, value in values.items()}}
    return [merged.get(column, "") for column in columns]


def preview(content: bytes, name: str = "list.csv", event=None) -> list:
    return imports.preview(event or EventFactory.build(), read_rows(name, content, imports.FORMAT))


def template() -> bytes:
    return template_csv(imports.COLUMNS, imports.EXAMPLE_ROW).encode()


def test_the_template_round_trips():
    event = EventFactory()
    results = preview(template())
    assert [(r.number, r.status, r.errors) for r in results] == [(2, "new", [])]
    imports.apply(event, results)
    person = Person.objects.get(email="amina.example@example.org")
    assert (person.country.code, str(person.phone)) == ("KE", "+254202012345")
    assert set(person.languages.values_list("code", flat=True)) == {"en", "sw"}
    assert set(person.expertise.values_list("code", flat=True)) == {"tip", "som"}
    assert person.organization.name == "Public Prosecution Service of Kenya"
    assert Participation.objects.get(person=person).event == event


@pytest.mark.parametrize(
    ("header", "columns"),
    [
        (FRENCH_HEADER, FRENCH_COLUMNS),
        (
            ["e-mail", "surname", "First Name", "COUNTRY", "job_title", "role", "other_spellings", "Phone"],
            [
                "e-mail",
                "family name",
                "given name",
                "country",
                "job title",
                "role at the event",
                "other spellings",
                "phone",
            ],
        ),  # fmt: skip
        (
            ["Adresse E-mail", "NOM DE FAMILLE", "prenom", "pays", "Rôle à l'événement", "tel", "organization"],
            ["e-mail", "family name", "given name", "country", "role at the event", "phone", "organisation"],
        ),
    ],
)
def test_headers_are_read_in_english_or_french_in_any_order(header, columns):
    values = {"e-mail": "zawadi@example.org", "given name": "Zawadi", "family name": "Example", "country": "KE"}
    values |= {"job title": "Judge", "role at the event": "speaker", "phone": "+254 20 2012345"}
    values |= {"organisation": "Judiciary of Kenya", "other spellings": "Zawady"}
    (result,) = preview(csv_file([values.get(column, "") for column in columns], header=header))
    assert result.errors == []
    assert {column: result.values[column] for column in columns} == {
        column: values.get(column, "") for column in columns
    }


@pytest.mark.parametrize("header", ["given name", "Given name", "GIVEN_NAME", " given  name ", "Given-Name", "Prénom"])
def test_a_header_is_read_whatever_its_case_accents_spacing_hyphens_or_underscores(header):
    assert imports.FORMAT.column_of(header) == "given name"


def test_columns_not_read_are_listed_with_the_closest_known_column():
    header = ["given name", "family name", "country", "Emial", "Notes", "", "Organisaton", "Mobile phone"]
    content = csv_file(["Amina", "Example", "KE", "a@example.org", "vip", "x", "IOM", "+254 20 2012345"], header=header)
    sheet = read_sheet("list.csv", content, imports.FORMAT)
    assert [(column.header, column.closest) for column in sheet.unknown_columns] == [
        ("Emial", "e-mail"),
        ("Notes", ""),
        ("column F, without a header", ""),
        ("Organisaton", "organisation"),
        ("Mobile phone", "phone"),
    ]
    assert sheet.rows == [{"given name": "Amina", "family name": "Example", "country": "KE"}]


def test_an_empty_column_without_a_header_is_not_listed():
    sheet = read_sheet("list.csv", csv_file(["Amina", "Example", "KE", ""], header=[*imports.REQUIRED, ""]),
                       imports.FORMAT)  # fmt: skip
    assert sheet.unknown_columns == []


def test_a_missing_required_column_is_named_with_the_headers_accepted_for_it():
    with pytest.raises(ImportRefused) as refused:
        read_rows("list.csv", csv_file(["Amina Example", "KE"], header=["name", "pays"]), imports.FORMAT)
    message = str(refused.value)
    assert message.startswith("Missing columns: given name (or: given_name, first name, forename, prénom")
    assert "family name (or: family_name, surname, last name, nom" in message and "country" not in message


def test_two_headers_for_the_same_column_are_refused():
    content = csv_file(["Amina", "Example", "KE", "a@example.org", "b@example.org"],
                       header=[*imports.REQUIRED, "email", "Courriel"])  # fmt: skip
    with pytest.raises(ImportRefused, match="“email”, “Courriel” are all read as “e-mail”"):
        read_rows("list.csv", content, imports.FORMAT)


@pytest.mark.parametrize(
    ("values", "column", "message"),
    [
        ({"e_mail": "not-an-address"}, "e-mail", "Not an e-mail address"),
        ({"country": "Atlantis"}, "country", "Unknown country"),
        ({"phone": "12"}, "phone", "Not a valid phone number"),
        ({"given_name": ""}, "given name", "Missing"),
        ({"family_name": ""}, "family name", "Missing"),
        ({"role_at_the_event": "keynote"}, "role at the event", "Unknown role: keynote (roles: participant, speaker"),
        ({"languages": "xx"}, "languages", "Unknown values: xx"),
        ({"languages": "en; Klingon"}, "languages", "Unknown values: Klingon"),
        ({"languages": "en fr xx"}, "languages", "Unknown values: en fr xx"),
        ({"expertise": "magic"}, "expertise", "Unknown values: magic"),
        ({"expertise": "cybercrime digital"}, "expertise", "Unknown values: cybercrime digital"),
        ({"honorific": "Senior prosecutor in charge of international cooperation"}, "honorific", "Longer than 40"),
        ({"given_name": "A" * 121}, "given name", "Longer than 120"),
        ({"organisation": "O" * 256}, "organisation", "Longer than 255"),
    ],
)
def test_each_kind_of_error_names_its_row_and_column(values, column, message):
    (result,) = preview(csv_file(row(**values)))
    assert result.status == "error"
    assert result.number == 2
    assert any(col == column and message in text for col, text in result.errors), result.errors


@pytest.mark.parametrize(
    ("cell", "codes"),
    [
        ("ar; fr", ["ar", "fr"]),
        ("ar, fr", ["ar", "fr"]),
        ("ar fr", ["ar", "fr"]),
        ("Arabic\nFrench", ["ar", "fr"]),
        ("Arabe; Français", ["ar", "fr"]),
        ("العربية، الفرنسية", ["ar", "fr"]),
        ("Arabic (ar), sw", ["ar", "sw"]),
        ("Swahili; EN; en", ["sw", "en"]),
    ],
)
def test_languages_are_read_by_code_or_name_separated_by_semicolons_commas_line_breaks_or_spaces(cell, codes):
    (result,) = preview(csv_file(row(languages=cell)))
    assert (result.errors, result.cleaned["languages"]) == ([], codes)


@pytest.mark.parametrize(
    ("cell", "codes"),
    [
        ("TIP; cybercrime and digital evidence", ["tip", "cybercrime"]),
        ("tip som", ["tip", "som"]),
        ("Traite des personnes, Trafic illicite de migrants", ["tip", "som"]),
        ("victim_protection\nVictim protection", ["victim_protection"]),
    ],
)
def test_expertise_is_read_by_code_or_label_even_labels_with_spaces(cell, codes):
    (result,) = preview(csv_file(row(expertise=cell)))
    assert (result.errors, result.cleaned["expertise"]) == ([], codes)


def test_the_preview_says_how_each_value_was_read():
    values = {"country": "Maroc", "languages": "ar; fr", "role_at_the_event": "Intervenant", "phone": "0522 123456"}
    (result,) = preview(csv_file(row(**values)))
    assert result.readings == [
        ("country", "Maroc", "Morocco"),
        ("phone", "0522 123456", "+212522123456"),
        ("role at the event", "Intervenant", "Speaker"),
        ("languages", "ar; fr", "Arabic, French"),
    ]


def test_the_preview_reads_values_in_the_language_of_the_page():
    with translation.override("fr"):
        (result,) = preview(csv_file(row(country="MA", languages="ar")))
    assert result.readings == [("country", "MA", "Maroc"), ("languages", "ar", "Arabe")]


def test_a_value_written_as_it_is_read_is_not_repeated():
    (result,) = preview(csv_file(row(country="Kenya", role_at_the_event="participant", expertise="Extradition")))
    assert result.readings == []


@pytest.mark.parametrize("country", ["TN", "tn", "Tunisia", "Tunisie", "تونس"])
def test_countries_by_code_or_name_in_english_french_or_arabic(country):
    (result,) = preview(csv_file(row(country=country)))
    assert result.errors == []


def test_the_same_name_and_country_without_emails_is_a_duplicate_of_the_first_row():
    results = preview(csv_file(row(), row(given_name="AMINA"), row(given_name="Amína")))
    assert results[0].status == "new"
    assert [r.errors for r in results[1:]] == [[("", "Duplicate of row 2 (same name and country).")]] * 2


def test_the_same_name_and_country_when_one_row_has_no_email_is_a_duplicate():
    results = preview(csv_file(row(e_mail="amina@example.org"), row()))
    assert results[1].errors == [("", "Duplicate of row 2 (same name and country).")]


def test_the_same_name_and_country_with_different_emails_is_a_warning_and_both_import():
    event = EventFactory()
    results = preview(csv_file(row(e_mail="amina@example.org"), row(e_mail="amina.e@example.org")), event=event)
    assert [(r.status, r.errors) for r in results] == [("new", []), ("new", [])]
    assert ("", "Possible duplicate of row 2: same name and country, another e-mail.") in results[1].warnings
    imports.apply(event, results)
    assert Person.objects.filter(given_name="Amina", family_name="Example").count() == 2


def test_a_true_duplicate_names_the_row_it_repeats_not_an_earlier_namesake():
    results = preview(
        csv_file(row(e_mail="amina@example.org"), row(e_mail="other@example.org"), row(e_mail="OTHER@example.org"))
    )
    assert results[1].errors == []
    assert results[2].errors == [("", "Duplicate of row 3 (same e-mail).")]


def test_match_by_email_first_whatever_the_name():
    existing = PersonFactory(given_name="A.", family_name="Other", email="Amina.Example@example.org", country="KE")
    (result,) = preview(csv_file(row(e_mail="amina.example@EXAMPLE.org")))
    assert (result.status, result.existing, result.matched_by) == ("match", existing, "e-mail")


def test_match_by_normalised_name_and_country_but_not_across_countries():
    kenyan = PersonFactory(given_name="Amína", family_name="Exámple", country="KE", email="")
    PersonFactory(given_name="Amina", family_name="Example", country="TZ", email="")
    (result,) = preview(csv_file(row()))
    assert (result.existing, result.matched_by, result.changes) == (kenyan, "name and country", [])


def test_a_namesake_with_another_email_is_a_possible_duplicate_and_the_row_imports_as_new():
    event = EventFactory()
    namesake = PersonFactory(given_name="Amina", family_name="Example", country="KE", email="amina@court.example")
    (result,) = preview(csv_file(row(e_mail="amina@prosecution.example")), event=event)
    assert (result.status, result.existing, result.errors) == ("new", None, [])
    assert any("Possible duplicate of Amina Example (amina@court.example)" in text for _col, text in result.warnings)
    imports.apply(event, [result])
    assert Person.objects.filter(given_name="Amina", family_name="Example").exclude(pk=namesake.pk).exists()


def test_a_matched_person_gains_the_files_new_spellings_with_the_change_in_their_history(staff):
    event = EventFactory()
    person = PersonFactory(given_name="A.", family_name="Example", email="amina@example.org", other_spellings="Amna")
    values = {"e_mail": "amina@example.org", "other_spellings": "أمينة; AMNA; Amína Example"}
    (result,) = preview(csv_file(row(**values)), event=event)
    assert result.changes == ["adds spellings: Amina Example; أمينة"]
    counts = imports.apply(event, [result], user=staff)
    person.refresh_from_db()
    assert counts["people given new spellings"] == 1
    assert person.other_spellings.splitlines() == ["Amna", "Amina Example", "أمينة"]
    assert (person.given_name, person.family_name) == ("A.", "Example")  # nothing else changes
    assert Person.objects.search("Amina").filter(pk=person.pk).exists()
    latest = person.history.latest()
    assert (latest.history_type, latest.history_user, latest.other_spellings) == ("~", staff, person.other_spellings)


def test_two_rows_matching_one_person_give_one_update():
    event = EventFactory()
    person = PersonFactory(given_name="Amina", family_name="Example", country="KE", email="amina@example.org")
    by_email = row(given_name="Aminah", e_mail="amina@example.org")
    by_name = row(other_spellings="Amna")
    results = preview(csv_file(by_email, by_name), event=event)
    assert [r.existing for r in results] == [person, person]
    imports.apply(event, results)
    person.refresh_from_db()
    assert person.other_spellings.splitlines() == ["Aminah Example", "Amna"]
    assert person.history.count() == 2  # created, then given both spellings at once


def test_a_country_not_among_the_participating_countries_is_a_warning_that_offers_to_add_it():
    event = EventFactory()
    EventCountryFactory(event=event, country="TN")
    kenyan, tunisian = preview(csv_file(row(), row(given_name="Sami", country="TN")), event=event)
    assert kenyan.warnings == [("country", "Kenya is not among the participating countries of the event.")]
    assert kenyan.offers == [Offer("add_country", "KE")]
    assert kenyan.offers[0].label == "Add Kenya to the participating countries of the event"
    assert (tunisian.warnings, tunisian.offers) == ([], [])


@pytest.mark.parametrize(("accepted", "countries"), [(set(), ["TN"]), ({Offer("add_country", "KE")}, ["KE", "TN"])])
def test_the_country_is_added_in_the_import_only_when_the_offer_is_accepted(accepted, countries):
    event = EventFactory()
    EventCountryFactory(event=event, country="TN")
    results = preview(csv_file(row(), row(given_name="Other", country="KE")), event=event)
    counts = imports.apply(event, results, accepted=accepted)
    assert sorted(event.countries.values_list("country", flat=True)) == countries
    assert counts.get("participating countries added", 0) == len(accepted)
    assert Participation.objects.filter(event=event).count() == 2


def test_a_refused_import_adds_no_country_and_no_spelling():
    event = EventFactory()
    person = PersonFactory(given_name="A.", family_name="Example", email="amina@example.org", other_spellings="")
    results = preview(csv_file(row(e_mail="amina@example.org"), row(given_name="Bad", country="Atlantis")), event=event)
    with pytest.raises(ImportRefused, match="Rows 3"):
        imports.apply(event, results, accepted={Offer("add_country", "KE")})
    person.refresh_from_db()
    assert (person.other_spellings, EventCountry.objects.filter(event=event).exists()) == ("", False)


def test_a_failing_row_imports_nothing_until_it_is_skipped():
    event = EventFactory()
    results = preview(csv_file(row(given_name="Good"), row(given_name="Bad", country="Atlantis")))
    with pytest.raises(ImportRefused, match="Rows 3"):
        imports.apply(event, results)
    assert not Person.objects.filter(given_name__in=["Good", "Bad"]).exists()
    imports.apply(event, results, skipped={3})
    assert list(Person.objects.filter(given_name__in=["Good", "Bad"]).values_list("given_name", flat=True)) == ["Good"]


def test_a_matched_person_already_at_the_event_is_not_added_twice():
    event = EventFactory()
    existing = PersonFactory(given_name="Amina", family_name="Example", email="amina.example@example.org", country="KE")
    ParticipationFactory(event=event, person=existing)
    counts = imports.apply(event, preview(csv_file(row(e_mail="amina.example@example.org"))))
    assert counts == {"new people": 0, "matched people": 1, "participations added": 0}
    assert Participation.objects.filter(event=event).count() == 1


def xlsx_file(*rows: list, header: list[str]) -> bytes:
    workbook = Workbook()
    workbook.active.append(header)
    for cells in rows:
        workbook.active.append(cells)
    content = io.BytesIO()
    workbook.save(content)
    return content.getvalue()


def test_an_xlsx_file_with_french_headers_in_another_order_imports_like_a_csv():
    event = EventFactory()
    values = {
        "family name": "Exemple", "given name": "Zawadi", "country": "Kenya", "e-mail": "zawadi@example.org",
        "honorific": "Dr", "job title": "Juge", "organisation": "Judiciary of Kenya", "role at the event": "Formateur",
        "phone": 254202012345, "languages": "Anglais; Swahili", "expertise": "Extradition", "other spellings": "Zawady",
    }  # fmt: skip
    content = xlsx_file([values[column] for column in FRENCH_COLUMNS], header=FRENCH_HEADER)
    (result,) = preview(content, "liste.xlsx", event=event)
    assert (result.status, result.errors) == ("new", [])
    imports.apply(event, [result])
    person = Person.objects.get(email="zawadi@example.org")
    assert (person.honorific, person.given_name, person.family_name, person.job_title) == (
        "Dr",
        "Zawadi",
        "Exemple",
        "Juge",
    )
    assert (str(person.phone), person.other_spellings, person.organization.name) == (
        "+254202012345",
        "Zawady",
        "Judiciary of Kenya",
    )
    assert set(person.languages.values_list("code", flat=True)) == {"en", "sw"}
    assert list(person.expertise.values_list("code", flat=True)) == ["extradition"]
    assert Participation.objects.get(person=person).role == "trainer"


def test_an_xlsx_file_lists_its_columns_not_read_as_a_csv_does():
    content = xlsx_file(["Amina", "Example", "KE", "yes"], header=["Prénom", "Nom", "Pays", "Visa"])
    sheet = read_sheet("list.xlsx", content, imports.FORMAT)
    assert [column.header for column in sheet.unknown_columns] == ["Visa"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("list.txt", b"x", "Upload a .csv or .xlsx"),
        ("list.csv", b"", "empty"),
        ("list.csv", b"name\nA\n", "Missing columns"),
        ("list.csv", b"given name,family name,country\n", "no rows"),
        ("list.csv", "given name,family name,country\nAmína,E,KE\n".encode("latin-1"), "UTF-8"),
        ("list.xlsx", b"PK not a workbook", "not a readable XLSX"),
    ],
)
def test_unreadable_files_are_refused_with_a_message(name, content, message):
    with pytest.raises(ImportRefused, match=message):
        read_rows(name, content, imports.FORMAT)


def count_import_queries(rows: int) -> int:
    event = EventFactory()
    PersonFactory.create_batch(3, country="KE")
    content = csv_file(
        *[row(given_name=f"Given{n}", e_mail=f"g{n}.{rows}@example.org", languages="en") for n in range(rows)]
    )
    with CaptureQueriesContext(connection) as queries:
        imports.apply(event, preview(content))
    return len(queries)


def test_queries_do_not_grow_with_the_rows_of_a_batch():
    few, many = count_import_queries(10), count_import_queries(200)
    if connection.vendor == "postgresql":
        assert many == few  # one statement per table per batch of 500 rows
    else:
        assert many < 40  # SQLite caps the variables of a statement, so Django splits inserts into smaller chunks


def count_matching_import_queries(rows: int) -> int:
    """Every row matches a person by e-mail, gives them a new spelling, and comes from a country to be added."""
    event = EventFactory()
    people = [PersonFactory(email=f"m{n}.{rows}@example.org", country="KE") for n in range(rows)]
    content = csv_file(
        *[row(given_name=f"Other{n}", e_mail=person.email, country="TN") for n, person in enumerate(people)]
    )
    with CaptureQueriesContext(connection) as queries:
        results = preview(content, event=event)
        imports.apply(event, results, accepted={Offer("add_country", "TN")})
    assert all(result.changes for result in results)
    return len(queries)


def test_queries_do_not_grow_with_matched_people_given_new_spellings():
    few, many = count_matching_import_queries(10), count_matching_import_queries(200)
    if connection.vendor == "postgresql":
        assert many == few
    else:
        assert many < 40
