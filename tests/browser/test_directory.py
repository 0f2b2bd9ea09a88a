"""A member finds a counterpart in the browser; Arabic pages run right to left; anonymous visitors are kept out."""

import re

import pytest
from playwright.sync_api import expect

from contacts.choices import Visibility
from contacts.models import Language
from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct horse battery staple"


@pytest.fixture
def member(seeded):
    from core.roles import NETWORK_MEMBER

    user = UserFactory(username="amina", groups=[NETWORK_MEMBER])
    PersonFactory(user=user, given_name="Amina", family_name="Member", country="KE")
    return user


@pytest.fixture
def counterparts(seeded):
    tunisian = PersonFactory(
        given_name="Muhammad", family_name="Trabelsi", country="TN", email="m.trabelsi@example.org"
    )
    tunisian.languages.add(Language.objects.get(code="fr"))
    PersonFactory(given_name="Mohamed", family_name="Abdel Fattah", country="EG")
    PersonFactory(given_name="Mohammed", family_name="Hidden", country="TN", visibility=Visibility.STAFF)
    return tunisian


def log_in(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def test_member_searches_filters_opens_and_downloads_a_card(page, member, counterparts):
    log_in(page, "amina")
    page.goto("/directory/")
    page.get_by_label("Name, in any spelling").fill("mohammed")
    results = page.locator("#results")
    expect(results.get_by_role("link", name="Muhammad Trabelsi")).to_be_visible()
    expect(results.get_by_role("link", name="Mohamed Abdel Fattah")).to_be_visible()
    expect(results).not_to_contain_text("Hidden")

    page.get_by_label("Country").select_option("TN")
    page.get_by_label("Working language").select_option("fr")
    expect(results.get_by_role("link", name="Mohamed Abdel Fattah")).to_have_count(0)
    expect(page).to_have_url(re.compile(r"country=TN.*language=fr|language=fr.*country=TN"))

    results.get_by_role("link", name="Muhammad Trabelsi").click()
    expect(page.get_by_role("heading", name="Muhammad Trabelsi")).to_be_visible()
    expect(page.get_by_text("m.trabelsi@example.org")).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the contact card (vCard)").click()
    download = download_info.value
    assert download.suggested_filename == "muhammad-trabelsi.vcf"
    with open(download.path(), encoding="utf-8") as card:
        assert "FN:Muhammad Trabelsi" in card.read()


def test_the_directory_in_arabic_runs_right_to_left(page, member, counterparts):
    log_in(page, "amina")
    page.goto("/directory/")
    page.get_by_label("Language", exact=True).select_option("ar")
    page.get_by_role("button", name="Change").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.get_by_role("heading", name="الدليل")).to_be_visible()


def test_anonymous_visitor_cannot_reach_a_person_page(page, counterparts):
    page.goto(f"/people/{counterparts.pk}/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/people/"))
    expect(page.get_by_text("m.trabelsi@example.org")).to_have_count(0)


def test_the_country_page_and_the_directory_fit_a_phone_in_english_and_arabic(page, member, counterparts):
    from tests.factories import FocalPointFactory

    designation = FocalPointFactory(person=counterparts, country="TN", mandate="tip_coordinator")
    designation.request_languages.add(*Language.objects.filter(code__in=["ar", "fr"]))
    page.set_viewport_size({"width": 320, "height": 800})
    log_in(page, "amina")
    for language in ("en", "ar"):
        page.goto("/countries/TN/")
        page.get_by_label("Language", exact=True).select_option(language)
        page.get_by_role("button", name=re.compile("Change|تغيير")).click()  # the switcher speaks the current language
        for path in ("/countries/TN/", "/directory/?country=TN"):
            page.goto(path)
            assert page.evaluate("document.documentElement.scrollWidth") <= 320, (language, path)
