"""WCAG 1.4.10, reflow: at 320 CSS px no page scrolls sideways, for each role on the pages it sees, in English and in
Arabic; and the tables stacked for phones label each cell with its column's header."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.browser.scenes import sign_in, tunisia_scene, use_language

pytestmark = pytest.mark.django_db(transaction=True)


def pages_for(role: str, scene) -> list[str]:
    public = ["/", "/events/", f"/events/{scene.event.pk}/"]
    member = public + [
        "/directory/?country=TN",
        f"/people/{scene.person.pk}/",
        "/countries/TN/",
        "/countries/EG/",
        "/countries/?region=arab_league",
        "/countries/EG/TN/",
        f"/recommendations/{scene.recommendation.pk}/",
        "/follow-ups/",
        "/accounts/me/",
        "/accounts/me/tokens/",
        "/accounts/me/sessions/",
        "/accounts/two-factor/",
        "/accounts/password_change/",
    ]
    return {
        "anonymous": public + ["/accounts/login/", "/accounts/password_reset/"],
        "member_ke": member,
        "coordinator_eg": member + [f"/follow-ups/{scene.follow_up_eg.pk}/"],
        "staff": member + [f"/follow-ups/{scene.follow_up_tn.pk}/", "/directory/reads/", "/staff/data-protection/"],
    }[role]


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
@pytest.mark.parametrize("role", ["anonymous", "member_ke", "coordinator_eg", "staff"])
def test_no_page_scrolls_sideways_at_320_px(page, request, role, language):
    user = None if role == "anonymous" else request.getfixturevalue(role)
    scene = tunisia_scene()
    page.set_viewport_size({"width": 320, "height": 800})
    sign_in(page, user)
    page.goto("/")
    use_language(page, language)
    wide = {}
    for path in pages_for(role, scene):
        page.goto(path)
        assert page.evaluate("document.documentElement.lang") == language, path
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            wide[path] = width
    assert wide == {}


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_tunisia_country_page_fits_a_375_px_phone(page, member_ke, language):
    tunisia_scene()
    page.set_viewport_size({"width": 375, "height": 800})
    sign_in(page, member_ke)
    use_language(page, language)
    page.goto("/countries/TN/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


@pytest.mark.parametrize(("language", "label"), [("en", "Last verified"), ("ar", "آخر تحقق")])
def test_a_stacked_table_cell_shows_its_column_header(page, member_ke, language, label):
    scene = tunisia_scene()  # never verified: the cell reads "never"
    page.set_viewport_size({"width": 320, "height": 800})
    sign_in(page, member_ke)
    use_language(page, language)
    page.goto("/directory/?country=TN")
    row = page.locator("table.results tbody tr", has_text=scene.person.family_name)
    expect(row).to_be_visible()
    cell = row.locator("td").last
    assert page.evaluate("document.querySelector('table.results thead').offsetParent") is None  # headers hidden
    shown = cell.evaluate("td => getComputedStyle(td, '::before').content")
    assert label in shown, shown
