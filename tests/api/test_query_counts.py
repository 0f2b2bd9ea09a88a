"""Every list endpoint runs as many queries for 50 rows as for one."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contacts.models import Expertise, Language, Role
from tests import factories


def person():
    someone = factories.PersonFactory()
    someone.roles.add(Role.objects.get(code="prosecutor"))
    someone.expertise.add(Expertise.objects.get(code="tip"))
    someone.languages.add(Language.objects.get(code="ar"))
    return someone


def event():
    held = factories.EventFactory()
    factories.EventOrganizationFactory(event=held)
    factories.EventCountryFactory(event=held)
    factories.ParticipationFactory(event=held)
    return held


def follow_up():
    return factories.FollowUpFactory(
        coordinator=factories.PersonFactory(), recommendation__event=factories.EventFactory()
    )


ROWS = {
    "organizations": factories.OrganizationFactory,
    "people": person,
    "focal-points": factories.FocalPointFactory,
    "events": event,
    "participations": factories.ParticipationFactory,
    "documents": factories.DocumentFactory,
    "recommendations": lambda: factories.FollowUpFactory().recommendation,
    "follow-ups": follow_up,
    "reminders": factories.ReminderFactory,
    "themes": factories.ThemeFactory,
    "programmes": factories.ProgrammeFactory,
    "instruments": factories.InstrumentFactory,
    "treaty-status": factories.TreatyStatusFactory,  # a new instrument each: the names come in the same query
    "bilateral-treaties": factories.BilateralTreatyFactory,
    "countries": lambda: factories.FollowUpFactory(country=factories.PersonFactory().country),
}


def count_queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/api/v1/{path}/?page_size=200")
    assert response.status_code == 200
    return len(queries)


CALLERS = [(who, path) for who in ("member_ke", "staff") for path in ROWS if who == "staff" or path != "reminders"]


@pytest.mark.parametrize(("who", "path"), CALLERS)
def test_list_query_count_does_not_grow_with_rows(request, as_user, path, who):
    client = as_user(request.getfixturevalue(who))
    ROWS[path]()
    count_queries(client, path)  # the first request also reads the user's groups, which are then cached
    with_one = count_queries(client, path)
    for _ in range(49):
        ROWS[path]()
    assert count_queries(client, path) == with_one


def test_event_participants_query_count_does_not_grow(as_user, staff):
    held = factories.EventFactory()
    factories.ParticipationFactory(event=held)
    client = as_user(staff)
    count_queries(client, f"events/{held.pk}/participants")
    with_one = count_queries(client, f"events/{held.pk}/participants")
    factories.ParticipationFactory.create_batch(49, event=held)
    assert count_queries(client, f"events/{held.pk}/participants") == with_one
