"""In a real browser: staff sign in with a TOTP code and use the admin and the htmx search under the
Content-Security-Policy, which reports no violation."""

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from core.roles import IOM_STAFF, NETWORK_MEMBER
from tests.factories import EventFactory, PersonFactory, UserFactory
from tests.signin import PASSWORD, totp_code


@pytest.fixture
def officer(seeded):
    user = UserFactory(username="officer", groups=[IOM_STAFF], is_staff=True)
    TOTPDevice.objects.create(user=user, name="default", confirmed=True)
    return user


@pytest.fixture
def csp_violations(page):
    """Messages of the browser console about the Content-Security-Policy."""
    found = []
    page.on(
        "console", lambda message: found.append(message.text) if "Content Security Policy" in message.text else None
    )
    return found


def test_staff_sign_in_with_a_code_and_work_under_the_content_security_policy(page, officer, csp_violations):
    event = EventFactory(title="Regional symposium")
    PersonFactory(given_name="Muhammad", family_name="Trabelsi", country="TN")

    page.goto("/admin/")
    page.get_by_label("Username").fill("officer")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_label("Token")).to_be_visible()
    page.get_by_label("Token").fill(totp_code(officer.totpdevice_set.get()))
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("heading", name="Data entry")).to_be_visible()

    page.goto(f"/admin/events/event/{event.pk}/change/")  # the admin's own scripts: inlines, filters, calendars
    total_forms = page.locator("#id_organizations-TOTAL_FORMS")
    before = int(total_forms.input_value())
    page.locator("#organizations-group .add-row a").click()
    expect(total_forms).to_have_value(str(before + 1))  # the admin's inline script ran
    page.get_by_label("Paste a list of countries").fill("Maroc, KE")  # ours: the preview, and the select2 picker
    page.get_by_role("button", name="Add them to the selection").click()
    expect(page.locator(".field-participating_countries .select2-selection__choice")).to_have_count(2)

    page.goto("/directory/")
    page.get_by_label("Name").fill("mohamed")  # search as you type: htmx swaps the results in
    expect(page.locator("#results")).to_contain_text("Muhammad Trabelsi")
    assert csp_violations == []


def test_a_member_creates_a_token_on_a_phone_and_the_pages_fit_its_width(chromium, live_server, seeded):
    UserFactory(username="member", groups=[NETWORK_MEMBER])
    context = chromium.new_context(base_url=live_server.url, viewport={"width": 320, "height": 700})
    page = context.new_page()
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("member")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto("/accounts/me/tokens/")
    page.get_by_label("Name").fill("case-management tool")
    page.get_by_role("button", name="Create").click()
    expect(page.locator("#new-token")).to_have_text(re.compile(r"^[0-9a-f]{64}$"))
    for path in ("/accounts/me/tokens/", "/accounts/me/sessions/", "/accounts/me/", "/accounts/two-factor/"):
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
    context.close()
