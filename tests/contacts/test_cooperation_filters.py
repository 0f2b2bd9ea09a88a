"""The directory's filters that follow cooperation: "speaks a language I speak", "attended an event with me" (at any
event, or one named), and the mandate of a current designation; on the page and through the API, for each role.

Around the reader (who works in Arabic and French) stand: Sayed, a Tunisian French speaker they met at the Hurghada
symposium; Wanjiru, a Kenyan who speaks Swahili and English, met only at a draft workshop; a staff-only Tunisian
French speaker at Hurghada too; Absent, an Egyptian Arabic speaker registered for Hurghada who did not come; and Amal,
a Moroccan at a training the reader was registered for and missed."""

import html
import re
from dataclasses import dataclass
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from contacts.choices import Mandate, Visibility
from contacts.cooperation import NO_EVENTS, NO_LANGUAGES, NOT_LINKED
from contacts.models import Language
from core.roles import NETWORK_MEMBER
from core.tokens import create_token
from core.visibility import PUBLISHED_EVENT, events_visible_to
from events.choices import EventStatus
from events.models import Event
from tests.factories import EventFactory, FocalPointFactory, ParticipationFactory, PersonFactory, UserFactory
from tests.signin import sign_in_with_second_factor

DIRECTORY = reverse("contacts:directory")
PEOPLE_API = "/api/v1/people/"
ROLES = ["member_ke", "coordinator_eg", "staff"]
HURGHADA = "Regional Symposium on Digital Evidence"
WORKSHOP = "Workshop on Financial Investigations"


@dataclass
class Scene:
    reader: object
    hurghada: Event
    workshop: Event  # a draft
    training: Event  # the reader was registered, and did not come


def speaking(person, *codes: str):
    person.languages.add(*Language.objects.filter(code__in=codes))
    return person


def scene_around(reader) -> Scene:
    speaking(reader.person, "ar", "fr")
    hurghada = EventFactory(title=HURGHADA, start_date=date(2025, 3, 10), end_date=date(2025, 3, 12))
    workshop = EventFactory(title=WORKSHOP, status=EventStatus.DRAFT, start_date=date(2025, 6, 2), end_date=None)
    training = EventFactory(title="Training in Tunis", start_date=date(2025, 9, 1), end_date=None)
    sayed = speaking(PersonFactory(given_name="Sayed", family_name="Sayed", country="TN"), "fr")
    wanjiru = speaking(PersonFactory(given_name="Wanjiru", family_name="Wanjiru", country="KE"), "sw", "en")
    hidden = speaking(PersonFactory(family_name="Hidden", country="TN", visibility=Visibility.STAFF), "fr")
    absent = speaking(PersonFactory(family_name="Absent", country="EG"), "ar")
    amal = speaking(PersonFactory(given_name="Amal", family_name="Amal", country="MA"), "pt")
    for event, person, attended in [
        (hurghada, reader.person, True),
        (hurghada, sayed, True),
        (hurghada, hidden, True),
        (hurghada, absent, False),
        (workshop, reader.person, True),
        (workshop, wanjiru, True),
        (training, reader.person, False),
        (training, amal, True),
    ]:
        ParticipationFactory(event=event, person=person, attended=attended)
    return Scene(reader, hurghada, workshop, training)


@pytest.fixture(params=ROLES)
def reader(request, db):
    return request.getfixturevalue(request.param)


@pytest.fixture
def scene(reader) -> Scene:
    return scene_around(reader)


@pytest.fixture
def page_of(client):
    def get(user, query: str = "", **headers):
        if client.session.get("_auth_user_id") != str(user.pk):
            sign_in_with_second_factor(client, user)  # staff need the second factor for any page
        response = client.get(f"{DIRECTORY}?{query}", headers=headers)
        assert response.status_code == 200
        return response

    return get


@pytest.fixture
def api(db):
    return APIClient()


@pytest.fixture
def api_of(api):
    def get(user, query: str):
        api.force_authenticate(user)
        return api.get(f"{PEOPLE_API}?{query}&page_size=200")

    return get


def listed(response) -> set[str]:
    return {person.family_name for person in response.context["page"].object_list}


def api_listed(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {row["family_name"] for row in response.json()["results"]}


def is_staff(user) -> bool:
    return user.username == "staff"


def option_texts(page: str, select_id: str) -> list[str]:
    start = page.index(f'id="{select_id}"')
    select = page[start : page.index("</select>", start)]
    return [html.unescape(text) for text in re.findall(r"<option [^>]*>([^<]*)</option>", select)]


def checkbox(page: str, input_id: str) -> str:
    return re.search(rf'<input id="{input_id}"[^>]*>', page).group(0)


def label_of(page: str, input_id: str) -> str:
    return html.unescape(re.search(rf'<label for="{input_id}">([^<]*)</label>', page).group(1))


def unknown_choice(value) -> str:
    return f"Select a valid choice. {value} is not one of the available choices."


def errors_of(response) -> str:
    return " ".join(str(message) for messages in response.context["filterset"].errors.values() for message in messages)


# --- speaks a language I speak


def test_the_language_box_names_the_readers_languages_and_starts_unticked(page_of, scene):
    page = page_of(scene.reader).content.decode()
    assert label_of(page, "f-speaks-my-language") == "Speaks a language I speak (Arabic, French)"
    assert "checked" not in checkbox(page, "f-speaks-my-language")
    assert "disabled" not in checkbox(page, "f-speaks-my-language")


@pytest.mark.parametrize(("language", "names"), [("fr", "(Arabe, Français)"), ("ar", "(العربية، الفرنسية)")])
def test_the_language_box_names_the_languages_in_the_page_language(page_of, member_ke, language, names):
    scene_around(member_ke)
    page = page_of(member_ke, **{"Accept-Language": language}).content.decode()
    assert label_of(page, "f-speaks-my-language").endswith(names)


def test_speakers_of_the_readers_languages_are_listed_not_the_hidden_nor_the_reader(page_of, scene):
    response = page_of(scene.reader, "speaks_my_language=true")
    assert listed(response) == ({"Sayed", "Absent", "Hidden"} if is_staff(scene.reader) else {"Sayed", "Absent"})
    assert "checked" in checkbox(response.content.decode(), "f-speaks-my-language")


def test_the_language_filter_works_with_the_country_and_language_filters(page_of, scene):
    assert listed(page_of(scene.reader, "speaks_my_language=true&country=EG")) == {"Absent"}
    assert listed(page_of(scene.reader, "speaks_my_language=true&language=fr&country=TN&country=EG")) == (
        {"Sayed", "Hidden"} if is_staff(scene.reader) else {"Sayed"}
    )


def test_a_reader_without_working_languages_sees_the_box_disabled_and_why(page_of, member_ke):
    page = page_of(member_ke).content.decode()
    assert "disabled" in checkbox(page, "f-speaks-my-language")
    assert label_of(page, "f-speaks-my-language") == "Speaks a language I speak"
    assert str(NO_LANGUAGES) in html.unescape(page)


def test_the_language_filter_asked_of_a_reader_without_languages_says_why_and_lists_nobody(page_of, member_ke):
    PersonFactory(family_name="Sayed")
    response = page_of(member_ke, "speaks_my_language=true")
    assert listed(response) == set()
    assert errors_of(response) == str(NO_LANGUAGES)


# --- attended an event with me


def test_the_event_box_starts_unticked(page_of, scene):
    page = page_of(scene.reader).content.decode()
    assert "checked" not in checkbox(page, "f-met-me") and "disabled" not in checkbox(page, "f-met-me")
    assert label_of(page, "f-met-me") == "Attended an event with me"


def test_people_met_at_any_event_the_reader_attended_and_may_see(page_of, scene):
    # Not Absent (registered, did not come), not Amal (at the training the reader missed), never the reader.
    expected = {"Sayed", "Hidden", "Wanjiru"} if is_staff(scene.reader) else {"Sayed"}  # the workshop is a draft
    response = page_of(scene.reader, "met_me=true")
    assert listed(response) == expected
    assert "checked" in checkbox(response.content.decode(), "f-met-me")


def test_the_named_event_choice_lists_only_the_events_the_reader_attended_and_may_see(page_of, scene):
    expected = [f"{WORKSHOP} (2025)", f"{HURGHADA} (2025)"] if is_staff(scene.reader) else [f"{HURGHADA} (2025)"]
    page = page_of(scene.reader).content.decode()
    assert option_texts(page, "f-met-at") == ["Any", *expected]
    assert label_of(page, "f-met-at") == "Event attended with me"


def test_people_met_at_one_named_event(page_of, scene):
    response = page_of(scene.reader, f"met_at={scene.hurghada.pk}")
    assert listed(response) == ({"Sayed", "Hidden"} if is_staff(scene.reader) else {"Sayed"})
    page = response.content.decode()
    assert f'<option value="{scene.hurghada.pk}" selected>{HURGHADA} (2025)</option>' in page


def test_staff_may_name_a_draft_event_they_attended(page_of, staff):
    scene = scene_around(staff)
    assert listed(page_of(staff, f"met_at={scene.workshop.pk}")) == {"Wanjiru"}


@pytest.mark.parametrize("role", ["member_ke", "coordinator_eg"])
def test_a_draft_or_missed_event_is_refused_as_an_unknown_one(request, db, page_of, role):
    scene = scene_around(request.getfixturevalue(role))
    for event_id in (scene.workshop.pk, scene.training.pk, 999_999):
        response = page_of(scene.reader, f"met_at={event_id}")
        assert listed(response) == set()
        assert errors_of(response) == unknown_choice(event_id)
        assert WORKSHOP not in response.content.decode()


def test_the_event_filter_works_with_the_language_and_country_filters(page_of, scene):
    assert listed(page_of(scene.reader, "met_me=true&speaks_my_language=true&country=TN")) == (
        {"Sayed", "Hidden"} if is_staff(scene.reader) else {"Sayed"}
    )
    assert listed(page_of(scene.reader, "met_me=true&country=MA")) == set()


def test_a_reader_who_attended_no_event_they_may_see_sees_the_box_disabled_and_why(page_of, member_ke):
    ParticipationFactory(event=EventFactory(title=WORKSHOP, status=EventStatus.DRAFT), person=member_ke.person)
    page = page_of(member_ke).content.decode()
    assert "disabled" in checkbox(page, "f-met-me")
    assert str(NO_EVENTS) in html.unescape(page)
    assert 'id="f-met-at"' not in page and WORKSHOP not in page


def test_an_account_without_a_person_sees_both_boxes_disabled_and_why(page_of, db):
    reader = UserFactory(username="unlinked", groups=[NETWORK_MEMBER])
    page = html.unescape(page_of(reader).content.decode())
    assert "disabled" in checkbox(page, "f-speaks-my-language") and "disabled" in checkbox(page, "f-met-me")
    assert page.count(str(NOT_LINKED)) == 2
    assert errors_of(page_of(reader, "met_me=true")) == str(NOT_LINKED)


# --- the mandate filter, which the page already offered


def test_the_mandate_filter_offers_every_mandate_and_works_with_the_cooperation_filters(page_of, scene):
    page = page_of(scene.reader).content.decode()
    assert option_texts(page, "f-mandate") == ["Any", *(str(label) for _value, label in Mandate.choices)]
    sayed = scene.hurghada.participations.get(person__family_name="Sayed").person
    FocalPointFactory(person=sayed, country="TN", mandate=Mandate.MLA_CENTRAL_AUTHORITY)
    absent = scene.hurghada.participations.get(person__family_name="Absent").person
    FocalPointFactory(person=absent, country="EG", mandate=Mandate.MLA_CENTRAL_AUTHORITY)
    query = f"mandate={Mandate.MLA_CENTRAL_AUTHORITY}&speaks_my_language=true"
    assert listed(page_of(scene.reader, query)) == {"Sayed", "Absent"}
    assert listed(page_of(scene.reader, f"{query}&met_me=true")) == {"Sayed"}


# --- live search, pages, who may come


def test_the_live_search_keeps_the_cooperation_filters(page_of, scene):
    response = page_of(scene.reader, "q=sayed&met_me=true&speaks_my_language=true", **{"HX-Request": "true"})
    assert "<html" not in response.content.decode()
    assert listed(response) == {"Sayed"}


def test_the_page_links_keep_the_cooperation_filters(page_of, member_ke):
    scene_around(member_ke)
    for number in range(30):
        speaking(PersonFactory(family_name=f"Speaker{number:02}", country="TN"), "fr")
    response = page_of(member_ke, "speaks_my_language=true&page=1")
    assert response.context["page"].paginator.count == 32  # and Sayed and Absent
    assert 'href="?speaks_my_language=true&amp;page=2"' in response.content.decode()


def test_anonymous_visitors_never_reach_the_directory(client):
    response = client.get(f"{DIRECTORY}?speaks_my_language=true&met_me=true")
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


# --- the API


def test_the_api_filters_people_by_the_readers_languages(api_of, scene):
    expected = {"Sayed", "Absent", "Hidden"} if is_staff(scene.reader) else {"Sayed", "Absent"}
    assert api_listed(api_of(scene.reader, "speaks_my_language=true")) == expected
    # false: those who share none of the reader's languages; the reader is never listed
    assert api_listed(api_of(scene.reader, "speaks_my_language=false")) == {"Wanjiru", "Amal"}


def test_the_api_filters_people_met_at_events(api_of, scene):
    staff = is_staff(scene.reader)
    assert api_listed(api_of(scene.reader, "met_me=true")) == ({"Sayed", "Hidden", "Wanjiru"} if staff else {"Sayed"})
    assert api_listed(api_of(scene.reader, "met_me=false")) == (
        {"Absent", "Amal"} if staff else {"Wanjiru", "Absent", "Amal"}
    )
    met_there = api_of(scene.reader, f"met_at={scene.hurghada.pk}")
    assert api_listed(met_there) == ({"Sayed", "Hidden"} if staff else {"Sayed"})


@pytest.mark.parametrize("role", ["member_ke", "coordinator_eg"])
def test_the_api_refuses_a_draft_or_missed_event_as_an_unknown_one(request, db, api_of, role):
    scene = scene_around(request.getfixturevalue(role))
    for event_id in (scene.workshop.pk, scene.training.pk, 999_999, "hurghada"):
        response = api_of(scene.reader, f"met_at={event_id}")
        assert response.status_code == 400
        assert response.json() == {"met_at": [unknown_choice(event_id)]}


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("speaks_my_language=true", NO_LANGUAGES),
        ("speaks_my_language=false", NO_LANGUAGES),
        ("met_me=true", NO_EVENTS),
    ],
)
def test_the_api_says_why_a_filter_does_not_apply_to_the_reader(api_of, member_ke, query, message):
    response = api_of(member_ke, query)
    assert response.status_code == 400
    assert response.json() == {query.split("=")[0]: [str(message)]}


def test_a_token_of_an_account_without_a_person_gets_the_reason(api, db):
    _token, key = create_token(UserFactory(username="unlinked", groups=[NETWORK_MEMBER]), "script")
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    for name in ("speaks_my_language", "met_me"):
        response = api.get(f"{PEOPLE_API}?{name}=true")
        assert response.status_code == 400
        assert response.json() == {name: [str(NOT_LINKED)]}


def test_a_cooperation_filter_takes_true_or_false_only(api_of, member_ke):
    scene_around(member_ke)
    response = api_of(member_ke, "met_me=yes")
    assert response.status_code == 400
    assert response.json() == {"met_me": ["Use true or false."]}


def test_the_schema_documents_the_cooperation_filters(api, staff):
    api.force_authenticate(staff)
    parameters = {
        parameter["name"]: parameter["schema"]
        for parameter in api.get("/api/v1/schema/?format=json").json()["paths"][PEOPLE_API]["get"]["parameters"]
    }
    assert parameters["speaks_my_language"]["type"] == "boolean"
    assert parameters["met_me"]["type"] == "boolean"
    assert parameters["met_at"] == {"type": "integer"}


# --- query counts


def count_queries(get, *args) -> int:
    with CaptureQueriesContext(connection) as queries:
        get(*args)
    return len(queries)


def add_people_met_who_speak_french(scene: Scene, how_many: int) -> None:
    already = scene.hurghada.participations.filter(person__family_name__startswith="Met").count()
    for number in range(already, already + how_many):
        person = speaking(PersonFactory(family_name=f"Met{number:02}", country="TN"), "fr", "ar")
        ParticipationFactory(event=scene.hurghada, person=person)


@pytest.mark.parametrize("query", ["", "speaks_my_language=true&met_me=true", "met_at={hurghada}&q=met"])
def test_the_page_query_count_does_not_grow_with_the_people_listed(page_of, member_ke, query):
    scene = scene_around(member_ke)
    query = query.format(hurghada=scene.hurghada.pk)
    add_people_met_who_speak_french(scene, 1)
    page_of(member_ke, query)  # warm-up: sessions, caches
    with_one = count_queries(page_of, member_ke, query)
    add_people_met_who_speak_french(scene, 29)
    assert count_queries(page_of, member_ke, query) == with_one
    if query:
        assert len(page_of(member_ke, query).context["page"].object_list) >= 25


def test_the_api_query_count_does_not_grow_with_the_people_listed(api_of, coordinator_eg):
    scene = scene_around(coordinator_eg)
    query = f"speaks_my_language=true&met_me=true&met_at={scene.hurghada.pk}"
    add_people_met_who_speak_french(scene, 1)
    api_of(coordinator_eg, query)
    with_one = count_queries(api_of, coordinator_eg, query)
    add_people_met_who_speak_french(scene, 29)
    with CaptureQueriesContext(connection) as queries:
        response = api_of(coordinator_eg, query)
    assert len(queries) == with_one
    assert api_listed(response) == {"Sayed", *(f"Met{number:02}" for number in range(30))}


# --- the events' rule, kept in the kit for the apps below events


@pytest.mark.parametrize("role", ["anonymous", "member_ke", "coordinator_eg", "staff"])
def test_the_kits_event_rule_is_the_events_own(request, db, role):
    user = request.getfixturevalue(role)
    EventFactory(status=EventStatus.DRAFT)
    EventFactory(status=EventStatus.PUBLISHED)
    assert PUBLISHED_EVENT == EventStatus.PUBLISHED
    assert set(Event.objects.filter(events_visible_to(user))) == set(Event.objects.visible_to(user))
