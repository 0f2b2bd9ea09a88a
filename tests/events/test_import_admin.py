"""The admin pages of the imports: upload, preview (nothing written), confirm; refusals change nothing. The preview
lists the columns not read, says how values were read, filters the rows in error and offers what more the import
may do; the upload page explains every column."""

import csv
import io

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from django.utils.html import escape
from openpyxl import Workbook

from contacts.models import Person
from events import imports as participant_imports
from events.models import Participation
from recommendations import imports as recommendation_imports
from recommendations.models import FollowUp, Recommendation
from tests.factories import EventCountryFactory, EventFactory, PersonFactory

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
    assert response.context["totals"] == {"new": 1, "match": 0, "error": 1, "warning": 1}  # Kenya: not participating
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


FRENCH_HEADER = ["Courriel", "Nom", "Prénom", "Pays", "Rôle", "Langues"]


def french_upload(*rows: list[str], extra_header: tuple[str, ...] = (), name="liste.csv") -> io.BytesIO:
    return upload(list(rows), header=[*FRENCH_HEADER, *extra_header], name=name)


def confirm(client, event, token, **fields):
    return client.post(import_url(event), {"token": token, "confirm": "1", **fields})


def test_a_file_with_french_headers_in_another_order_imports(staff_client):
    event = EventFactory()
    EventCountryFactory(event=event, country="MA")
    file = french_upload(["samira@example.org", "Exemple", "Samira", "Maroc", "Intervenante", "ar; fr"])
    response = preview(staff_client, event, file)
    (result,) = response.context["results"]
    assert result.errors == [("role at the event", "Unknown role: Intervenante (roles: participant, speaker, "
                              "trainer, moderator, organiser, observer)")]  # fmt: skip
    file = french_upload(["samira@example.org", "Exemple", "Samira", "Maroc", "Intervenant", "ar; fr"])
    response = preview(staff_client, event, file)
    page = response.content.decode()
    assert "“Maroc” read as Morocco" in page and "“Intervenant” read as Speaker" in page
    assert "“ar; fr” read as Arabic, French" in page
    assert confirm(staff_client, event, response.context["token"]).status_code == 302
    person = Person.objects.get(email="samira@example.org")
    assert (person.given_name, person.family_name, person.country.code) == ("Samira", "Exemple", "MA")
    assert Participation.objects.get(event=event, person=person).role == "speaker"


def test_an_xlsx_upload_previews_and_imports_through_the_pages(staff_client):
    event = EventFactory()
    workbook = Workbook()
    workbook.active.append(["Surname", "First name", "Country", "E-mail", "Phone"])
    workbook.active.append(["Example", "Xlsx", "Kenya", "xlsx@example.org", 254202012345])
    file = io.BytesIO()
    workbook.save(file)
    file.seek(0)
    file.name = "list.xlsx"
    token = preview(staff_client, event, file).context["token"]
    assert token.split(":")[0].endswith(".xlsx")
    assert confirm(staff_client, event, token).status_code == 302
    assert str(Person.objects.get(email="xlsx@example.org").phone) == "+254202012345"


def test_columns_not_read_are_listed_and_hold_the_import_until_they_are_ignored(staff_client):
    event = EventFactory()
    file = french_upload(["s@example.org", "Exemple", "Samira", "MA", "", ""], extra_header=("Emial", "Notes"))
    response = preview(staff_client, event, file)
    page = response.content.decode()
    assert "<code>Emial</code>: did you mean “e-mail”?" in page and "<code>Notes</code>" in page
    token = response.context["token"]

    refused = confirm(staff_client, event, token)
    assert refused.status_code == 200
    assert "The columns “Emial”, “Notes” are not read" in refused.content.decode()
    assert not Person.objects.filter(given_name="Samira").exists()

    assert confirm(staff_client, event, token, ignore_columns="1").status_code == 302
    assert Person.objects.filter(given_name="Samira").exists()


def test_a_missing_required_column_is_named_on_the_page_with_its_other_headers(staff_client):
    response = staff_client.post(import_url(EventFactory()), {"file": upload([["A", "KE"]], header=["Prénom", "Pays"])})
    page = response.content.decode()
    assert "Missing columns: family name (or: family_name, surname, last name, nom, nom de famille)." in page
    assert "results" not in response.context


def error_and_good_rows(staff_client, event):
    file = upload([person_row("Good"), person_row("Bad", country="Atlantis"), person_row("Fine")])
    return preview(staff_client, event, file).context["token"]


def test_show_only_the_rows_in_error_works_without_javascript_and_keeps_what_was_ticked(staff_client):
    event = EventFactory()
    token = error_and_good_rows(staff_client, event)
    filtered = staff_client.post(import_url(event), {"token": token, "show": "errors", "skip": ["4"]})
    assert [result.number for result in filtered.context["shown"]] == [3]
    page = filtered.content.decode()
    assert "Fine Example" not in page and "Unknown country: Atlantis" in page
    assert '<input type="hidden" name="skip" value="4">' in page  # row 4 stays skipped while hidden
    assert '<input type="hidden" name="shown" value="errors">' in page

    all_rows = staff_client.post(import_url(event), {"token": token, "shown": "errors", "show": "all", "skip": ["4"]})
    assert [result.number for result in all_rows.context["shown"]] == [2, 3, 4]
    assert 'value="4" checked' in all_rows.content.decode()


def test_skip_all_rows_in_error_imports_the_others(staff_client):
    event = EventFactory()
    token = error_and_good_rows(staff_client, event)
    assert confirm(staff_client, event, token, skip_errors="1").status_code == 302
    assert set(Person.objects.filter(family_name="Example").values_list("given_name", flat=True)) == {"Good", "Fine"}


def test_the_confirmation_adds_the_participating_countries_ticked_and_no_other(staff_client):
    event = EventFactory()
    file = upload([person_row("Kenyan"), person_row("Tunisian", country="Tunisia")])
    response = preview(staff_client, event, file)
    page = response.content.decode()
    assert "Kenya is not among the participating countries of the event." in page
    assert 'name="offer" value="add_country:KE"' in page and 'name="offer" value="add_country:TN"' in page
    done = confirm(staff_client, event, response.context["token"], offer=["add_country:KE", "add_country:FR"])
    assert done.status_code == 302
    assert list(event.countries.values_list("country", flat=True)) == ["KE"]  # FR was never offered
    assert Participation.objects.filter(event=event).count() == 2


def test_the_preview_shows_a_possible_duplicate_and_the_spellings_a_matched_person_gains(staff_client):
    event = EventFactory()
    PersonFactory(given_name="Amina", family_name="Example", country="KE", email="amina@court.example")
    PersonFactory(given_name="A.", family_name="Known", country="KE", email="known@example.org")
    file = upload(
        [person_row("Amina", email="amina@prosecution.example"), person_row("Aminata", email="known@example.org")]
    )
    response = preview(staff_client, event, file)
    page = response.content.decode()
    assert "Possible duplicate of Amina Example (amina@court.example)" in page
    assert "adds spelling: Aminata Example" in page
    assert response.context["totals"] == {"new": 1, "match": 1, "error": 0, "warning": 2}
    assert confirm(staff_client, event, response.context["token"]).status_code == 302
    assert Person.objects.get(email="known@example.org").other_spellings == "Aminata Example"


def test_the_upload_page_explains_every_column_with_its_other_headers(staff_client):
    page = staff_client.get(import_url(EventFactory())).content.decode()
    assert "README" not in page
    assert "What each column accepts" in page
    for column in participant_imports.FORMAT.columns:
        assert f"<code>{column.name}</code>" in page
        assert all(f"<code>{escape(alias)}</code>" in page for alias in column.aliases)
    assert "<code>speaker</code> (Speaker)" in page and "<code>som</code> (Smuggling of migrants)" in page


def test_the_recommendations_page_explains_its_columns_and_reads_french_headers(staff_client):
    event = EventFactory()
    page = staff_client.get(import_url(event, "recommendations")).content.decode()
    assert "<code>échéance</code>" in page and "<code>capacity_building</code> (Capacity building)" in page
    header = ["Référence", "Texte", "Catégorie", "Pays concernés", "Échéance"]
    file = upload([["R1", "Set up a hotline.", "Communication channels", "Kenya; TN", "2027-01-31"]], header=header)
    response = preview(staff_client, event, file, "recommendations")
    assert "“Kenya; TN” read as Kenya, Tunisia" in response.content.decode()
    staff_client.post(import_url(event, "recommendations"), {"token": response.context["token"], "confirm": "1"})
    assert Recommendation.objects.get(event=event).category == "channels"
