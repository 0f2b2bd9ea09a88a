"""Id filters admit only the rows the caller may see: a hidden id and an id that does not exist answer alike."""

import pytest

from tests.factories import EventFactory, PersonFactory

MISSING = 987654321

# (endpoint, filter): every id filter of the API whose rows can be hidden from a member
ID_FILTERS = [
    ("/api/v1/focal-points/", "person"),
    ("/api/v1/participations/", "person"),
    ("/api/v1/participations/", "event"),
    ("/api/v1/documents/", "event"),
    ("/api/v1/recommendations/", "event"),
    ("/api/v1/follow-ups/", "event"),
]


@pytest.fixture
def hidden(db):
    return {
        "person": PersonFactory(visibility="staff").pk,
        "event": EventFactory(status="draft").pk,
    }


@pytest.mark.parametrize(("endpoint", "name"), ID_FILTERS)
def test_a_hidden_id_answers_like_one_that_does_not_exist(as_user, member_ke, hidden, endpoint, name):
    api = as_user(member_ke)
    for_hidden = api.get(endpoint, {name: hidden[name]})
    for_missing = api.get(endpoint, {name: MISSING})
    assert for_hidden.status_code == for_missing.status_code == 400
    assert for_hidden.json() == {
        name: [msg.replace(str(MISSING), str(hidden[name])) for msg in for_missing.json()[name]]
    }


@pytest.mark.parametrize("visibility", ["staff", "unlisted"])
def test_hidden_and_inactive_people_are_absent_for_members(as_user, member_ke, visibility):
    person = PersonFactory(visibility=visibility)
    inactive = PersonFactory(active=False)
    api = as_user(member_ke)
    assert api.get(f"/api/v1/people/{person.pk}/").status_code == 404
    assert api.get(f"/api/v1/people/{inactive.pk}/").status_code == 404
    listed = {row["id"] for row in api.get("/api/v1/people/").json()["results"]}
    assert not {person.pk, inactive.pk} & listed
