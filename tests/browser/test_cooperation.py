"""A national coordinator of Egypt prepares to work with Morocco, in the browser, on the demo data: from the home
page to the countries index, Morocco's page, the pair's page (Egypt and Morocco), an event both attended, and the
briefing pack for Egypt, downloaded as a PDF. The README's screenshots are taken on the way (tests/browser/docs.py)."""

import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from contacts.models import Language
from registry.demo_data import load_demo_data
from tests.browser.docs import pdf_first_sheet, screenshot
from tests.browser.scenes import sign_in

pytestmark = pytest.mark.django_db(transaction=True)

RABAT = "Roundtable on Exchanging Experiences and Best Practices on Protection"


def test_a_coordinator_goes_from_the_home_page_to_a_country_pair_and_downloads_the_briefing_pack(
    page, coordinator_eg, tmp_path
):
    load_demo_data()
    page.set_viewport_size({"width": 1200, "height": 900})
    sign_in(page, coordinator_eg)
    page.goto("/")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Countries").click()
    page.get_by_label("Region").select_option(label="Arab League (22)")
    page.get_by_role("button", name="Show").click()
    expect(page).to_have_url(re.compile(r"/countries/\?q=&region=arab_league$"))
    expect(page.get_by_text("22 countries")).to_be_visible()
    screenshot(page, "countries", tmp_path)

    page.get_by_role("link", name="Morocco", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Morocco")
    picker = page.get_by_label("Work with Morocco from")
    expect(picker).to_have_value("EG")  # the coordinator's own country, offered first
    page.get_by_role("button", name="Open").click()

    expect(page).to_have_url(re.compile(r"/countries/EG/MA/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Egypt and Morocco")
    expect(page.get_by_role("heading", name="Whom to write to")).to_be_visible()
    expect(page.locator("#mandates").locator("..").locator("tbody tr")).to_have_count(6)
    screenshot(page, "country-pair", tmp_path)

    page.locator("section[aria-labelledby=events]").get_by_role("link", name=re.compile(RABAT)).click()
    page.get_by_role("link", name="Briefing pack for Egypt").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Egypt")
    screenshot(page, "briefing-pack", tmp_path)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download as PDF").click()
    download = download_info.value
    assert re.fullmatch(r"briefing-\d+-EG\.pdf", download.suggested_filename)
    pdf = Path(download.path()).read_bytes()
    assert pdf.startswith(b"%PDF")
    text = "\n".join(sheet.extract_text() for sheet in PdfReader(io.BytesIO(pdf)).pages)
    assert "Restricted" in text and "Egypt" in text and "Morocco" in text
    pdf_first_sheet(pdf, "briefing-pack-pdf", tmp_path)


def test_staff_print_a_country_directory_see_a_mandates_history_and_open_a_handover(page, staff, tmp_path):
    load_demo_data()
    page.set_viewport_size({"width": 1200, "height": 900})
    sign_in(page, staff)
    page.goto("/countries/EG/")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Printable directory (PDF)").click()
    download = download_info.value
    assert re.fullmatch(r"directory-EG-\d{4}-\d\d-\d\d\.pdf", download.suggested_filename)
    pdf = Path(download.path()).read_bytes()
    text = "\n".join(sheet.extract_text() for sheet in PdfReader(io.BytesIO(pdf)).pages)
    assert "Restricted" in text and "@example.org" in text  # the contact details of the holders
    pdf_first_sheet(pdf, "country-directory-pdf", tmp_path)

    page.get_by_role("link", name=re.compile(r"^History of the designations as")).first.click()
    expect(page).to_have_url(re.compile(r"/countries/EG/mandates/\w+/$"))
    screenshot(page, "mandate-history", tmp_path)

    page.goto("/admin/contacts/focalpoint/?country=EG")
    page.locator("#result_list tbody tr th a").first.click()
    page.get_by_role("link", name="Hand over to …").click()
    expect(page.get_by_role("button", name="Hand over")).to_be_visible()
    screenshot(page, "handover", tmp_path)


def test_a_member_finds_the_people_who_speak_their_language(page, member_ke, tmp_path):
    load_demo_data()
    member_ke.person.languages.set(Language.objects.filter(code__in=["en", "fr"]))
    page.set_viewport_size({"width": 1200, "height": 900})
    sign_in(page, member_ke)
    page.goto("/directory/")
    page.get_by_label("Speaks a language I speak (English, French)").check()
    expect(page).to_have_url(re.compile(r"speaks_my_language=true"))
    screenshot(page, "directory-filters", tmp_path)
