"""The country pair page, /countries/<A>/<B>/: for a prosecutor in Egypt who needs evidence from Morocco, whom to write
to, under which legal basis, in which language, through which channel, and whom they have already met. Everything
on it obeys the reader's visibility: a hidden person is in no list and no count, a draft event nowhere."""

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contacts.choices import Mandate, Visibility
from contacts.models import Channel, Language
from events.choices import EventStatus
from events.models import BilateralTreaty, Instrument, TreatyStatus
from recommendations.choices import FollowUpStatus
from tests.factories import (
    EventCountryFactory,
    EventFactory,
    FocalPointFactory,
    FollowUpFactory,
    OrganizationFactory,
    ParticipationFactory,
    PersonFactory,
    RecommendationFactory,
)
from tests.signin import sign_in_with_second_factor

PAIR = reverse("country_pair", args=["EG", "MA"])


def text_of(response) -> str:
    """The main content's text, tags removed and spaces collapsed."""
    page = response.content.decode()
    main = page[page.index("<main") : page.index("</main>")]
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


def section(response, heading_id: str) -> str:
    page = response.content.decode()
    start = page.index(f'id="{heading_id}"')
    return page[start : page.index("</section>", start)]


def designate(country: str, mandate: str, languages=(), channels=(), **fields):
    designation = FocalPointFactory(country=country, mandate=mandate, **fields)
    designation.request_languages.set(Language.objects.filter(code__in=languages))
    designation.channels.set(Channel.objects.filter(code__in=channels))
    return designation


@pytest.fixture
def scene(db):
    """Egypt and Morocco: an MLA central authority on each side, a staff-only holder in Morocco, an event both
    attended and a draft one, a recommendation both follow up, UNTOC ratified by both and a bilateral treaty."""
    amal = PersonFactory(given_name="Amal", family_name="Hassan", country="EG")
    designate(
        "EG", Mandate.MLA_CENTRAL_AUTHORITY, ["ar", "en"], ["diplomatic"], person=amal, legal_basis="UNTOC 18(13)"
    )
    youssef = PersonFactory(given_name="Youssef", family_name="Alaoui", country="MA")
    designate("MA", Mandate.MLA_CENTRAL_AUTHORITY, ["ar", "fr"], ["direct"], person=youssef)
    hidden = PersonFactory(given_name="Hidden", family_name="Holder", country="MA", visibility=Visibility.STAFF)
    designate("MA", Mandate.EXTRADITION_AUTHORITY, ["es"], person=hidden)
    designate("MA", Mandate.INTERPOL_LIAISON, person=None, organization=OrganizationFactory(name="NCB Rabat"))

    event = EventFactory(title="Rabat roundtable", host_country="MA", start_date=date(2025, 5, 20))
    EventCountryFactory(event=event, country="EG")
    for person in (amal, youssef, hidden):
        ParticipationFactory(event=event, person=person, delegation_country=person.country.code)
    draft = EventFactory(title="Draft symposium", status=EventStatus.DRAFT, host_country="EG")
    EventCountryFactory(event=draft, country="MA")

    recommendation = RecommendationFactory(event=event, code="R7", text="Designate a contact point for MLA.")
    FollowUpFactory(recommendation=recommendation, country="EG", status=FollowUpStatus.IN_PROGRESS)
    FollowUpFactory(recommendation=recommendation, country="MA", due_date=date.today() - timedelta(days=3))

    untoc = Instrument.objects.get(code="untoc")
    for code, day in (("EG", date(2004, 3, 5)), ("MA", date(2002, 9, 19))):
        TreatyStatus.objects.create(country=code, instrument=untoc, action="ratification", date=day)
    BilateralTreaty.objects.create(
        country_a="EG", country_b="MA", kind="mla", title="Convention on mutual legal assistance", demo=True
    )
    return {"event": event, "hidden": hidden}


def test_the_pair_page_needs_a_member(client, anonymous, scene):
    assert client.get(PAIR)["Location"].startswith(reverse("login"))


def test_each_mandate_shows_both_sides_holders_channels_and_languages(client, coordinator_eg, scene):
    client.force_login(coordinator_eg)
    response = client.get(PAIR)
    assert response.status_code == 200
    mandates = section(response, "mandates")
    row = mandates[mandates.index("MLA central authority") :]
    row = row[: row.index("</tr>")]
    assert "Amal Hassan" in row and "Youssef Alaoui" in row
    assert "Diplomatic channels" in row and "Direct transmission" in row
    assert "<mark>Arabic (ar)</mark>" in row  # accepted by both: highlighted
    assert "<mark>English (en)</mark>" not in row and "English (en)" in row
    assert "NCB Rabat" in mandates  # an organisation's designation


def test_the_languages_both_sides_accept_are_highlighted(client, coordinator_eg, scene):
    client.force_login(coordinator_eg)
    languages = section(client.get(PAIR), "languages")
    assert languages.count("<mark>Arabic (ar)</mark>") == 2 and languages.count("<mark>") == 2  # on both sides
    assert "French (fr)" in languages and "<mark>French (fr)</mark>" not in languages


def test_a_hidden_holder_is_absent_for_members_and_shown_to_staff(client, coordinator_eg, staff, scene):
    client.force_login(coordinator_eg)
    page = client.get(PAIR).content.decode()
    assert "Hidden" not in page and "Spanish" not in page  # neither the name nor the languages of the designation
    assert f"/people/{scene['hidden'].pk}/" not in page
    sign_in_with_second_factor(client, staff)
    assert "Hidden Holder" in client.get(PAIR).content.decode()


def test_the_legal_bases_are_the_shared_instruments_the_treaties_and_the_designations_notes(
    client, coordinator_eg, scene
):
    client.force_login(coordinator_eg)
    bases = text_of_section(client.get(PAIR), "legal-bases")
    assert "United Nations Convention against Transnational Organized Crime" in bases
    assert "Convention on mutual legal assistance" in bases and "demo" in bases
    assert "MLA central authority, Egypt: UNTOC 18(13)" in bases


def text_of_section(response, heading_id: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", section(response, heading_id)).split())


def test_the_events_both_attended_name_who_of_each_side_was_there(client, coordinator_eg, staff, scene):
    client.force_login(coordinator_eg)
    events = section(client.get(PAIR), "events")
    assert "Rabat roundtable" in events and "Draft symposium" not in events
    egypt = re.search(r"<dt>Egypt</dt><dd>(.*?)</dd>", events, re.S).group(1)
    morocco = re.search(r"<dt>Morocco</dt><dd>(.*?)</dd>", events, re.S).group(1)
    assert "Amal Hassan" in egypt and "Youssef Alaoui" in morocco and "Amal" not in morocco
    assert "Hidden" not in events
    sign_in_with_second_factor(client, staff)
    events = text_of_section(client.get(PAIR), "events")
    assert "Draft symposium" in events and "Hidden Holder" in events


def test_the_recommendations_both_follow_up_show_the_two_statuses_side_by_side(client, member_ke, scene):
    client.force_login(member_ke)
    follow_ups = text_of_section(client.get(PAIR), "follow-ups")
    assert "R7" in follow_ups
    assert follow_ups.index("In progress") < follow_ups.index("Not started")
    assert "overdue" in follow_ups


def test_the_page_from_the_other_side_puts_morocco_first(client, member_ke, scene):
    client.force_login(member_ke)
    response = client.get(reverse("country_pair", args=["MA", "EG"]))
    assert "<h1>Morocco and Egypt</h1>" in response.content.decode()


@pytest.mark.parametrize(
    ("path", "expected"),
    [("/countries/eg/ma/", "/countries/EG/MA/"), ("/countries/EG/EG/", "/countries/EG/")],
)
def test_lower_case_codes_and_a_country_with_itself_redirect(client, member_ke, path, expected):
    client.force_login(member_ke)
    assert client.get(path)["Location"] == expected


def test_an_unknown_country_is_404(client, member_ke):
    client.force_login(member_ke)
    assert client.get("/countries/EG/XX/").status_code == 404


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_pair_page_speaks_the_readers_language(client, member_ke, scene, language):
    client.force_login(member_ke)
    client.cookies["django_language"] = language
    page = client.get(PAIR).content.decode()
    expected = {"fr": "Égypte et Maroc", "ar": "مصر والمغرب"}[language]
    assert f"<h1>{expected}</h1>" in page


def test_the_pair_page_costs_the_same_queries_for_one_row_or_many(client, coordinator_eg, scene):
    client.force_login(coordinator_eg)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(PAIR).status_code == 200
        return len(queries)

    count()  # warm-up: the session's first save, the content types
    before = count()
    for number in range(6):
        event = EventFactory(title=f"Training {number}", host_country="EG")
        EventCountryFactory(event=event, country="MA")
        ParticipationFactory(event=event, person=PersonFactory(country="MA"), delegation_country="MA")
        recommendation = RecommendationFactory(event=event)
        FollowUpFactory(recommendation=recommendation, country="EG")
        FollowUpFactory(recommendation=recommendation, country="MA")
        designate("EG", Mandate.TIP_COORDINATOR, ["ar"], ["email"])
    assert count() == before


def test_the_country_page_picker_opens_the_pair_from_the_readers_side(client, coordinator_eg):
    client.force_login(coordinator_eg)
    page = client.get(reverse("country", args=["MA"])).content.decode()
    assert 'name="from"' in page and '<option value="EG" selected>' in page
    response = client.get(reverse("country_pair_pick", args=["MA"]), {"from": "EG"})
    assert response["Location"] == PAIR


def test_the_pair_page_picker_changes_the_other_country(client, coordinator_eg):
    client.force_login(coordinator_eg)
    response = client.get(reverse("country_pair_pick", args=["EG"]), {"country": "Tunisia"})
    assert response["Location"] == reverse("country_pair", args=["EG", "TN"])


def test_a_country_the_picker_cannot_read_gets_a_clear_error(client, coordinator_eg):
    client.force_login(coordinator_eg)
    response = client.get(reverse("country_pair_pick", args=["EG"]), {"country": "Atlantis"})
    assert response.status_code == 400
    assert "“Atlantis” is not a country the registry knows." in response.content.decode()


def test_a_person_card_links_to_the_pair_of_the_readers_country_and_theirs(client, coordinator_eg, scene):
    client.force_login(coordinator_eg)
    youssef = PersonFactory(country="MA")
    page = client.get(reverse("contacts:person", args=[youssef.pk])).content.decode()
    assert f'<a href="{PAIR}">Work with Morocco from Egypt</a>' in page


def test_a_handed_over_designation_says_since_when_and_who_held_it_before(client, coordinator_eg, scene):
    before = PersonFactory(given_name="Karim", family_name="Bennani", country="MA")
    ended = designate("MA", Mandate.SOM_FOCAL_POINT, person=before, valid_until=date(2026, 2, 28))
    designate(
        "MA",
        Mandate.SOM_FOCAL_POINT,
        person=PersonFactory(country="MA"),
        valid_from=date(2026, 3, 1),
        predecessor=ended,
    )
    client.force_login(coordinator_eg)
    assert "Since 1 March 2026; previously Karim Bennani" in text_of_section(client.get(PAIR), "mandates")


@pytest.mark.parametrize("path", [reverse("countries"), PAIR, reverse("country_pair_pick", args=["EG"])])
def test_the_country_pages_open_to_members_coordinators_and_staff_only(
    client, db, member_ke, coordinator_eg, staff, path
):
    from tests.factories import UserFactory

    assert client.get(path)["Location"].startswith(reverse("login"))
    client.force_login(UserFactory())  # signed in, but no registry role
    assert client.get(path).status_code == 403
    for user in (member_ke, coordinator_eg):
        client.force_login(user)
        assert client.get(path).status_code in (200, 400)  # the picker without a country: its error page
    sign_in_with_second_factor(client, staff)
    assert client.get(path).status_code in (200, 400)
