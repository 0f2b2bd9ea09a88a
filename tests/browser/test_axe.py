"""axe-core (pinned in tests/browser/axe/package-lock.json) checks every main page, for each role, in every language
of settings.LANGUAGES, on the demo data, and fails on any WCAG 2.1 A or AA violation, listing each rule and the nodes
it found. One browser context per role; the language is the cookie the switcher sets. Outside CI it skips without
npm; CI has it."""

import pytest
from django.conf import settings
from django.db.models import Count

from contacts.models import Person
from events.models import Event
from recommendations.models import FollowUp
from registry.demo_data import load_demo_data

from .accessibility import LANGUAGES, axe_violations, needs_npm, new_context, set_cookie

pytestmark = [pytest.mark.django_db(transaction=True), needs_npm]


@pytest.fixture
def demo(seeded) -> dict[str, str]:
    """The demo data, and a path of each kind of page on it."""
    load_demo_data()
    biggest = Event.objects.annotate(rows=Count("participations")).order_by("-rows").first()
    follow_up = FollowUp.objects.filter(country="EG").order_by("pk").first()
    person = Person.objects.filter(country="TN", visibility="network").order_by("pk").first()
    return {
        "event": f"/events/{biggest.pk}/",
        "admin_event": f"/admin/events/event/{biggest.pk}/change/",
        "admin_event_with_recommendations": f"/admin/events/event/{follow_up.recommendation.event_id}/change/",
        "follow_up": f"/follow-ups/{follow_up.pk}/",
        "recommendation": f"/recommendations/{follow_up.recommendation_id}/",
        "person": f"/people/{person.pk}/",
    }


def pages_of(role: str, demo: dict[str, str]) -> list[str]:
    return {
        "anonymous": ["/", "/events/", demo["event"], "/accounts/login/", "/accounts/password_reset/"],
        "member_ke": [
            "/directory/",
            "/directory/?q=mohamed",
            demo["person"],
            "/countries/",
            "/countries/?region=arab_league",
            "/countries/TN/",
            "/countries/EG/TN/",
            "/accounts/me/",
            "/accounts/me/tokens/",
            "/accounts/me/sessions/",
            "/accounts/password_change/",
            "/accounts/two-factor/",
        ],
        "coordinator_eg": ["/follow-ups/", demo["follow_up"], demo["recommendation"]],
        "staff": [
            "/admin/events/event/",
            demo["admin_event"],
            demo["admin_event_with_recommendations"],
            "/admin/events/event/add/",
        ],
    }[role]


def violations_on(page, path: str) -> list[str]:
    response = page.goto(path)
    assert response.ok, (path, response.status)
    assert page.url.endswith(path), f"{path} went to {page.url}"  # not sent to the login page
    page.wait_for_load_state("load")  # the admin's scripts have drawn their widgets
    return axe_violations(page)


@pytest.mark.parametrize("role", ["anonymous", "member_ke", "coordinator_eg", "staff"])
def test_every_main_page_has_no_wcag_21_aa_violation_in_any_language(role, request, chromium, live_server, demo):
    user = None if role == "anonymous" else request.getfixturevalue(role)
    context = new_context(chromium, live_server, user)
    page = context.new_page()
    found = []
    for language in LANGUAGES:
        set_cookie(context, live_server, settings.LANGUAGE_COOKIE_NAME, language)
        for path in pages_of(role, demo):
            found += [f"[{language}] {path}: {violation}" for violation in violations_on(page, path)]
    context.close()
    assert not found, "WCAG 2.1 A/AA violations:\n" + "\n".join(found)
