"""``/me/`` and the per-country summaries (API tokens: tests/core/test_tokens.py)."""

import pytest

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
