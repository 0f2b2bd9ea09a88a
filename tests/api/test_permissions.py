"""The permission matrix: every endpoint × list, retrieve, create, update, delete × the cast, with the exact status
code and, where the call succeeds, the exact fields returned."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

from tests import factories

CAST = ["anonymous", "member_ke", "coordinator_eg", "coordinator_ma", "staff"]
ACTIONS = ["list", "retrieve", "create", "update", "delete"]

PERSON_FIELDS = {
    "id", "honorific", "given_name", "family_name", "other_spellings", "job_title", "organization",
    "organization_name", "country", "roles", "expertise", "languages", "email", "phone", "secure_channel_note",
    "preferred_language", "active",
}  # fmt: skip
PERSON_STAFF_FIELDS = {"visibility", "legal_basis", "consent_recorded_on", "consent_note", "last_verified_on"}


@dataclass
class Endpoint:
    path: str
    access: str  # "members": members read, staff write; "public": anyone reads; "staff": staff only; "open": anyone
    detail: str  # the key in ``world`` of the row to retrieve and update
    fields: set[str]
    writable: bool = False
    create: Callable[[dict], dict] = lambda world: {}
    update: dict[str, Any] = field(default_factory=dict)
    fresh: Callable[[], Any] | None = None  # a row nobody refers to, to delete
    staff_fields: set[str] = field(default_factory=set)
    body: str = "json"  # multipart where the operation takes a file


ENDPOINTS = {
    "organizations": Endpoint(
        "organizations",
        "members",
        "organization",
        {"id", "name", "acronym", "kind", "country", "parent", "website", "active"},
        writable=True,
        create=lambda world: {"name": "Ministry of Justice", "kind": "ministry_of_justice", "country": "TN"},
        update={"acronym": "PPE"},
        fresh=factories.OrganizationFactory,
    ),
    "people": Endpoint(
        "people",
        "members",
        "person",
        PERSON_FIELDS,
        writable=True,
        create=lambda world: {"given_name": "Salma", "family_name": "Example", "country": "TN", "roles": ["judge"]},
        update={"job_title": "Chief prosecutor"},
        fresh=lambda: factories.PersonFactory(organization=None),
        staff_fields=PERSON_STAFF_FIELDS,
    ),
    "focal-points": Endpoint(
        "focal-points",
        "members",
        "focal_point",
        {
            "id",
            "country",
            "mandate",
            "person",
            "person_name",
            "organization",
            "organization_name",
            "legal_basis",
            "request_languages",
            "channels",
            "notes",
            "valid_from",
            "valid_until",
            "is_current",
        },  # fmt: skip
        writable=True,
        create=lambda world: {"country": "EG", "mandate": "tip_coordinator", "person": world["person"].pk},
        update={"notes": "Accepts requests in Arabic and French"},
        fresh=lambda: factories.FocalPointFactory(),
    ),
    "events": Endpoint(
        "events",
        "public",
        "event",
        {
            "id",
            "title",
            "kind",
            "status",
            "start_date",
            "end_date",
            "date_note",
            "city",
            "host_country",
            "summary",
            "previous_event",
            "organizations",
            "countries",
            "programmes",
            "themes",
            "pillars",
            "instruments",
            "sdg_goals",
            "gcm_objectives",
            "reported_participant_count",
            "recorded_participant_count",
            "reported_country_count",
            "participating_country_count",
            "source_links",
            "source_note",
        },  # fmt: skip
    ),
    "participations": Endpoint(
        "participations",
        "members",
        "participation",
        {"id", "event", "person", "person_detail", "role", "delegation_country", "attended"},
        writable=True,
        create=lambda world: {"event": world["event"].pk, "person": world["unlisted"].pk, "role": "speaker"},
        update={"role": "moderator"},
        fresh=factories.ParticipationFactory,
    ),
    "documents": Endpoint(
        "documents",
        "members",
        "document",
        {"id", "event", "kind", "title", "file", "url", "visibility"},
        writable=True,
        create=lambda world: {
            "event": world["event"].pk,
            "kind": "agenda",
            "title": "Agenda",
            "url": "https://example.org/agenda.pdf",
        },
        update={"title": "Final agenda"},
        body="multipart",
        fresh=lambda: factories.DocumentFactory(visibility="public"),
    ),
    "themes": Endpoint("themes", "public", "theme", {"id", "name"}),
    "programmes": Endpoint("programmes", "public", "programme", {"id", "name", "acronym"}),
    "instruments": Endpoint("instruments", "public", "instrument", {"id", "code", "name", "short_name", "adopted_on"}),
    "treaty-status": Endpoint(
        "treaty-status",
        "public",
        "treaty_status",
        {
            "id",
            "country",
            "instrument",
            "instrument_code",
            "instrument_name",
            "instrument_short_name",
            "action",
            "is_party",
            "date",
            "reservations",
            "source_note",
            "source_link",
            "demo",
        },  # fmt: skip
    ),
    "bilateral-treaties": Endpoint(
        "bilateral-treaties",
        "public",
        "bilateral_treaty",
        {"id", "country_a", "country_b", "kind", "title", "signed_on", "in_force_on", "notes", "source_link", "demo"},
    ),
    "recommendations": Endpoint(
        "recommendations",
        "members",
        "recommendation",
        {"id", "event", "code", "text", "category", "pillar", "priority", "follow_up_count"},
    ),
    "follow-ups": Endpoint(
        "follow-ups",
        "members",
        "follow_up",
        {
            "id",
            "recommendation",
            "event",
            "country",
            "coordinator",
            "status",
            "due_date",
            "last_progress_on",
            "is_overdue",
            "notes",
        },  # fmt: skip
    ),
    "reminders": Endpoint(
        "reminders",
        "staff",
        "reminder",
        {
            "id",
            "follow_up",
            "recipient",
            "kind",
            "period_key",
            "status",
            "attempts",
            "last_error",
            "created_at",
            "sent_at",
        },
    ),
    "countries": Endpoint(
        "countries",
        "open",
        "country",
        {
            "code",
            "name",
            "contact_count",
            "events_attended",
            "events_hosted",
            "focal_point_counts",
            "follow_ups_by_status",
            "focal_points",
        },  # fmt: skip
    ),
}


def expected_status(endpoint: Endpoint, action: str, who: str) -> int:
    reading = action in ("list", "retrieve")
    if endpoint.access == "open":
        return 200 if reading else 405
    if reading and endpoint.access == "public":
        return 200
    if who == "anonymous":
        return 401
    if who != "staff" and (not reading or endpoint.access == "staff"):
        return 403
    if reading:
        return 200
    if not endpoint.writable:
        return 405
    return {"create": 201, "update": 200, "delete": 204}[action]


def detail_url(endpoint: Endpoint, world: dict, row=None) -> str:
    if endpoint.access == "open":
        return f"/api/v1/{endpoint.path}/EG/"
    return f"/api/v1/{endpoint.path}/{(row or world[endpoint.detail]).pk}/"


def call(client, endpoint: Endpoint, action: str, world: dict):
    base = f"/api/v1/{endpoint.path}/"
    if action == "list":
        return client.get(base)
    if action == "retrieve":
        return client.get(detail_url(endpoint, world))
    if action == "create":
        return client.post(base, endpoint.create(world), format=endpoint.body)
    if action == "update":
        return client.patch(detail_url(endpoint, world), endpoint.update, format=endpoint.body)
    fresh = endpoint.fresh() if endpoint.fresh else None
    return client.delete(detail_url(endpoint, world, fresh))


@pytest.mark.parametrize("who", CAST)
@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("name", ENDPOINTS)
def test_permission_matrix(request, as_user, world, name, action, who):
    endpoint = ENDPOINTS[name]
    user = None if who == "anonymous" else request.getfixturevalue(who)

    response = call(as_user(user), endpoint, action, world)

    assert response.status_code == expected_status(endpoint, action, who), response.content
    if response.status_code in (200, 201) and action != "list":
        expected = endpoint.fields | (endpoint.staff_fields if who == "staff" else set())
        assert set(response.json()) == expected


@pytest.mark.parametrize("who", CAST)
def test_event_participants_are_for_network_members_only(request, as_user, world, who):
    user = None if who == "anonymous" else request.getfixturevalue(who)
    response = as_user(user).get(f"/api/v1/events/{world['event'].pk}/participants/")
    if who == "anonymous":
        assert response.status_code == 401
        return
    assert response.status_code == 200
    names = {row["person_detail"]["name"] for row in response.json()["results"]}
    assert any("Networked" in name for name in names)
    assert any("Staffonly" in name for name in names) == (who == "staff")
