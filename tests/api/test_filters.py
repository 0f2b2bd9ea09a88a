"""One test per filter of every list endpoint, through the API, and bad values answering 400 with a message.

The FilterSets live in each app's ``filters.py`` and are shared with the HTML pages."""

import pytest

from contacts.models import Expertise, Language, Role
from tests import factories


@pytest.fixture
def staff_api(as_user, staff):
    return as_user(staff)


def ids(client, url: str) -> set[int]:
    response = client.get(url)
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


# --- people


@pytest.fixture
def tunisian(db):
    person = factories.PersonFactory(given_name="Leila", family_name="Trabelsi", country="TN", active=True)
    person.roles.add(Role.objects.get(code="judge"))
    person.expertise.add(Expertise.objects.get(code="som"))
    person.languages.add(Language.objects.get(code="fr"))
    return person


@pytest.fixture
def egyptian(db):
    person = factories.PersonFactory(given_name="Mohamed", family_name="Guirguis", country="EG", active=False)
    person.roles.add(Role.objects.get(code="prosecutor"))
    person.expertise.add(Expertise.objects.get(code="tip"))
    person.languages.add(Language.objects.get(code="ar"))
    return person


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("country=TN", "tunisian"),
        ("role=judge", "tunisian"),
        ("expertise=tip", "egyptian"),
        ("language=fr", "tunisian"),
        ("active=false", "egyptian"),
        ("q=Muhammad", "egyptian"),
        ("q=girgis", "egyptian"),
    ],
)
def test_people_filters(staff_api, tunisian, egyptian, query, expected):
    found = ids(staff_api, f"/api/v1/people/?{query}")
    expected_person = {"tunisian": tunisian, "egyptian": egyptian}[expected]
    assert expected_person.pk in found
    assert ({tunisian.pk, egyptian.pk} - {expected_person.pk}).isdisjoint(found)


def test_people_filter_by_several_countries(staff_api, tunisian, egyptian):
    assert {tunisian.pk, egyptian.pk} <= ids(staff_api, "/api/v1/people/?country=TN&country=EG")


def test_people_filter_by_organisation(staff_api, tunisian, egyptian):
    assert ids(staff_api, f"/api/v1/people/?organization={tunisian.organization_id}") == {tunisian.pk}


def test_people_filter_by_current_mandate(staff_api, tunisian, egyptian):
    factories.FocalPointFactory(person=tunisian, country="TN", mandate="tip_coordinator")
    factories.FocalPointFactory(person=egyptian, country="EG", mandate="tip_coordinator", valid_until="2020-01-01")
    assert ids(staff_api, "/api/v1/people/?mandate=tip_coordinator") == {tunisian.pk}


def test_people_ordering(staff_api, tunisian, egyptian):
    results = staff_api.get("/api/v1/people/?ordering=-family_name&country=TN&country=EG").json()["results"]
    assert [row["family_name"] for row in results] == ["Trabelsi", "Guirguis", "Cast"]  # Cast: the staff member


@pytest.mark.parametrize(
    "query",
    [
        "country=XX",
        "country=eg",
        "role=astronaut",
        "expertise=x",
        "language=zz",
        "organization=abc",
        "organization=99999999999999999999999",
        "organization=1¹",  # str.isdigit() says yes, int() says no
        "organization=٣",
        "active=maybe",
        "mandate=king",
        "ordering=email",
    ],
)
def test_bad_people_filter_values_answer_400(staff_api, query):  # found by Schemathesis: "1¹" answered 500
    response = staff_api.get(f"/api/v1/people/?{query}")
    assert response.status_code == 400
    assert query.split("=")[0] in response.json()


# --- organisations and focal points


def test_organization_filters(staff_api):
    court = factories.OrganizationFactory(name="Court of Cassation", acronym="CC", country="TN", kind="judiciary")
    office = factories.OrganizationFactory(name="Regional office", country="TN", parent=court, active=False)
    other = factories.OrganizationFactory(country="EG")
    assert ids(staff_api, "/api/v1/organizations/?country=TN") == {court.pk, office.pk}
    assert ids(staff_api, "/api/v1/organizations/?kind=judiciary") == {court.pk}
    assert ids(staff_api, "/api/v1/organizations/?active=false") == {office.pk}
    assert ids(staff_api, f"/api/v1/organizations/?parent={court.pk}") == {office.pk}
    assert ids(staff_api, "/api/v1/organizations/?q=cassation") == {court.pk}
    assert other.pk not in ids(staff_api, "/api/v1/organizations/?q=CC")


def test_focal_point_filters(staff_api):
    current = factories.FocalPointFactory(country="TN", mandate="tip_coordinator")
    ended = factories.FocalPointFactory(country="EG", valid_from="2019-01-01", valid_until="2020-01-01")
    assert ids(staff_api, "/api/v1/focal-points/?country=TN") == {current.pk}
    assert ids(staff_api, "/api/v1/focal-points/?mandate=mla_central_authority") == {ended.pk}
    assert ids(staff_api, "/api/v1/focal-points/?current=true") == {current.pk}
    assert ids(staff_api, "/api/v1/focal-points/?current=false") == {ended.pk}
    assert ids(staff_api, f"/api/v1/focal-points/?person={current.person_id}") == {current.pk}
    assert ids(staff_api, f"/api/v1/focal-points/?organization={ended.person.organization_id}") == set()


# --- events


@pytest.fixture
def events(db):
    programme, theme = factories.ProgrammeFactory(), factories.ThemeFactory()
    conference = factories.EventFactory(
        title="Conference", kind="conference", start_date="2023-07-10", end_date="2023-07-13", city="Sharm El Sheikh"
    )
    conference.programmes.add(programme)
    conference.themes.add(theme)
    conference.pillars.add("prosecution")
    factories.EventCountryFactory(event=conference, country="NE")
    roundtable = factories.EventFactory(
        title="Roundtable", kind="roundtable", start_date=None, end_date=None, host_country="MA", city="Rabat"
    )
    draft = factories.EventFactory(title="Draft", status="draft", start_date="2024-03-01", end_date="2024-03-01")
    return {"conference": conference, "roundtable": roundtable, "draft": draft, "programme": programme, "theme": theme}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=conference", {"conference"}),
        ("kind=conference&kind=roundtable", {"conference", "roundtable"}),
        ("status=draft", {"draft"}),
        ("year=2023", {"conference"}),
        ("date_after=2023-07-10&date_before=2023-12-31", {"conference"}),
        ("date_after=2024-01-01", {"draft"}),
        ("host_country=MA", {"roundtable"}),
        ("country=NE", {"conference"}),
        ("pillar=prosecution", {"conference"}),
        ("q=rabat", {"roundtable"}),
    ],
)
def test_event_filters(staff_api, events, query, expected):
    assert ids(staff_api, f"/api/v1/events/?{query}") == {events[name].pk for name in expected}


def test_event_filters_by_theme_and_programme(staff_api, events):
    assert ids(staff_api, f"/api/v1/events/?theme={events['theme'].pk}") == {events["conference"].pk}
    assert ids(staff_api, f"/api/v1/events/?programme={events['programme'].pk}") == {events["conference"].pk}


def test_events_are_ordered_newest_first_with_undated_last(staff_api, events):
    titles = [row["title"] for row in staff_api.get("/api/v1/events/").json()["results"]]
    assert titles == ["Draft", "Conference", "Roundtable"]


@pytest.mark.parametrize(
    "query",
    ["kind=gala", "year=abc", "year=99999", "date_after=2023-13-45", "country=XX", "theme=x", "pillar=none"],
)
def test_bad_event_filter_values_answer_400(staff_api, query):
    response = staff_api.get(f"/api/v1/events/?{query}")
    assert response.status_code == 400
    assert response.json()


# --- follow-ups


@pytest.fixture
def follow_ups(db):
    overdue = factories.FollowUpFactory(country="EG", due_date="2020-06-30")
    later = factories.FollowUpFactory(country="TN", due_date="2099-01-01")
    done = factories.FollowUpFactory(country="MA", due_date="2020-01-01", status="implemented")
    return {"overdue": overdue, "later": later, "done": done}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("country=TN", {"later"}),
        ("status=implemented", {"done"}),
        ("status=implemented&status=not_started", {"done", "overdue", "later"}),
        ("due_before=2020-12-31", {"overdue", "done"}),
        ("due_after=2021-01-01", {"later"}),
        ("overdue=true", {"overdue"}),
        ("overdue=false", {"later", "done"}),
    ],
)
def test_follow_up_filters(staff_api, follow_ups, query, expected):
    assert ids(staff_api, f"/api/v1/follow-ups/?{query}") == {follow_ups[name].pk for name in expected}


def test_follow_up_filters_by_recommendation_and_event(staff_api, follow_ups):
    recommendation = follow_ups["later"].recommendation
    assert ids(staff_api, f"/api/v1/follow-ups/?recommendation={recommendation.pk}") == {follow_ups["later"].pk}
    assert ids(staff_api, f"/api/v1/follow-ups/?event={recommendation.event_id}") == {follow_ups["later"].pk}


@pytest.mark.parametrize("query", ["status=done", "due_before=soon", "overdue=perhaps", "event=-1", "country=ZZ"])
def test_bad_follow_up_filter_values_answer_400(staff_api, query):
    response = staff_api.get(f"/api/v1/follow-ups/?{query}")
    assert response.status_code == 400
    assert query.split("=")[0] in response.json()


def test_recommendation_filters(staff_api, follow_ups):
    recommendation = follow_ups["later"].recommendation
    recommendation.priority = "high"
    recommendation.save()
    assert ids(staff_api, f"/api/v1/recommendations/?event={recommendation.event_id}") == {recommendation.pk}
    assert ids(staff_api, "/api/v1/recommendations/?priority=high") == {recommendation.pk}
    assert len(ids(staff_api, "/api/v1/recommendations/?category=channels")) == 3
    assert ids(staff_api, "/api/v1/recommendations/?category=ratification") == set()


@pytest.mark.parametrize("query", ["ordering=country&ordering=-family_name", "ordering=country,-family_name"])
def test_several_ordering_keys_repeated_or_comma_separated(as_user, staff, query):
    for family, country in (("Alaoui", "MA"), ("Zeroual", "MA"), ("Ben Ali", "TN")):
        factories.PersonFactory(family_name=family, country=country, organization=None)
    results = as_user(staff).get(f"/api/v1/people/?country=MA&country=TN&{query}").json()["results"]
    assert [row["family_name"] for row in results] == ["Zeroual", "Alaoui", "Ben Ali"]


def test_the_event_filters_by_theme_and_programme_take_the_ids_their_endpoints_list(as_user, anonymous):
    theme, programme = factories.ThemeFactory(name="Digital evidence"), factories.ProgrammeFactory(acronym="BMM")
    tagged = factories.EventFactory(title="Tagged symposium")
    tagged.themes.add(theme)
    tagged.programmes.add(programme)
    factories.EventFactory(title="Other symposium")
    client = as_user(anonymous)
    themes = client.get("/api/v1/themes/").json()["results"]
    programmes = client.get("/api/v1/programmes/").json()["results"]
    assert [row["name"] for row in themes] == ["Digital evidence"]
    for query in (f"theme={themes[0]['id']}", f"programme={programmes[0]['id']}"):
        assert [row["title"] for row in client.get(f"/api/v1/events/?{query}").json()["results"]] == [
            "Tagged symposium"
        ]
