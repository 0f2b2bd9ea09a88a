"""The briefing pack in a browser, on the demo data (the Sharm El Sheikh conference: Egypt hosts it, seventeen other
countries come): axe-core on the pack and on the event page with its pack links, for Egypt's coordinator and for
staff, in every language; and the pack at 320 px."""

import pytest
from django.conf import settings

from events.models import Event
from registry.demo_data import load_demo_data

from .accessibility import LANGUAGES, axe_violations, needs_npm, new_context, set_cookie

pytestmark = [pytest.mark.django_db(transaction=True), needs_npm]


@pytest.mark.parametrize("role", ["coordinator_eg", "staff"])
def test_the_briefing_pack_and_its_links_have_no_wcag_21_aa_violation(role, request, chromium, live_server, seeded):
    load_demo_data()
    event = Event.objects.get(city="Sharm El Sheikh")
    context = new_context(chromium, live_server, request.getfixturevalue(role))
    page = context.new_page()
    found = []
    for language in LANGUAGES:
        set_cookie(context, live_server, settings.LANGUAGE_COOKIE_NAME, language)
        for path in (f"/events/{event.pk}/briefing/EG/", f"/events/{event.pk}/"):
            response = page.goto(path)
            assert response.ok and page.url.endswith(path), (path, response.status, page.url)
            found += [f"[{language}] {path}: {violation}" for violation in axe_violations(page)]
    context.close()
    assert not found, "WCAG 2.1 A/AA violations:\n" + "\n".join(found)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_briefing_pack_reflows_at_320_px(language, seeded, chromium, live_server, request):
    """WCAG 1.4.10: its tables stack on a phone, so nothing scrolls sideways."""
    load_demo_data()
    path = f"/events/{Event.objects.get(city='Sharm El Sheikh').pk}/briefing/EG/"
    context = new_context(chromium, live_server, request.getfixturevalue("coordinator_eg"), language)
    page = context.new_page()
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(path)
    assert page.evaluate("document.documentElement.lang") == language
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()
