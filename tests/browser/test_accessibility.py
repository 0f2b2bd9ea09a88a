"""What a screen reader user meets: search as you type announces only the count and leaves the history alone; after a
progress report, focus lands on the error summary or on the success message; the admin's inline fields and
autocomplete boxes have names."""

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import ngettext
from playwright.sync_api import expect

from tests.factories import (
    EventCountryFactory,
    EventFactory,
    EventOrganizationFactory,
    FollowUpFactory,
    OrganizationFactory,
    PersonFactory,
)

from .accessibility import LANGUAGES, axe_violations, needs_npm, new_context, set_cookie

pytestmark = [pytest.mark.django_db(transaction=True), needs_npm]

LIVE_REGION = "[aria-live], [role=status], [role=alert], [role=log]"


@pytest.fixture
def people(seeded):
    for given, family in (("Muhammad", "Trabelsi"), ("Mohamed", "Abdel Fattah"), ("Amina", "Otieno")):
        PersonFactory(given_name=given, family_name=family, country="TN")


def test_search_as_you_type_announces_the_count_and_replaces_the_url(seeded, chromium, live_server, member_ke, people):
    context = new_context(chromium, live_server, member_ke)
    page = context.new_page()
    page.goto("/directory/")
    status = page.get_by_role("status")
    expect(status).to_have_text("4 people found")  # the three, and member_ke
    history = page.evaluate("history.length")

    box = page.get_by_label("Name, in any spelling")
    for letter in "mohammed":
        with page.expect_response(lambda response: "/directory/?" in response.url):
            box.press(letter)  # one request per key: the search waits 300 ms after the last
    expect(status).to_have_text("2 people found")
    expect(page.locator("#results").get_by_role("link", name="Muhammad Trabelsi")).to_be_visible()
    assert "/directory/?q=mohammed&" in page.url
    assert page.evaluate("history.length") == history
    assert page.locator("#results").get_attribute("aria-live") is None
    assert page.evaluate(f"document.querySelector('#results table').closest('{LIVE_REGION}')") is None
    assert status.evaluate("status => status.closest('#results')") is None
    context.close()


def test_the_count_is_announced_in_every_language(seeded, chromium, live_server, member_ke, people):
    context = new_context(chromium, live_server, member_ke)
    page = context.new_page()
    for language in LANGUAGES:
        set_cookie(context, live_server, settings.LANGUAGE_COOKIE_NAME, language)
        page.goto("/directory/?q=amina")
        with translation.override(language):
            found = ngettext("%(counter)s person found", "%(counter)s people found", 1) % {"counter": 1}
        expect(page.get_by_role("status")).to_have_text(found)
    context.close()


@pytest.fixture
def follow_up(seeded):
    return FollowUpFactory(country="EG", recommendation__code="R7")


def test_after_a_progress_report_focus_moves_to_the_errors_then_to_the_success_message(
    seeded, chromium, live_server, coordinator_eg, follow_up
):
    context = new_context(chromium, live_server, coordinator_eg)
    page = context.new_page()
    page.goto(f"/follow-ups/{follow_up.pk}/")
    evidence = page.get_by_label("Evidence: a file")
    assert evidence.get_attribute("aria-describedby") == "id_evidence_file_helptext"
    expect(page.locator("#id_evidence_file_helptext")).to_have_text("PDF, image, office document or text.")

    page.get_by_label("New status").select_option("in_progress")
    evidence.set_input_files({"name": "payload.exe", "mimeType": "application/octet-stream", "buffer": b"MZ"})
    page.get_by_role("button", name="Record progress").click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("There is a problem")
    assert page.title().startswith("Error: 1 problem – R7, Egypt")
    summary.get_by_role("link").click()
    expect(page.get_by_label("Evidence: a file")).to_be_focused()
    assert axe_violations(page) == []

    page.get_by_label("What happened").fill("Decree adopted")
    page.get_by_role("button", name="Record progress").click()
    message = page.get_by_role("status")
    expect(message).to_be_focused()
    expect(message).to_have_text("Progress recorded.")
    assert not page.title().startswith("Error")
    assert axe_violations(page) == []
    context.close()


@pytest.fixture
def event(seeded):
    event = EventFactory(title="Rabat roundtable")
    EventCountryFactory(event=event, country="TN")
    EventOrganizationFactory(event=event, organization=OrganizationFactory(name="IOM Morocco", country="MA"))
    return event


def test_the_admins_inline_fields_and_autocomplete_boxes_have_names(seeded, chromium, live_server, staff, event):
    context = new_context(chromium, live_server, staff)
    page = context.new_page()
    page.goto(f"/admin/events/event/{event.pk}/change/")
    expect(page.get_by_role("spinbutton", name="Delegation size, Tunisia")).to_be_visible()
    organisation = page.get_by_role("combobox", name="Organisation, IOM Morocco (Organiser)")  # it has suggestions
    expect(organisation).to_have_value("IOM Morocco · Morocco")
    expect(page.get_by_role("combobox", name="Kind, if new, row 2")).to_be_visible()  # the empty row under it
    expect(page.get_by_role("checkbox", name="Delete, IOM Morocco (Organiser)")).to_be_visible()
    expect(page.get_by_role("combobox", name="Previous event in the series:")).to_be_visible()  # select2's, empty

    page.get_by_role("button", name="Add another Organisation at the event").click()
    added = page.get_by_role("combobox", name="Organisation, new row")
    expect(added).to_have_attribute("id", "id_organizations-2-name")  # inlines.js renumbered the label's "for"

    page.get_by_role("combobox", name="Previous event in the series:").click()
    expect(page.get_by_role("searchbox", name="Previous event in the series")).to_be_focused()  # its dropdown's
    assert axe_violations(page) == []
    context.close()


def test_the_follow_up_page_after_a_submit_has_no_violation_in_any_language(
    seeded, chromium, live_server, coordinator_eg, follow_up
):
    context = new_context(chromium, live_server, coordinator_eg)
    page = context.new_page()
    submit = page.locator("form.stacked button[type=submit]")
    found = []
    for language in LANGUAGES:
        set_cookie(context, live_server, settings.LANGUAGE_COOKIE_NAME, language)
        page.goto(f"/follow-ups/{follow_up.pk}/")
        page.locator("#id_evidence_url").fill("https://example.org/decree")
        page.locator("#id_evidence_file").set_input_files({"name": "x.exe", "mimeType": "text/plain", "buffer": b"MZ"})
        submit.click()
        expect(page.locator("#error-summary")).to_be_focused()
        found += [f"[{language}] errors: {violation}" for violation in axe_violations(page)]
        submit.click()  # the link is still there, the file is not
        expect(page.locator("#messages")).to_be_focused()
        found += [f"[{language}] recorded: {violation}" for violation in axe_violations(page)]
    context.close()
    assert not found, "\n".join(found)
