"""``/me/``, the caller's token, and the per-country summaries."""

import pytest
from django.core.cache import cache
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories import FocalPointFactory, FollowUpFactory


@pytest.mark.parametrize(
    ("who", "role", "country"),
    [
        ("member_ke", "network_member", "KE"),
        ("coordinator_eg", "national_coordinator", "EG"),
        ("coordinator_ma", "national_coordinator", "MA"),
        ("staff", "iom_staff", "EG"),
    ],
)
def test_me_reports_role_and_country(request, as_user, who, role, country):
    user = request.getfixturevalue(who)
    body = as_user(user).get("/api/v1/me/").json()
    assert (body["username"], body["role"], body["country"]) == (who, role, country)
    assert body["person"] == user.person.pk


def test_me_needs_a_login(api):
    assert api.get("/api/v1/me/").status_code == 401


def test_user_rotates_their_token_and_the_old_one_stops_working(api, member_ke):
    api.force_authenticate(member_ke)
    assert api.get("/api/v1/me/token/").status_code == 404
    first = api.post("/api/v1/me/token/").json()["key"]
    assert api.get("/api/v1/me/token/").json()["key"] == first
    second = api.post("/api/v1/me/token/").json()["key"]
    assert second != first

    by_token = APIClient()
    by_token.credentials(HTTP_AUTHORIZATION=f"Token {first}")
    assert by_token.get("/api/v1/me/").status_code == 401
    by_token.credentials(HTTP_AUTHORIZATION=f"Token {second}")
    assert by_token.get("/api/v1/me/").json()["username"] == "member_ke"


def test_staff_issue_a_token_in_the_admin(client, staff, member_ke):
    client.force_login(staff)
    response = client.post("/admin/authtoken/tokenproxy/add/", {"user": member_ke.pk})
    assert response.status_code == 302
    assert Token.objects.filter(user=member_ke).exists()


def test_country_summary_gives_anonymous_visitors_figures_without_names(api, world):
    body = api.get("/api/v1/countries/EG/").json()
    assert body["focal_points"] is None
    assert body["focal_point_counts"] == {"mla_central_authority": 1}
    assert body["events_attended"] == 1
    assert body["follow_ups_by_status"] == {"not_started": 1}
    assert body["contact_count"] == 2  # the network person and the coordinator; staff-only and unlisted not counted


def test_country_summary_names_focal_points_for_members(as_user, world, member_ke):
    body = as_user(member_ke).get("/api/v1/countries/EG/").json()
    assert [fp["person"] for fp in body["focal_points"]] == [world["person"].pk]


def test_country_summary_counts_only_current_designations(api, world):
    FocalPointFactory(country="EG", mandate="tip_coordinator", valid_from="2020-01-01", valid_until="2021-01-01")
    assert "tip_coordinator" not in api.get("/api/v1/countries/EG/").json()["focal_point_counts"]


def test_country_list_covers_every_country_with_records(api, world):
    FollowUpFactory(country="TN")
    codes = [row["code"] for row in api.get("/api/v1/countries/").json()["results"]]
    assert {"EG", "MA", "TN"} <= set(codes)


@pytest.mark.parametrize(("code", "status"), [("tn", 200), ("XX", 404), ("Egypt", 404)])
def test_country_codes_are_checked(api, code, status):
    assert api.get(f"/api/v1/countries/{code}/").status_code == status


def test_user_name_and_password_give_the_users_token(api, member_ke):
    response = api.post("/api/v1/auth/token/", {"username": "member_ke", "password": "correct horse battery staple"})
    assert response.status_code == 200
    assert response.json()["token"] == Token.objects.get(user=member_ke).key


def test_wrong_password_is_a_400_and_issues_nothing(api, member_ke):
    response = api.post("/api/v1/auth/token/", {"username": "member_ke", "password": "guess"})
    assert response.status_code == 400
    assert "non_field_errors" in response.json()
    assert not Token.objects.exists()


def test_password_guessing_is_throttled(api, member_ke, settings):
    cache.clear()
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"login": "3/min"}}
    statuses = [
        api.post("/api/v1/auth/token/", {"username": "member_ke", "password": "x"}).status_code for _ in range(4)
    ]
    assert statuses == [400, 400, 400, 429]
    cache.clear()
