"""Importing an attendee list: the template, every kind of error, the matching rules, and all-or-nothing."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook

from contacts.models import Person
from core.imports import ImportRefused, read_rows, template_csv
from events import imports
from events.models import Participation
from tests.factories import EventFactory, ParticipationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def csv_file(*rows: list[str], header: list[str] = imports.COLUMNS) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(header)
    writer.writerows(rows)
    return text.getvalue().encode()


def row(**values) -> list[str]:
    defaults = {"given name": "Amina", "family name": "Example", "country": "Kenya"}
    merged = {**defaults, **{key.replace("e_mail", "e-mail").replace("_", " "): value for key, value in values.items()}}
    return [merged.get(column, "") for column in imports.COLUMNS]


def preview(content: bytes, name: str = "list.csv", event=None) -> list:
    return imports.preview(event or EventFactory.build(), read_rows(name, content, imports.REQUIRED))


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
    assert person.organization.name == "Public Prosecution Service of Kenya"
    assert Participation.objects.get(person=person).event == event


@pytest.mark.parametrize(
    ("values", "column", "message"),
    [
        ({"e_mail": "not-an-address"}, "e-mail", "Not an e-mail address"),
        ({"country": "Atlantis"}, "country", "Unknown country"),
        ({"phone": "12"}, "phone", "Not a valid phone number"),
        ({"given_name": ""}, "given name", "Missing"),
        ({"family_name": ""}, "family name", "Missing"),
        ({"role_at_the_event": "keynote"}, "role at the event", "Unknown role"),
        ({"languages": "xx"}, "languages", "Unknown codes"),
        ({"expertise": "magic"}, "expertise", "Unknown codes"),
    ],
)
def test_each_kind_of_error_names_its_row_and_column(values, column, message):
    (result,) = preview(csv_file(row(**values)))
    assert result.status == "error"
    assert result.number == 2
    assert any(col == column and message in text for col, text in result.errors)


def test_a_duplicate_row_is_an_error():
    results = preview(csv_file(row(), row(given_name="AMINA")))
    assert results[0].status == "new"
    assert results[1].errors == [("", "Duplicate of row 2.")]


@pytest.mark.parametrize("country", ["TN", "tn", "Tunisia", "Tunisie", "تونس"])
def test_countries_by_code_or_name_in_english_french_or_arabic(country):
    (result,) = preview(csv_file(row(country=country)))
    assert result.errors == []


def test_match_by_email_first_whatever_the_name():
    existing = PersonFactory(given_name="A.", family_name="Other", email="Amina.Example@example.org", country="KE")
    (result,) = preview(csv_file(row(e_mail="amina.example@EXAMPLE.org")))
    assert (result.status, result.existing, result.matched_by) == ("match", existing, "e-mail")


def test_match_by_normalised_name_and_country_but_not_across_countries():
    kenyan = PersonFactory(given_name="Amína", family_name="Exámple", country="KE", email="")
    PersonFactory(given_name="Amina", family_name="Example", country="TZ", email="")
    (result,) = preview(csv_file(row()))
    assert (result.existing, result.matched_by) == (kenyan, "name and country")


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
    existing = PersonFactory(email="amina.example@example.org", country="KE")
    ParticipationFactory(event=event, person=existing)
    counts = imports.apply(event, preview(csv_file(row(e_mail="amina.example@example.org"))))
    assert counts == {"new people": 0, "matched people": 1, "participations added": 0}
    assert Participation.objects.filter(event=event).count() == 1


def test_xlsx_files_are_read_too():
    workbook = Workbook()
    workbook.active.append(imports.COLUMNS)
    workbook.active.append(row(given_name="Xlsx"))
    content = io.BytesIO()
    workbook.save(content)
    (result,) = preview(content.getvalue(), "list.xlsx")
    assert result.values["given name"] == "Xlsx" and result.status == "new"


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
        read_rows(name, content, imports.REQUIRED)


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
