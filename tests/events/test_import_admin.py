"""The admin pages of the imports: upload, preview (nothing written), confirm; refusals change nothing."""

import csv
import io

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from contacts.models import Person
from events import imports as participant_imports
from events.models import Participation
from recommendations import imports as recommendation_imports
from recommendations.models import FollowUp
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def upload(rows: list[list[str]], header=participant_imports.COLUMNS, name="list.csv") -> io.BytesIO:
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(header)
    writer.writerows(rows)
    file = io.BytesIO(text.getvalue().encode())
    file.name = name
    return file


def person_row(given: str, country: str = "Kenya", email: str = "") -> list[str]:
    values = {"given name": given, "family name": "Example", "country": country, "e-mail": email}
    return [values.get(column, "") for column in participant_imports.COLUMNS]


def import_url(event, kind="participants") -> str:
    return reverse("admin:events_event_import", kwargs={"object_id": event.pk, "kind": kind})


def preview(client, event, file, kind="participants"):
    response = client.post(import_url(event, kind), {"file": file})
    assert response.status_code == 200
    return response


def test_the_change_page_links_to_both_imports(staff_client):
    event = EventFactory()
    page = staff_client.get(reverse("admin:events_event_change", args=[event.pk])).content.decode()
    assert import_url(event, "participants") in page and import_url(event, "recommendations") in page


@pytest.mark.parametrize("kind", ["participants", "recommendations"])
def test_the_templates_download_as_csv(staff_client, kind):
    response = staff_client.get(reverse("admin:events_event_import_template", kwargs={"kind": kind}))
    assert response["Content-Type"].startswith("text/csv")
    assert f'filename="{kind}-template.csv"' in response["Content-Disposition"]
    assert response.content.decode().splitlines()[0].startswith(("honorific,", "reference,"))


def test_upload_previews_without_writing_then_confirm_imports(staff_client, media_root):
    event = EventFactory()
    response = preview(staff_client, event, upload([person_row("Zawadi"), person_row("Bad", country="Atlantis")]))
    page = response.content.decode()
    assert "Zawadi Example" in page and "Unknown country: Atlantis" in page
    assert response.context["totals"] == {"new": 1, "match": 0, "error": 1}
    assert not Person.objects.filter(given_name="Zawadi").exists()
    token = response.context["token"]

    refused = staff_client.post(import_url(event), {"token": token, "confirm": "1"})
    assert "Rows 3 have errors" in refused.content.decode()
    assert not Person.objects.filter(given_name="Zawadi").exists()

    done = staff_client.post(import_url(event), {"token": token, "confirm": "1", "skip": ["3"]})
    assert done.status_code == 302 and done["Location"] == reverse("admin:events_event_change", args=[event.pk])
    person = Person.objects.get(given_name="Zawadi")
    assert Participation.objects.filter(event=event, person=person).exists()
    assert not Person.objects.filter(given_name="Bad").exists()
    assert "Imported participants" in LogEntry.objects.get(object_id=str(event.pk)).get_change_message()
    assert not list((media_root / "imports").iterdir())  # the upload is gone


def test_a_second_confirmation_of_the_same_upload_is_refused(staff_client):
    event = EventFactory()
    token = preview(staff_client, event, upload([person_row("Once")])).context["token"]
    staff_client.post(import_url(event), {"token": token, "confirm": "1"})
    again = staff_client.post(import_url(event), {"token": token, "confirm": "1"})
    assert "upload has expired" in again.content.decode()
    assert Person.objects.filter(given_name="Once").count() == 1


def test_a_preview_made_for_one_event_imports_nothing_into_another(staff_client):
    first, second = EventFactory(), EventFactory()
    token = preview(staff_client, first, upload([person_row("Wandering")])).context["token"]
    refused = staff_client.post(import_url(second), {"token": token, "confirm": "1"})
    assert "made by another user or for another record" in refused.content.decode()
    assert not Person.objects.filter(given_name="Wandering").exists()


@pytest.mark.parametrize("token", ["", "../../settings.py", "0" * 32 + ".csv"])
def test_a_forged_or_unknown_token_is_refused(staff_client, token):
    response = staff_client.post(import_url(EventFactory()), {"token": token, "confirm": "1"})
    assert "upload has expired" in response.content.decode()


def test_an_unreadable_file_gets_a_message_and_the_upload_form(staff_client, media_root):
    response = staff_client.post(import_url(EventFactory()), {"file": upload([], header=["name"])})
    assert "Missing columns" in response.content.decode() and "results" not in response.context
    assert not (media_root / "imports").exists() or not list((media_root / "imports").iterdir())


def test_recommendations_import_through_the_same_pages(staff_client):
    event = EventFactory()
    rows = [["R1", "Set up a hotline.", "channels", "", "", "KE; TN", "2027-01-31"]]
    file = upload(rows, header=recommendation_imports.COLUMNS)
    token = preview(staff_client, event, file, "recommendations").context["token"]
    staff_client.post(import_url(event, "recommendations"), {"token": token, "confirm": "1"})
    assert sorted(FollowUp.objects.filter(recommendation__event=event).values_list("country", flat=True)) == [
        "KE",
        "TN",
    ]


def test_network_members_cannot_import(client, member_ke):
    client.force_login(member_ke)
    event = EventFactory()
    response = client.post(import_url(event), {"file": upload([person_row("Sneaky")])})
    assert response.status_code in (302, 403)
    assert not Person.objects.filter(given_name="Sneaky").exists()


def test_an_unknown_kind_is_not_found(staff_client):
    assert staff_client.get(import_url(EventFactory(), "budgets")).status_code == 404


def test_the_upload_page_lists_the_columns_and_links_the_template(staff_client):
    page = staff_client.get(import_url(EventFactory())).content.decode()
    assert "honorific, given name, family name" in page
    assert reverse("admin:events_event_import_template", kwargs={"kind": "participants"}) in page
