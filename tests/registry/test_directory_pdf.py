"""The printable directory of a country (``/countries/<ISO>/directory.pdf``): its text read back with pypdf in each
language, its headers, who may print it, what it leaves out, and what printing it costs and records."""

import io
import threading
import unicodedata
from datetime import UTC, date, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import time_machine
from django.conf import settings as django_settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext
from django_countries import countries
from pypdf import PdfReader

from contacts.choices import ChannelCode, Mandate, Visibility
from contacts.models import Channel, ExportLog, Language, LookupLog
from core.models import OutboundEmail
from tests.factories import FocalPointFactory, OrganizationFactory, PersonFactory, UserFactory

TODAY = datetime(2026, 12, 6, 9, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def on_the_6th_of_december():
    with time_machine.travel(TODAY, tick=False):
        yield


def designate(mandate=Mandate.MLA_CENTRAL_AUTHORITY, country="EG", channels=(), languages=(), **person_fields):
    """A current designation of a listed person (the person's fields as given) in ``country``."""
    person = PersonFactory(country=country, **person_fields)
    designation = FocalPointFactory(country=country, mandate=mandate, person=person)
    designation.channels.set(Channel.objects.filter(code__in=channels))
    designation.request_languages.set(Language.objects.filter(code__in=languages))
    return designation


@pytest.fixture
def egypt(db):
    """Egypt's TIP national coordinator (a person, with every detail) and its MLA central authority (an
    organisation alone), and a designation that ended last year."""
    coordinator = designate(
        Mandate.TIP_COORDINATOR,
        channels=[ChannelCode.EMAIL, ChannelCode.DIRECT],
        languages=["ar", "en"],
        honorific="Dr.",
        given_name="Mohamed",
        family_name="Abdel Fattah",
        job_title="Senior public prosecutor",
        organization=OrganizationFactory(name="Egyptian Public Prosecution"),
        email="mohamed.abdelfattah@example.org",
        phone="+20 2 1234 5678",
        secure_channel_note="Call the duty office before sending evidence",
    )
    coordinator.legal_basis = "UNTOC art. 18(13)"
    coordinator.notes = "Requests in Arabic or English"
    coordinator.valid_from = date(2025, 3, 1)
    coordinator.save()
    authority = FocalPointFactory(
        country="EG",
        mandate=Mandate.MLA_CENTRAL_AUTHORITY,
        person=None,
        organization=OrganizationFactory(name="International Cooperation Department, Ministry of Justice"),
    )
    ended = designate(Mandate.SOM_FOCAL_POINT, family_name="Formerholder", email="former@example.org")
    ended.valid_from, ended.valid_until = date(2020, 1, 1), date(2025, 12, 31)
    ended.save()
    return {"coordinator": coordinator, "authority": authority}


def language_cookie(client, language: str) -> None:
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = language


def print_directory(client, user, code="EG", language="en"):
    if user is not None:
        client.force_login(user)
    language_cookie(client, language)
    return client.get(reverse("country_directory_pdf", args=[code]))


def pdf_text(response) -> str:
    reader = PdfReader(io.BytesIO(response.content))
    return "\n".join(unicodedata.normalize("NFKC", page.extract_text()) for page in reader.pages)


# --- what it says, in each language


def comparable(text: str) -> str:
    """Text as pypdf reads it back, without parentheses: in a right-to-left line it returns them mirrored
    ("18)13(") although the sheet shows "18(13)"."""
    return unicodedata.normalize("NFKC", str(text)).translate({ord("("): None, ord(")"): None})


def translated(language: str, text) -> str:
    with translation.override(language):
        return comparable(str(text))


@pytest.mark.parametrize("language", ["en", "fr", "ar", "pt"])
def test_the_directory_gives_each_designation_with_its_contact_details(client, member_ke, egypt, language):
    response = print_directory(client, member_ke, language=language)
    assert response.status_code == 200
    text = comparable(pdf_text(response))
    with translation.override(language):
        country, restricted = countries.name("EG"), gettext("Restricted")
        day = formats.date_format(TODAY.date(), "DATE_FORMAT")
    for expected in (
        "Dr. Mohamed Abdel Fattah",
        "Senior public prosecutor",
        "Egyptian Public Prosecution",
        "mohamed.abdelfattah@example.org",
        "+20 2 12345678",  # as_international
        "Call the duty office before sending evidence",
        "UNTOC art. 1813",
        "Requests in Arabic or English",
        "International Cooperation Department, Ministry of Justice",
        translated(language, ChannelCode.EMAIL.label),
        translated(language, ChannelCode.DIRECT.label),
        translated(language, Mandate.TIP_COORDINATOR.label),
        translated(language, Mandate.MLA_CENTRAL_AUTHORITY.label),
        comparable(country),
        comparable(restricted),
        *comparable(day).replace("،", " ").split(),  # day, month, year: Arabic lines come back out of order
        "member_ke Cast",  # the reader, by their person's name
    ):
        assert expected in text, expected
    assert "Formerholder" not in text  # that designation ended


def test_the_english_directory_reads_as_written(client, member_ke, egypt):
    text = pdf_text(print_directory(client, member_ke))
    assert "Generated on 6 December 2026 for member_ke Cast" in text
    assert "Directory of focal points: Egypt" in text
    assert "Valid since" in text and "1 March 2025" in text
    assert "do not pass it on" in text
    assert text.index("TIP national coordinator") < text.index("MLA central authority")  # Mandate's order


def test_every_sheet_is_marked_restricted_dated_and_numbered(client, member_ke, egypt):
    for n in range(40):
        designate(Mandate.SOM_FOCAL_POINT, family_name=f"Holder{n}", secure_channel_note="A long note. " * 8)
    reader = PdfReader(io.BytesIO(print_directory(client, member_ke).content))
    assert len(reader.pages) > 2
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert "Restricted" in text
        assert "Generated on 6 December 2026" in text
        assert f"Page {number} of {len(reader.pages)}" in text


def test_arabic_letters_come_back_as_arabic(client, member_ke, egypt):
    designate(Mandate.SOM_FOCAL_POINT, given_name="محمد", family_name="عبد الفتاح", email="m.fattah@example.org")
    text = pdf_text(print_directory(client, member_ke, language="ar"))
    assert "محمد" in text
    assert "عبد الفتاح" in text
    assert "m.fattah@example.org" in text


# --- the download


def test_the_pdf_is_an_attachment_named_after_the_country_and_the_day_and_never_stored(client, member_ke, egypt):
    response = print_directory(client, member_ke, code="eg")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="directory-EG-2026-12-06.pdf"'
    assert "no-store" in response["Cache-Control"]
    assert response.content.startswith(b"%PDF-")


def test_the_country_page_links_to_it_and_says_what_it_costs(client, member_ke, egypt):
    client.force_login(member_ke)
    page = client.get(reverse("country", args=["EG"])).content.decode()
    assert f'href="{reverse("country_directory_pdf", args=["EG"])}"' in page
    assert "Printable directory (PDF)" in page
    assert "counts as a card you opened" in page
    assert not LookupLog.objects.exists()  # the page itself reads nobody's contact details


# --- who may print it


def test_anonymous_visitors_go_to_the_login_page(client, egypt):
    response = client.get(reverse("country_directory_pdf", args=["EG"]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not LookupLog.objects.exists() and not ExportLog.objects.exists()


def test_a_signed_in_user_without_a_registry_role_is_refused(client, egypt):
    response = print_directory(client, UserFactory(username="no_role"))
    assert response.status_code == 403


@pytest.mark.parametrize("role", ["member_ke", "coordinator_eg", "coordinator_ma"])
def test_members_and_coordinators_print_any_country(client, egypt, role, request):
    response = print_directory(client, request.getfixturevalue(role))
    assert response.status_code == 200
    assert "mohamed.abdelfattah@example.org" in pdf_text(response)


def test_staff_print_it_too(staff_client, egypt):
    language_cookie(staff_client, "en")
    response = staff_client.get(reverse("country_directory_pdf", args=["EG"]))
    assert response.status_code == 200
    assert "mohamed.abdelfattah@example.org" in pdf_text(response)


def test_an_unknown_country_code_is_not_found(client, member_ke):
    assert print_directory(client, member_ke, code="XX").status_code == 404
    assert not ExportLog.objects.exists()


# --- what it leaves out


HIDDEN = {
    "staff only": {"visibility": Visibility.STAFF},
    "unlisted": {"visibility": Visibility.UNLISTED},
    "inactive": {"active": False},
    "pending re-confirmation": {"pending_reconfirmation": True},
}


@pytest.fixture
def hidden_holders(db):
    return [
        designate(Mandate.SOM_FOCAL_POINT, family_name=f"Hidden{n}", email=f"hidden{n}@example.org", **fields)
        for n, fields in enumerate(HIDDEN.values())
    ]


def test_holders_hidden_from_members_are_not_in_their_pdf_nor_counted(client, member_ke, egypt, hidden_holders):
    text = pdf_text(print_directory(client, member_ke))
    assert "Hidden" not in text and "hidden" not in text
    assert "mohamed.abdelfattah@example.org" in text
    assert ExportLog.objects.get().row_count == 2
    assert set(LookupLog.objects.values_list("person", flat=True)) == {egypt["coordinator"].person_id}


def test_staff_see_every_holder(staff_client, egypt, hidden_holders):
    text = pdf_text(staff_client.get(reverse("country_directory_pdf", args=["EG"])))
    assert all(f"hidden{n}@example.org" in text for n in range(len(HIDDEN)))


def test_an_inactive_organisation_is_left_out_for_members(client, member_ke, db):
    FocalPointFactory(person=None, organization=OrganizationFactory(name="Disbanded unit", active=False))
    text = pdf_text(print_directory(client, member_ke))
    assert "Disbanded unit" not in text
    assert "No designation recorded." in text
    assert ExportLog.objects.get().row_count == 0


def test_a_country_with_nobody_visible_prints_the_same_file_as_one_with_nobody(client, member_ke, db):
    empty = print_directory(client, member_ke, code="EG")
    for fields in HIDDEN.values():
        designate(Mandate.SOM_FOCAL_POINT, family_name="Concealed", **fields)
    with_hidden = print_directory(client, member_ke, code="EG")
    assert with_hidden.status_code == 200
    assert "No designation recorded." in pdf_text(with_hidden)
    assert pdf_text(with_hidden) == pdf_text(empty)
    assert len(with_hidden.content) == len(empty.content)


class CountingHandler(BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self):  # noqa: N802 (the name http.server calls)
        CountingHandler.requests.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_a_note_that_names_an_image_makes_the_server_fetch_nothing(client, member_ke, db):
    CountingHandler.requests = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), CountingHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    address = f"http://127.0.0.1:{server.server_port}/x.png"
    try:
        designation = designate(family_name="Imagenote", secure_channel_note=f'<img src="{address}">')
        designation.notes = f'<img src="{address}"><link rel="stylesheet" href="{address}">'
        designation.save()
        text = pdf_text(print_directory(client, member_ke))
    finally:
        server.shutdown()
        server.server_close()
    assert CountingHandler.requests == []
    assert address in text  # printed as text, never as an element


# --- what it records


def test_printing_is_logged_as_an_export_and_one_printed_read_per_person(client, member_ke, egypt):
    second = designate(Mandate.SOM_FOCAL_POINT, family_name="Second")
    FocalPointFactory(country="EG", mandate=Mandate.EXTRADITION_AUTHORITY, person=second.person)  # the same person
    print_directory(client, member_ke, language="fr")
    log = ExportLog.objects.get()
    assert (log.user, log.what, log.file_format, log.row_count) == (
        member_ke,
        "directory of Egypt (EG), PDF",  # in English, whatever the page's language
        "pdf",
        4,
    )
    rows = sorted(LookupLog.objects.values_list("person", "action", "viewer"))
    expected = sorted(
        [(egypt["coordinator"].person_id, "printed", member_ke.pk), (second.person_id, "printed", member_ke.pk)]
    )
    assert rows == expected


def test_ones_own_designation_is_printed_but_not_logged(client, coordinator_eg, egypt):
    FocalPointFactory(country="EG", mandate=Mandate.SOM_FOCAL_POINT, person=coordinator_eg.person)
    text = pdf_text(print_directory(client, coordinator_eg))
    assert "coordinator_eg Cast" in text
    assert list(LookupLog.objects.values_list("person", flat=True)) == [egypt["coordinator"].person_id]


@pytest.fixture
def small_budget(settings):
    settings.CONTACT_READS_PER_DAY = 3
    settings.CONTACT_READS_PER_WEEK = 5


def open_cards(client, user, people) -> None:
    client.force_login(user)
    for person in people:
        assert client.get(reverse("contacts:person", args=[person.pk])).status_code == 200


def test_a_member_whose_budget_cannot_cover_everyone_gets_no_pdf_and_nothing_is_logged(
    client, member_ke, small_budget, db
):
    earlier = [PersonFactory(country="TN") for _ in range(2)]
    open_cards(client, member_ke, earlier)
    for n in range(2):
        designate(family_name=f"Unread{n}")
    response = print_directory(client, member_ke)
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 24 * 3600
    page = response.content.decode()
    assert "This directory holds 2 people" in page
    assert "you may read 1 more different person" in page
    assert "in about 24 hour(s)" in page
    assert "Unread0" not in page
    assert not ExportLog.objects.exists()
    assert set(LookupLog.objects.values_list("action", flat=True)) == {"viewed"}
    assert LookupLog.objects.count() == 2


def test_a_directory_larger_than_the_budget_says_it_can_never_be_printed(client, member_ke, small_budget, db):
    for n in range(4):
        designate(family_name=f"Holder{n}")
    response = print_directory(client, member_ke)
    assert response.status_code == 429
    assert "Retry-After" not in response  # waiting would not help
    page = response.content.decode()
    assert "This directory holds 4 people" in page
    assert "more than the registry allows in 24 hours" in page
    assert not LookupLog.objects.exists() and not ExportLog.objects.exists()


def test_the_refusal_is_in_the_readers_language(client, member_ke, small_budget, db):
    for n in range(4):
        designate(family_name=f"Holder{n}")
    response = print_directory(client, member_ke, language="fr")
    assert response.status_code == 429
    assert '<html lang="fr"' in response.content.decode()


def test_people_already_read_in_the_window_are_free(client, member_ke, small_budget, db):
    known = [designate(family_name=f"Known{n}") for n in range(2)]
    open_cards(client, member_ke, [designation.person for designation in known])
    designate(family_name="Newcomer")
    response = print_directory(client, member_ke)  # 2 read + 1 new = 3, the day's budget
    assert response.status_code == 200
    assert LookupLog.objects.filter(action="printed").count() == 3
    assert print_directory(client, member_ke).status_code == 200  # all three read today: free again


def test_the_week_budget_holds_when_the_day_one_has_room(client, member_ke, small_budget, db):
    with time_machine.travel(TODAY - timedelta(days=2), tick=False):
        open_cards(client, member_ke, [PersonFactory(country="TN") for _ in range(3)])
    for n in range(3):
        designate(family_name=f"Holder{n}")
    response = print_directory(client, member_ke)  # the day has 3 free, the week 2
    assert response.status_code == 429
    assert "in the last 7 days" in response.content.decode()
    assert 24 * 3600 < int(response["Retry-After"]) <= 7 * 24 * 3600


def test_staff_have_no_budget_but_are_logged(staff_client, staff, small_budget, db):
    for n in range(6):
        designate(family_name=f"Holder{n}")
    assert staff_client.get(reverse("country_directory_pdf", args=["EG"])).status_code == 200
    assert LookupLog.objects.filter(viewer=staff, action="printed").count() == 6


def test_staff_are_alerted_when_one_directory_crosses_both_thresholds(
    client, member_ke, settings, eager_celery, django_capture_on_commit_callbacks, db
):
    settings.CONTACT_READS_PER_DAY, settings.CONTACT_READS_PER_WEEK, settings.CONTACT_READS_ALERT_PERCENT = 5, 100, 80
    UserFactory(username="officer", email="officer@example.org", groups=["IOM staff"])
    for n in range(5):
        designate(family_name=f"Holder{n}")
    with django_capture_on_commit_callbacks(execute=True):
        assert print_directory(client, member_ke).status_code == 200
    keys = sorted(OutboundEmail.objects.values_list("key", flat=True))
    assert [key.split(":")[2:4] for key in keys] == [["day", "100"], ["day", "80"]]


# --- cost


def test_the_query_count_is_the_same_for_one_and_ten_designations(client, member_ke, db):
    designate(country="TN")
    designate(country="EG")
    for _ in range(10):
        designate(Mandate.SOM_FOCAL_POINT, country="MA", channels=[ChannelCode.EMAIL], languages=["fr"])

    def queries(code: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert print_directory(client, None, code=code).status_code == 200
        return len(captured)

    client.force_login(member_ke)
    queries("TN")  # the first request of a session reads what later ones find cached
    assert queries("EG") == queries("MA")
