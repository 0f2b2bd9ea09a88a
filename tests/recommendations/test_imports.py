"""Importing recommendations into an event: one follow-up per country addressed, with its due date."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contacts.choices import Mandate
from core.imports import ImportRefused, read_rows, read_sheet, template_csv
from recommendations import imports
from recommendations.models import FollowUp, Recommendation
from tests.factories import EventCountryFactory, EventFactory, FocalPointFactory, RecommendationFactory

pytestmark = pytest.mark.django_db


def csv_file(*rows: dict[str, str]) -> bytes:
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=imports.COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return text.getvalue().encode()


def row(**values) -> dict[str, str]:
    defaults = {"reference": "R1", "text": "Ratify the Protocol.", "category": "ratification", "countries": "KE"}
    return {**defaults, **{key.replace("_", " "): value for key, value in values.items()}}


def preview(event, content: bytes) -> list:
    return imports.preview(event, read_rows("list.csv", content, imports.FORMAT))


def test_the_template_round_trips():
    event = EventFactory()
    content = template_csv(imports.COLUMNS, imports.EXAMPLE_ROW).encode()
    results = preview(event, content)
    assert [(r.number, r.status, r.errors) for r in results] == [(2, "new", [])]
    counts = imports.apply(event, results)
    assert counts == {"recommendations": 1, "follow-ups": 3}
    recommendation = Recommendation.objects.get(event=event)
    assert (recommendation.code, recommendation.category, recommendation.pillar_id, recommendation.priority) == (
        "R1",
        "channels",
        "prosecution",
        "high",
    )
    follow_ups = recommendation.follow_ups.order_by("country")
    assert [(f.country.code, f.due_date) for f in follow_ups] == [
        ("EG", datetime.date(2027, 6, 30)),
        ("KE", datetime.date(2027, 6, 30)),
        ("TN", datetime.date(2027, 6, 30)),
    ]


@pytest.mark.parametrize(
    ("values", "column", "message"),
    [
        ({"reference": ""}, "reference", "Missing"),
        ({"text": ""}, "text", "Missing"),
        ({"category": ""}, "category", "Unknown value"),
        ({"category": "wishes"}, "category", "Unknown value"),
        ({"pillar": "punishment"}, "pillar", "Unknown value"),
        ({"priority": "urgent"}, "priority", "Unknown value"),
        ({"countries": "Kenya; Atlantis"}, "countries", "Unknown countries: Atlantis"),
        ({"countries": ""}, "countries", "Name at least one country"),
        ({"countries": "all"}, "countries", "Name at least one country"),  # the event has no countries
        ({"due_date": "30/06/2027"}, "due date", "Not a date"),
        ({"due_date": "2027-02-30"}, "due date", "Not a date"),
    ],
)
def test_each_kind_of_error_names_its_row_and_column(values, column, message):
    (result,) = preview(EventFactory(), csv_file(row(**values)))
    assert result.status == "error"
    assert any(col == column and message in text for col, text in result.errors), result.errors


def test_a_reference_twice_in_the_file_or_already_at_the_event_is_an_error():
    event = EventFactory()
    RecommendationFactory(event=event, code="R9")
    results = preview(event, csv_file(row(), row(reference="r1"), row(reference="R9")))
    assert [r.errors for r in results] == [
        [],
        [("reference", "Duplicate of row 2.")],
        [("reference", "The event already has recommendation R9.")],
    ]


def test_labels_and_country_names_are_understood():
    event = EventFactory()
    results = preview(event, csv_file(row(category="Capacity building", priority="Low", countries="Égypte;Maroc")))
    assert results[0].errors == []
    imports.apply(event, results)
    recommendation = Recommendation.objects.get(event=event)
    assert (recommendation.category, recommendation.priority) == ("capacity_building", "low")
    assert sorted(f.country.code for f in recommendation.follow_ups.all()) == ["EG", "MA"]


def test_all_means_every_participating_country_of_the_event():
    event = EventFactory()
    for code in ("EG", "KE", "TN"):
        EventCountryFactory(event=event, country=code)
    imports.apply(event, preview(event, csv_file(row(countries="All"))))
    assert sorted(FollowUp.objects.values_list("country", flat=True)) == ["EG", "KE", "TN"]


def test_each_follow_up_gets_the_countrys_current_tip_coordinator_when_there_is_exactly_one():
    event = EventFactory()
    kenyan = FocalPointFactory(country="KE", mandate=Mandate.TIP_COORDINATOR).person
    FocalPointFactory(country="TN", mandate=Mandate.TIP_COORDINATOR)
    FocalPointFactory(country="TN", mandate=Mandate.TIP_COORDINATOR)  # two: staff must choose
    FocalPointFactory(country="EG", mandate=Mandate.TIP_COORDINATOR, valid_until=datetime.date(2020, 1, 1))
    imports.apply(event, preview(event, csv_file(row(countries="KE;TN;EG"))))
    coordinators = dict(FollowUp.objects.values_list("country", "coordinator"))
    assert coordinators == {"KE": kenyan.pk, "TN": None, "EG": None}


def test_a_failing_row_imports_nothing_until_it_is_skipped():
    event = EventFactory()
    results = preview(event, csv_file(row(), row(reference="R2", countries="Atlantis")))
    with pytest.raises(ImportRefused, match="Rows 3 have errors"):
        imports.apply(event, results)
    assert not Recommendation.objects.exists() and not FollowUp.objects.exists()
    imports.apply(event, results, skipped={3})
    assert list(Recommendation.objects.values_list("code", flat=True)) == ["R1"]


def test_the_history_records_who_imported(staff):
    event = EventFactory()
    imports.apply(event, preview(event, csv_file(row())), user=staff)
    assert Recommendation.history.get().history_user == staff
    assert FollowUp.history.get().history_user == staff


def count_import_queries(rows: int) -> int:
    event = EventFactory()
    content = csv_file(*[row(reference=f"R{n}", countries="KE;TN;EG") for n in range(rows)])
    with CaptureQueriesContext(connection) as queries:
        imports.apply(event, preview(event, content))
    return len(queries)


def test_queries_do_not_grow_with_the_rows_of_a_batch():
    few, many = count_import_queries(5), count_import_queries(150)
    if connection.vendor == "postgresql":
        assert many == few
    else:
        assert many < 40  # SQLite splits large inserts into smaller statements


def test_french_headers_in_another_order_are_read():
    event = EventFactory()
    header = ["Échéance", "Pays", "Priorité", "Pilier", "Catégorie", "Texte", "Réf"]
    text = io.StringIO()
    csv.writer(text).writerows([header, ["2027-06-30", "Maroc", "Haute", "", "Ratification", "Ratifier.", "R7"]])
    sheet = read_sheet("liste.csv", text.getvalue().encode(), imports.FORMAT)
    assert sheet.unknown_columns == []
    (result,) = imports.preview(event, sheet.rows)
    assert result.errors == []
    assert result.readings == [
        ("category", "Ratification", "Ratification of instruments"),
        ("priority", "Haute", "High"),
        ("countries", "Maroc", "Morocco"),
    ]
    imports.apply(event, [result])
    recommendation = Recommendation.objects.get(event=event)
    assert (recommendation.code, recommendation.priority, recommendation.category) == ("R7", "high", "ratification")


def test_a_reference_too_long_is_an_error():
    (result,) = preview(EventFactory(), csv_file(row(reference="R" * 40)))
    assert result.errors == [("reference", "Longer than 32 characters.")]
