"""A progress update's author is named as the viewer may see them, never by login name."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from recommendations.services import record_progress
from tests.factories import FollowUpFactory

LOGIN = "officer-login-7731"


@pytest.fixture
def follow_up(db, staff, coordinator_eg):
    staff.person.visibility = "staff"  # an IOM officer kept out of the directory
    staff.person.save()
    staff.username = LOGIN
    staff.save()
    follow_up = FollowUpFactory(country="EG")
    record_progress(follow_up, staff, "in_progress", "Workshop held.")
    record_progress(follow_up, coordinator_eg, "partial", "Law drafted.")
    return follow_up


def authors_in_api(user, follow_up) -> list[str]:
    api = APIClient()
    api.force_authenticate(user)
    return [row["author"] for row in api.get(f"/api/v1/follow-ups/{follow_up.pk}/progress/").json()["results"]]


def test_members_see_a_hidden_author_by_role_and_a_listed_one_by_name(member_ke, coordinator_eg, follow_up):
    assert authors_in_api(member_ke, follow_up) == ["IOM staff", str(coordinator_eg.person)]
    assert LOGIN not in str(authors_in_api(member_ke, follow_up))


def test_a_coordinator_whose_person_is_hidden_is_named_by_country(member_ke, coordinator_eg, follow_up):
    coordinator_eg.person.visibility = "unlisted"
    coordinator_eg.person.save()
    assert authors_in_api(member_ke, follow_up) == ["IOM staff", "National coordinator of Egypt"]


def test_staff_see_every_author_by_name(staff, coordinator_eg, follow_up):
    assert authors_in_api(staff, follow_up) == [str(staff.person), str(coordinator_eg.person)]


def test_the_page_names_authors_the_same_way_and_never_by_login(client, coordinator_eg, follow_up):
    client.force_login(coordinator_eg)
    page = client.get(reverse("recommendations:follow-up", args=[follow_up.pk])).content.decode()
    assert "IOM staff" in page
    assert "staff Cast" not in page
    assert LOGIN not in page


def test_naming_authors_costs_the_same_for_one_or_many(member_ke, follow_up):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import UserFactory

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            authors_in_api(member_ke, follow_up)
        return len(queries)

    count()  # the first call also reads the member's groups, which the user object then keeps
    before = count()
    for index in range(6):
        record_progress(follow_up, UserFactory(groups=["IOM staff"]), "in_progress", f"Step {index}.")
    assert count() == before
