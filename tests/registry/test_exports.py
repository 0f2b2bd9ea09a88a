"""Staff exports of personal data: recorded, formula-safe, CSV or XLSX; and cloning an event for its next edition."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from contacts.models import ExportLog
from events.models import Event
from tests.factories import (
    EventCountryFactory,
    EventFactory,
    EventOrganizationFactory,
    ParticipationFactory,
    PersonFactory,
    ThemeFactory,
)

MALICIOUS = '=HYPERLINK("http://evil.example","x")'


@pytest.fixture
def event(db):
    held = EventFactory(title="Customs training")
    ParticipationFactory(event=held, person=PersonFactory(family_name="Fawzy", job_title=MALICIOUS, country="EG"))
    ParticipationFactory(event=held, person=PersonFactory(family_name="Ashraf", country="EG"))
    return held


def export(staff_client, url: str, action: str, ids: list[int]):
    return staff_client.post(url, {"action": action, "_selected_action": ids})


def test_participants_of_an_event_as_csv_are_escaped_and_logged(staff_client, staff, event):
    response = export(staff_client, reverse("admin:events_event_changelist"), "export_participants_csv", [event.pk])
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["event", "role at the event", "delegation", "family name"]
    assert {row[3] for row in rows[1:]} == {"Fawzy", "Ashraf"}
    assert f"'{MALICIOUS}" in [row[5] for row in rows[1:]]
    log = ExportLog.objects.get()
    assert (log.user, log.file_format, log.row_count) == (staff, "csv", 2)
    assert "Customs training" in log.what


def test_directory_of_a_country_as_xlsx(staff_client, event):
    PersonFactory(family_name="Trabelsi", country="TN")
    url = reverse("admin:contacts_person_changelist") + "?country__exact=EG"
    egyptians = [event.participations.first().person_id, event.participations.last().person_id]
    response = export(staff_client, url, "export_xlsx", egyptians)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][0] == "family name"
    assert {row[0] for row in values[1:]} == {"Fawzy", "Ashraf"}
    assert all(cell is None or not str(cell).startswith("=") for row in values for cell in row)
    assert "country__exact=EG" in ExportLog.objects.get().what


def test_clone_for_the_next_edition_copies_structure_not_participants(staff_client, event):
    EventCountryFactory(event=event, country="EG", delegation_size=27)
    EventOrganizationFactory(event=event)
    event.themes.add(ThemeFactory())
    response = export(staff_client, reverse("admin:events_event_changelist"), "clone_for_next_edition", [event.pk])
    copy = Event.objects.exclude(pk=event.pk).get()
    assert response.status_code == 302 and str(copy.pk) in response["Location"]
    assert copy.status == "draft" and copy.previous_event == event and copy.start_date is None
    assert list(copy.countries.values_list("country", "delegation_size")) == [("EG", 27)]
    assert copy.organizations.count() == 1 and copy.themes.count() == 1
    assert copy.participations.count() == 0


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_staff_download_a_countrys_directory_from_its_page(staff_client, staff, event, file_format):
    PersonFactory(family_name="Trabelsi", country="TN")
    page = staff_client.get(reverse("country", args=["eg"])).content.decode()
    url = reverse("country_directory_export", args=["EG", file_format])
    assert url in page
    response = staff_client.get(url)
    assert response["Content-Disposition"] == f'attachment; filename="directory-EG.{file_format}"'
    if file_format == "csv":
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    else:
        rows = [[cell.value for cell in row] for row in load_workbook(io.BytesIO(response.content)).active.iter_rows()]
    assert {row[0] for row in rows[1:]} == {"Ashraf", "Cast", "Fawzy"}  # "Cast": the staff user's own person
    assert f"'{MALICIOUS}" in [row[2] for row in rows[1:]]
    log = ExportLog.objects.get()
    assert (log.user, log.what, log.row_count) == (staff, "directory of Egypt (EG)", 3)


def test_only_staff_download_a_countrys_directory(client, member_ke):
    url = reverse("country_directory_export", args=["KE", "csv"])
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(member_ke)
    assert client.get(url).status_code == 403
    assert "directory-KE" not in client.get(reverse("country", args=["KE"])).content.decode()
    assert not ExportLog.objects.exists()


def test_an_unknown_country_has_no_directory(staff_client):
    assert staff_client.get(reverse("country_directory_export", args=["XX", "csv"])).status_code == 404
