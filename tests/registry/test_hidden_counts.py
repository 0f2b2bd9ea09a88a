"""Figures count only what their viewer may see: hidden people and their designations are in no count."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tests.factories import EventFactory, FocalPointFactory, ParticipationFactory, PersonFactory


@pytest.fixture
def kenya(db):
    """One listed designation and contact in Kenya, and one of each kind of hidden person, each designated too."""
    listed = PersonFactory(country="KE")
    FocalPointFactory(person=listed, country="KE", mandate="mla_central_authority")
    for hidden in (
        PersonFactory(country="KE", visibility="staff"),
        PersonFactory(country="KE", visibility="unlisted"),
        PersonFactory(country="KE", active=False),
    ):
        FocalPointFactory(person=hidden, country="KE", mandate="mla_central_authority")
    return listed


@pytest.mark.parametrize("who", [None, "member_ke", "coordinator_ma"])
def test_country_figures_leave_out_hidden_people_and_their_designations(request, kenya, who):
    api = APIClient()
    if who:
        api.force_authenticate(request.getfixturevalue(who))
    body = api.get("/api/v1/countries/KE/").json()
    own = 1 if who == "member_ke" else 0  # a member counts themselves, a Kenyan listed for the network
    assert body["focal_point_counts"] == {"mla_central_authority": 1}
    assert body["contact_count"] == 1 + own


@pytest.fixture
def symposium(db):
    event = EventFactory(title="Symposium")
    for person in (PersonFactory(), PersonFactory()):
        ParticipationFactory(event=event, person=person)
    for person in (
        PersonFactory(visibility="staff"),
        PersonFactory(visibility="unlisted"),
        PersonFactory(active=False),
    ):
        ParticipationFactory(event=event, person=person)
    return event


@pytest.mark.parametrize("who", [None, "member_ke"])
def test_event_participant_counts_leave_out_hidden_people(request, client, symposium, who):
    api = APIClient()
    if who:
        user = request.getfixturevalue(who)
        api.force_authenticate(user)
        client.force_login(user)
    assert api.get(f"/api/v1/events/{symposium.pk}/").json()["recorded_participant_count"] == 2
    assert api.get("/api/v1/events/").json()["results"][0]["recorded_participant_count"] == 2
    page = client.get(reverse("events:detail", args=[symposium.pk])).content.decode()
    assert "Participants recorded here: 2." in page
    if who:
        assert len(api.get(f"/api/v1/events/{symposium.pk}/participants/").json()["results"]) == 2


def test_staff_count_every_participant(as_staff_api, symposium):
    assert as_staff_api.get(f"/api/v1/events/{symposium.pk}/").json()["recorded_participant_count"] == 5


@pytest.fixture
def as_staff_api(staff):
    api = APIClient()
    api.force_authenticate(staff)
    return api
