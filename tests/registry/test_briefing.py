"""Briefing packs: one invited country's pack before an event (its delegation, focal points, earlier participation in
the series and themes, open follow-ups, the other countries' counterparts), as a page and as a PDF, for staff and
that country's coordinators only; and every pack of an event in one ZIP for staff."""

import io
import unicodedata
import zipfile
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from contacts.choices import Mandate, Visibility
from contacts.models import Channel, ExportLog, Language
from events.choices import EventStatus, ParticipationRole
from recommendations.choices import FollowUpStatus
from registry.briefing import EARLIER_EVENTS_SHOWN, build_packs
from tests.factories import (
    EventCountryFactory,
    EventFactory,
    FocalPointFactory,
    FollowUpFactory,
    OrganizationFactory,
    ParticipationFactory,
    PersonFactory,
    ProgressUpdateFactory,
    RecommendationFactory,
    ThemeFactory,
)
from tests.signin import sign_in_with_second_factor

TODAY = date.today()


def person(given: str, family: str, country: str = "EG", **fields):
    return PersonFactory(given_name=given, family_name=family, country=country, **fields)


def designate(country: str, mandate: str, holder, languages: list[str], channels: tuple[str, ...] = ("direct",)):
    designation = FocalPointFactory(country=country, mandate=mandate, person=holder)
    designation.request_languages.set(Language.objects.filter(code__in=languages))
    designation.channels.set(Channel.objects.filter(code__in=channels))
    return designation


@pytest.fixture
def scene(db):
    """Two earlier editions of a series and the coming one (hosted by Tunisia, Egypt and Morocco invited); a related
    event sharing its theme, a later and a draft one sharing it too, and an unrelated one; people listed, staff-only
    and unlisted; designations of Egypt and Morocco; Egypt's follow-ups with their progress."""
    theme = ThemeFactory(name="Digital evidence")
    first = EventFactory(title="First edition", start_date=date(2023, 3, 1), end_date=None, host_country="EG")
    second = EventFactory(
        title="Second edition", start_date=date(2024, 3, 1), end_date=None, host_country="MA", previous_event=first
    )
    coming = EventFactory(
        title="Third edition",
        start_date=TODAY + timedelta(days=30),
        end_date=None,
        host_country="TN",
        previous_event=second,
    )
    coming.themes.add(theme)
    EventCountryFactory(event=coming, country="EG", delegation_size=4)
    EventCountryFactory(event=coming, country="MA", delegation_size=2)
    related = EventFactory(title="Workshop on evidence", start_date=date(2024, 9, 1), end_date=None, host_country="KE")
    later = EventFactory(title="Later seminar", start_date=TODAY + timedelta(days=90), end_date=None)
    draft = EventFactory(title="Draft retreat", status=EventStatus.DRAFT, start_date=date(2024, 6, 1), end_date=None)
    unrelated = EventFactory(title="Unrelated course", start_date=date(2024, 5, 1), end_date=None)
    for event in (related, later, draft):
        event.themes.add(theme)
        EventCountryFactory(event=event, country="EG")
    EventCountryFactory(event=unrelated, country="EG")
    EventCountryFactory(event=second, country="EG")

    amal = person("Amal", "Hassan", organization=OrganizationFactory(name="Egyptian Public Prosecution"))
    arabic = person("أمل", "منصور")
    staff_only = person("Sami", "Staffonly", visibility=Visibility.STAFF)
    unlisted = person("Ussama", "Unlisted", visibility=Visibility.UNLISTED)
    karim = person("Karim", "Alaoui", "MA")
    ParticipationFactory(event=coming, person=amal, role=ParticipationRole.SPEAKER)
    for someone in (arabic, staff_only, unlisted):
        ParticipationFactory(event=coming, person=someone)
    ParticipationFactory(event=coming, person=karim)
    ParticipationFactory(event=first, person=person("Nour", "Said"))
    ParticipationFactory(event=second, person=amal)
    ParticipationFactory(event=related, person=staff_only)
    ParticipationFactory(event=draft, person=person("Dina", "Draftgoer"))
    ParticipationFactory(event=unrelated, person=person("Omar", "Unrelated"))

    designate("EG", Mandate.TIP_COORDINATOR, person("Samir", "Farouk"), ["ar", "en"])
    designate("EG", Mandate.SOM_FOCAL_POINT, person("Hala", "Hiddenholder", visibility=Visibility.STAFF), ["ar"])
    designate("MA", Mandate.MLA_CENTRAL_AUTHORITY, person("Youssef", "Bennani", "MA"), ["fr", "ar"], ("diplomatic",))
    designate("MA", Mandate.TIP_COORDINATOR, person("Leila", "Tazi", "MA"), ["fr"])

    overdue = FollowUpFactory(
        recommendation=RecommendationFactory(event=first, code="R1", text="Ratify the Protocol."),
        country="EG",
        due_date=TODAY - timedelta(days=10),
    )
    ProgressUpdateFactory(follow_up=overdue, note="Older note.")
    ProgressUpdateFactory(
        follow_up=overdue,
        status_before=FollowUpStatus.IN_PROGRESS,
        status_after=FollowUpStatus.BLOCKED,
        note="Waiting for the ministry, not shared.",
        shared_with_network=False,
    )
    FollowUpFactory(
        recommendation=RecommendationFactory(event=related, code="W1", text="Train the digital forensics unit."),
        country="EG",
        due_date=TODAY + timedelta(days=60),
    )
    FollowUpFactory(
        recommendation=RecommendationFactory(event=related, code="W2", text="Already done."),
        country="EG",
        status=FollowUpStatus.IMPLEMENTED,
    )
    FollowUpFactory(recommendation=RecommendationFactory(event=first, code="R2", text="Moroccan task."), country="MA")
    FollowUpFactory(recommendation=RecommendationFactory(event=draft, code="D1", text="Draft task."), country="EG")
    FollowUpFactory(recommendation=RecommendationFactory(event=unrelated, code="U1", text="Other task."), country="EG")
    return {"coming": coming, "first": first, "second": second, "related": related, "draft": draft}


def pack_url(event, code: str) -> str:
    return reverse("briefing", args=[event.pk, code])


def pdf_url(event, code: str) -> str:
    return reverse("briefing_pdf", args=[event.pk, code])


@pytest.fixture
def as_user(client):
    """The client logged in as one of the cast (staff with the second factor, which they need for any page)."""

    def log_in(user):
        if user.is_authenticated:
            if user.username == "staff":
                sign_in_with_second_factor(client, user)
            else:
                client.force_login(user)
        return client

    return log_in


def page_text(response) -> str:
    return response.content.decode()


def pdf_pages(content: bytes) -> list[str]:
    return [unicodedata.normalize("NFKC", page.extract_text()) for page in PdfReader(io.BytesIO(content)).pages]


# --- Who may read a pack ---


@pytest.mark.parametrize("url", ["pack", "pdf"])
def test_anonymous_visitors_go_to_the_login_page(client, scene, url):
    address = (pack_url if url == "pack" else pdf_url)(scene["coming"], "EG")
    response = client.get(address)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    ("who", "code", "status"),
    [
        ("member_ke", "EG", 404),
        ("member_ke", "KE", 404),
        ("coordinator_eg", "EG", 200),
        ("coordinator_eg", "eg", 200),
        ("coordinator_eg", "MA", 404),
        ("coordinator_eg", "TN", 404),
        ("coordinator_ma", "MA", 200),
        ("coordinator_ma", "EG", 404),
        ("staff", "EG", 200),
        ("staff", "MA", 200),
        ("staff", "TN", 200),  # the host is invited
        ("staff", "KE", 404),  # not invited
        ("staff", "XX", 404),  # not a country
    ],
)
def test_a_pack_is_for_staff_and_the_coordinators_of_its_country(request, as_user, scene, who, code, status):
    client = as_user(request.getfixturevalue(who))
    assert client.get(pack_url(scene["coming"], code)).status_code == status


def test_a_pdf_answers_404_where_the_page_does(as_user, coordinator_eg, scene):
    client = as_user(coordinator_eg)
    assert client.get(pdf_url(scene["coming"], "MA")).status_code == 404
    assert not ExportLog.objects.exists()


def test_a_draft_event_has_no_pack_for_its_coordinators(as_user, request, scene):
    draft = scene["draft"]
    assert as_user(request.getfixturevalue("coordinator_eg")).get(pack_url(draft, "EG")).status_code == 404
    assert as_user(request.getfixturevalue("staff")).get(pack_url(draft, "EG")).status_code == 200


# --- What a pack shows ---


def test_the_delegation_lists_the_people_registered_for_the_country(as_user, coordinator_eg, scene):
    response = as_user(coordinator_eg).get(pack_url(scene["coming"], "EG"))
    delegation = response.context["pack"].delegation
    assert [p.person.family_name for p in delegation] == ["Hassan", "منصور"]
    text = page_text(response)
    assert "Egyptian Public Prosecution" in text
    assert "Speaker" in text
    assert "Delegation size recorded: 4 delegates." in text
    assert f'href="{reverse("contacts:person", args=[delegation[0].person_id])}"' in text  # names link to cards
    assert "Alaoui" not in text.split('id="briefing-focal-points"')[0]  # Morocco's delegate is not Egypt's


def test_hidden_people_are_absent_for_coordinators_and_listed_for_staff(as_user, request, scene):
    coordinator = page_text(as_user(request.getfixturevalue("coordinator_eg")).get(pack_url(scene["coming"], "EG")))
    for hidden in ("Staffonly", "Unlisted", "Hiddenholder"):
        assert hidden not in coordinator
    staff = page_text(as_user(request.getfixturevalue("staff")).get(pack_url(scene["coming"], "EG")))
    for hidden in ("Staffonly", "Unlisted", "Hiddenholder"):
        assert hidden in staff


def test_focal_points_by_mandate_with_languages_and_no_contact_details(as_user, coordinator_eg, scene):
    response = as_user(coordinator_eg).get(pack_url(scene["coming"], "EG"))
    pack = response.context["pack"]
    assert [(label, [d.person.family_name for d in held]) for label, held in pack.focal_points] == [
        ("TIP national coordinator", ["Farouk"])
    ]
    assert [language.code for language in pack.languages] == ["ar", "en"]
    text = page_text(response)
    assert "Direct transmission" in text
    assert "@example.org" not in text
    assert "samir.farouk" not in text


def test_earlier_participation_walks_the_series_back_and_adds_events_sharing_a_theme(as_user, request, scene):
    response = as_user(request.getfixturevalue("coordinator_eg")).get(pack_url(scene["coming"], "EG"))
    earlier = response.context["pack"].earlier_events
    # The first edition is in the series though Egypt took part only as its host; most recent first.
    assert [(each.event.title, each.in_series) for each in earlier] == [
        ("Workshop on evidence", False),
        ("Second edition", True),
        ("First edition", True),
    ]
    assert [[p.person.family_name for p in each.participations] for each in earlier] == [[], ["Hassan"], ["Said"]]
    text = page_text(response)
    for absent in ("Later seminar", "Draft retreat", "Unrelated course", "Draftgoer"):
        assert absent not in text
    staff = as_user(request.getfixturevalue("staff")).get(pack_url(scene["coming"], "EG")).context["pack"]
    assert "Draft retreat" in [each.event.title for each in staff.earlier_events]


def test_earlier_participation_is_bounded_with_how_many_more(as_user, coordinator_eg, scene):
    theme = scene["coming"].themes.get()
    for n in range(EARLIER_EVENTS_SHOWN + 1):
        event = EventFactory(title=f"Old seminar {n}", start_date=date(2020, 1, n + 1), end_date=None)
        event.themes.add(theme)
        EventCountryFactory(event=event, country="EG")
    response = as_user(coordinator_eg).get(pack_url(scene["coming"], "EG"))
    assert len(response.context["pack"].earlier_events) == EARLIER_EVENTS_SHOWN
    assert "And 4 more events." in page_text(response)  # 3 of the scene and 11 here, 10 shown


def test_open_follow_ups_with_the_overdue_marked_and_the_last_progress(as_user, coordinator_eg, scene):
    response = as_user(coordinator_eg).get(pack_url(scene["coming"], "EG"))
    follow_ups = response.context["pack"].follow_ups
    assert [(each.follow_up.recommendation.code, each.overdue) for each in follow_ups] == [("R1", True), ("W1", False)]
    section = page_text(response).split('id="briefing-follow-ups"')[1].split('id="briefing-counterparts"')[0]
    assert "overdue" in section
    assert "Blocked" in section
    assert "Waiting for the ministry, not shared." in section  # Egypt's coordinator reads Egypt's notes
    assert "Older note." not in section  # the last update only
    for absent in ("Already done.", "Moroccan task.", "Draft task.", "Other task."):
        assert absent not in section


def test_progress_notes_not_shared_are_hidden_from_other_countries_coordinators(coordinator_ma, staff, scene):
    """The pages give Egypt's pack to no one from Morocco; the content itself still follows
    ``ProgressUpdate.details_visible_to``: status and date without the note."""
    (pack,) = build_packs(coordinator_ma, scene["coming"], ["EG"])
    last = pack.follow_ups[0]
    assert last.last_update.get_status_after_display() == "Blocked"
    assert not last.note_readable
    assert build_packs(staff, scene["coming"], ["EG"])[0].follow_ups[0].note_readable


def test_counterparts_by_mandate_with_the_shared_languages_highlighted(as_user, coordinator_eg, scene):
    response = as_user(coordinator_eg).get(pack_url(scene["coming"], "EG"))
    counterparts = response.context["pack"].counterparts
    assert [each.code for each in counterparts] == ["MA", "TN"]  # the other invited countries, the host too
    morocco = counterparts[0]
    assert [language.code for language in morocco.shared_languages] == ["ar"]
    assert [(row.mandate, row.shared_languages) for row in morocco.rows] == [
        (Mandate.TIP_COORDINATOR, set()),  # Egypt's coordinator accepts Arabic and English, Morocco's French
        (Mandate.MLA_CENTRAL_AUTHORITY, {"ar"}),  # Egypt has no MLA designation: what Egypt accepts at all
    ]
    section = page_text(response).split('id="briefing-counterparts"')[1]
    assert "Bennani" in section and "Diplomatic channels" in section
    assert "<mark>Arabic (ar)</mark>" in section
    assert "<mark>French (fr)</mark>" not in section


def test_the_page_is_dated_and_marked_restricted(as_user, coordinator_eg, scene):
    text = page_text(as_user(coordinator_eg).get(pack_url(scene["coming"], "EG")))
    assert "Restricted" in text
    assert "Prepared on" in text
    assert pdf_url(scene["coming"], "EG") in text


def test_the_page_follows_the_viewers_language_right_to_left_in_arabic(as_user, coordinator_eg, scene):
    response = as_user(coordinator_eg).get(pack_url(scene["coming"], "EG"), HTTP_ACCEPT_LANGUAGE="ar")
    text = page_text(response)
    assert 'lang="ar" dir="rtl"' in text
    assert "مصر" in text  # the country's name in Arabic


# --- The PDF ---


def test_the_pdf_is_an_attachment_with_the_packs_text_on_restricted_pages(as_user, coordinator_eg, scene):
    response = as_user(coordinator_eg).get(pdf_url(scene["coming"], "EG"))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="briefing-{scene["coming"].pk}-EG.pdf"'
    assert "no-store" in response["Cache-Control"]
    pages = pdf_pages(response.content)
    for text in pages:
        assert "Restricted" in text
    text = " ".join(pages)
    for expected in ("Briefing pack for Egypt", "Third edition", "Hassan", "Farouk", "Second edition", "Bennani"):
        assert expected in text
    assert "Ratify the Protocol." in text and "OVERDUE" in text
    for absent in ("Staffonly", "Unlisted", "@example.org"):
        assert absent not in text


def test_a_pdf_download_is_recorded_with_how_many_people_it_names(as_user, coordinator_eg, scene):
    as_user(coordinator_eg).get(pdf_url(scene["coming"], "EG"))
    log = ExportLog.objects.get()
    assert (log.user, log.file_format) == (coordinator_eg, "pdf")
    # Hassan, منصور (delegation and series), Said (first edition), Farouk (designation), Bennani and Tazi (Morocco)
    assert log.row_count == 6
    assert "EG" in log.what and str(scene["coming"].pk) in log.what


def test_the_pdf_in_arabic(as_user, coordinator_eg, scene):
    response = as_user(coordinator_eg).get(pdf_url(scene["coming"], "EG"), HTTP_ACCEPT_LANGUAGE="ar")
    text = " ".join(pdf_pages(response.content))
    assert "مصر" in text
    assert "المغرب" in text  # Morocco, a counterpart
    assert "منصور" in text


# --- Every pack in one ZIP ---


def test_staff_download_every_pack_of_an_event_as_one_zip(as_user, staff, scene):
    response = as_user(staff).get(reverse("briefing_zip", args=[scene["coming"].pk]))
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == f'attachment; filename="briefing-{scene["coming"].pk}.zip"'
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(archive.namelist()) == ["EG-Egypt.pdf", "MA-Morocco.pdf", "TN-Tunisia.pdf"]
    for name in archive.namelist():
        assert archive.read(name).startswith(b"%PDF")
    assert "Briefing pack for Morocco" in " ".join(pdf_pages(archive.read("MA-Morocco.pdf")))
    log = ExportLog.objects.get()
    assert (log.user, log.file_format) == (staff, "zip")


@pytest.mark.parametrize("who", ["anonymous", "member_ke", "coordinator_eg"])
def test_the_zip_is_for_staff_only(request, as_user, scene, who):
    response = as_user(request.getfixturevalue(who)).get(reverse("briefing_zip", args=[scene["coming"].pk]))
    assert response.status_code == (302 if who == "anonymous" else 404)
    assert not ExportLog.objects.exists()


# --- Links to the packs ---


def test_the_event_page_links_a_coordinator_to_their_countrys_pack(as_user, request, scene):
    event = scene["coming"]
    page = page_text(as_user(request.getfixturevalue("coordinator_eg")).get(reverse("events:detail", args=[event.pk])))
    assert "Briefing pack for Egypt" in page
    assert pack_url(event, "EG") in page
    assert pack_url(event, "MA") not in page
    assert reverse("briefing_zip", args=[event.pk]) not in page


def test_the_event_page_has_no_pack_link_for_others(client, as_user, member_ke, scene):
    event = scene["coming"]
    assert "briefing" not in page_text(client.get(reverse("events:detail", args=[event.pk])))
    assert "briefing" not in page_text(as_user(member_ke).get(reverse("events:detail", args=[event.pk])))


def test_the_event_page_lists_every_pack_and_the_zip_for_staff(as_user, staff, scene):
    event = scene["coming"]
    page = page_text(as_user(staff).get(reverse("events:detail", args=[event.pk])))
    for code in ("EG", "MA", "TN"):
        assert pack_url(event, code) in page and pdf_url(event, code) in page
    assert reverse("briefing_zip", args=[event.pk]) in page


def test_the_admin_page_of_an_event_links_the_zip(staff_client, scene):
    event = scene["coming"]
    page = page_text(staff_client.get(reverse("admin:events_event_change", args=[event.pk])))
    assert reverse("briefing_zip", args=[event.pk]) in page


# --- Query counts ---


def count_queries(client, url: str) -> int:
    client.get(url)  # warm-up: the session, the groups, the site's first queries
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("who", ["coordinator_eg", "staff"])
def test_a_packs_queries_do_not_grow_with_participants_and_countries(request, as_user, scene, who):
    client = as_user(request.getfixturevalue(who))
    event = scene["coming"]
    url = pack_url(event, "EG")
    few = count_queries(client, url)
    for n, code in enumerate(["DZ", "TD", "CI", "IQ", "LY", "ML", "NE", "NG", "SS", "JO"]):
        EventCountryFactory(event=event, country=code)
        designate(code, Mandate.TIP_COORDINATOR, person(f"Holder{n}", "Counterpart", code), ["ar", "fr"])
        ParticipationFactory(event=event, person=person(f"Delegate{n}", "Egyptian"))
        ParticipationFactory(event=scene["second"], person=person(f"Veteran{n}", "Egyptian"))
        follow_up = FollowUpFactory(recommendation=RecommendationFactory(event=scene["first"]), country="EG")
        ProgressUpdateFactory(follow_up=follow_up)
    assert count_queries(client, url) == few
