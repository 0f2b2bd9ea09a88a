"""The canary crawl: hidden people leave no trace anywhere a non-staff user can reach.

Staff-only, unlisted and inactive people, their designations and participations, a draft event, an inactive
organisation, a hidden staff author and a country's unshared progress note and evidence all carry a canary string
(in names, e-mails, spellings, titles, notes) or a canary phone number. As an anonymous visitor, a network member
and a coordinator of another country, the crawl follows every link of the pages from the home page, and calls every
GET endpoint of the API schema: every list with each id filter given a hidden id, and every detail with the ids the
lists return and with the hidden ids. No answer may contain a canary, and every figure must equal the count of the
rows the same user can see.
"""

import re
from collections import Counter, deque
from html import unescape
from urllib.parse import urldefrag, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from contacts.models import Person
from recommendations.services import record_progress
from tests.factories import (
    EventCountryFactory,
    EventFactory,
    FocalPointFactory,
    FollowUpFactory,
    OrganizationFactory,
    ParticipationFactory,
    PersonFactory,
    RecommendationFactory,
    UserFactory,
)

CANARY = "zqxcanary"
CANARY_PHONE = "+21670999111"
CANARIES = (CANARY, CANARY.upper(), CANARY.capitalize(), "70999111", "70 999 111")
SKIPPED_PATHS = ("/admin/", "/static/", "/i18n/", "/accounts/logout/", "/api/v1/docs/")
MAX_PAGES = 600


def canary_person(index: int, **fields) -> Person:
    return PersonFactory(
        given_name=f"{CANARY.capitalize()}{index}",
        family_name=f"Hidden{CANARY}",
        other_spellings=f"{CANARY} spelling",
        job_title=f"{CANARY} prosecutor",
        email=f"{CANARY}{index}@example.org",
        phone=CANARY_PHONE,
        secure_channel_note=f"{CANARY} channel",
        **fields,
    )


@pytest.fixture
def world(db, settings, tmp_path, member_ke, coordinator_eg, coordinator_ma):
    """A registry with listed data and, beside it, every kind of hidden record, each marked with the canary."""
    settings.MEDIA_ROOT = settings.SENDFILE_ROOT = str(tmp_path)
    settings.CONTACT_READS_PER_DAY = settings.CONTACT_READS_PER_WEEK = 10_000
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "anon": None, "user": None},
    }
    event = EventFactory(title="Regional symposium on cooperation", host_country="EG")
    EventCountryFactory(event=event, country="EG")
    draft = EventFactory(title=f"Draft {CANARY} symposium", status="draft")
    hidden_org = OrganizationFactory(name=f"{CANARY} office", active=False, country="TN")
    hidden = [
        canary_person(1, visibility="staff", country="TN"),
        canary_person(2, visibility="unlisted", country="TN"),
        canary_person(3, active=False, country="TN"),
        canary_person(4, visibility="staff", country="EG", organization=hidden_org),
        canary_person(5, pending_reconfirmation=True, country="TN"),  # silent after a re-confirmation reminder
    ]
    for person in hidden:
        FocalPointFactory(person=person, country=person.country.code, notes=f"{CANARY} designation")
        ParticipationFactory(event=event, person=person)
    for country in ("TN", "EG"):
        listed = PersonFactory(country=country)
        FocalPointFactory(person=listed, country=country)
        ParticipationFactory(event=event, person=listed)
    recommendation = RecommendationFactory(event=event, text="Set up direct channels between prosecutors.")
    follow_up = FollowUpFactory(recommendation=recommendation, country="EG", coordinator=hidden[3])
    officer = UserFactory(username=f"{CANARY}-login", first_name=CANARY, is_staff=True, groups=["IOM staff"])
    hidden[3].user = officer
    hidden[3].save()
    record_progress(follow_up, officer, "in_progress", "Workshop held.")
    record_progress(follow_up, coordinator_eg, "partial", "Law drafted.")
    # Egypt's own working notes and evidence: for Egypt's coordinators and staff, not shared with the network
    record_progress(
        follow_up,
        coordinator_eg,
        "partial",
        f"{CANARY} internal note",
        evidence_url=f"https://example.org/{CANARY}",
        evidence_file=SimpleUploadedFile(f"{CANARY}.pdf", b"%PDF-1.4\n%%EOF\n"),
    )
    hidden_recommendation = RecommendationFactory(event=draft, text=f"{CANARY} recommendation")
    hidden_follow_up = FollowUpFactory(recommendation=hidden_recommendation, country="EG")
    return {
        "person": hidden[0].pk,
        "organization": hidden_org.pk,
        "parent": hidden_org.pk,
        "event": draft.pk,
        "recommendation": hidden_recommendation.pk,
        "follow_up": hidden_follow_up.pk,
    }


def assert_no_canary(url: str, body: str) -> None:
    if f"q={CANARY}" in url:  # a search for the canary shows the words searched for, and links that keep them
        body = re.sub(rf'value="{CANARY}"|q={CANARY}', "", body)
    found = [canary for canary in CANARIES if canary in body]
    assert not found, f"{url} shows {found}"


def links(html: str) -> set[str]:
    return {unescape(href) for href in re.findall(r'href="([^"]+)"', html)}


SEARCHES = [f"/directory/?q={CANARY}", f"/events/?q={CANARY}", f"/api/v1/people/?q={CANARY}"]


def crawl_pages(client: Client, hidden: dict[str, int]) -> set[str]:
    """Every page reachable from the home page, and searches for the canary and filters by hidden ids, each checked
    for the canary; returns the URLs visited."""
    start = ["/", *SEARCHES, f"/directory/?organization={hidden['organization']}", f"/events/?q={CANARY}"]
    queue, seen = deque(start), set(start)
    while queue and len(seen) < MAX_PAGES:
        url = queue.popleft()
        response = client.get(url)
        body = response.content.decode(errors="replace")
        assert_no_canary(url, body)
        if "text/html" not in response.get("Content-Type", ""):
            continue
        for link in links(body):
            link = urldefrag(link).url
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or not link.startswith("/") or link.startswith(SKIPPED_PATHS):
                continue
            if link not in seen:
                seen.add(link)
                queue.append(link)
    return seen


def api_get_paths(client: Client) -> list[tuple[str, list[str]]]:
    """The GET operations of the schema: path and query parameter names."""
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    return [
        (path, [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"])
        for path, methods in schema["paths"].items()
        for method, operation in methods.items()
        if method == "get"
    ]


def crawl_api(client: Client, hidden: dict[str, int]) -> int:
    """Every list (plain, and with each id filter given a hidden id) and every detail; returns the calls made."""
    calls, seen_ids = 0, {}
    operations = api_get_paths(client)
    for path, params in operations:
        if "{" in path:
            continue
        urls = [path] + [f"{path}?{name}={hidden[name]}" for name in params if name in hidden]
        for url in urls:
            response = client.get(url)
            calls += 1
            assert_no_canary(url, response.content.decode())
            if url == path and response.status_code == 200 and isinstance(response.json(), dict):
                seen_ids[path] = [row.get("id") for row in response.json().get("results", []) if "id" in row]
    for path, _params in operations:
        if "{" not in path:
            continue
        collection = path.split("{")[0]
        ids = [*seen_ids.get(collection, [])[:20], *hidden.values()]
        for value in ids:
            url = re.sub(r"\{[^}]+\}", str(value), path)
            if "{code}" in path:
                url = re.sub(r"\{[^}]+\}", "TN", path)
            response = client.get(url)
            calls += 1
            assert_no_canary(url, response.content.decode())
    return calls


def as_user(request, who: str | None) -> Client:
    client = Client()
    if who:
        client.force_login(request.getfixturevalue(who))
    return client


@pytest.mark.parametrize("who", [None, "member_ke", "coordinator_ma"])
def test_hidden_people_leave_no_trace_in_pages_or_api(request, world, who):
    client = as_user(request, who)
    pages = crawl_pages(client, world)
    calls = crawl_api(client, world)
    print(f"canary crawl as {who or 'anonymous'}: {len(pages)} pages, {calls} API calls")  # noqa: T201
    assert len(pages) > (20 if who else 5)
    assert calls > 40


@pytest.mark.parametrize("who", [None, "member_ke", "coordinator_ma"])
def test_every_figure_equals_the_rows_the_user_can_see(request, world, who):
    client = as_user(request, who)
    for code in ("TN", "EG"):
        summary = client.get(f"/api/v1/countries/{code}/").json()
        if who:
            people = client.get("/api/v1/people/", {"country": code, "active": "true"}).json()["count"]
            designations = client.get("/api/v1/focal-points/", {"country": code, "current": "true"}).json()
            by_mandate = Counter(row["mandate"] for row in designations["results"])
        else:  # anonymous visitors see no rows; their figures count the people listed for the network
            people = Person.objects.listed().filter(country=code).count()
            by_mandate = Counter(
                {
                    "mla_central_authority": Person.objects.listed()
                    .filter(country=code, designations__isnull=False)
                    .count()
                }
            )
        assert summary["contact_count"] == people
        assert summary["focal_point_counts"] == dict(by_mandate)
    for event in client.get("/api/v1/events/").json()["results"]:
        if who:
            participants = client.get(f"/api/v1/events/{event['id']}/participants/").json()["count"]
            assert event["recorded_participant_count"] == participants
        else:
            assert event["recorded_participant_count"] == 2  # the two listed people
