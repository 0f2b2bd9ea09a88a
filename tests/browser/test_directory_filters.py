"""In the browser: the directory's language and designation filters read as names in the page's language, ticking
"Speaks a language I speak" narrows the list as it changes, and the navigation leads to the countries and from there
to a country's page."""

import re

import pytest
from playwright.sync_api import expect

from contacts.choices import Mandate
from contacts.models import Language
from tests.browser.test_directory import PASSWORD, log_in
from tests.factories import FocalPointFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def member(seeded):
    from core.roles import NETWORK_MEMBER

    user = UserFactory(username="amina", groups=[NETWORK_MEMBER])
    PersonFactory(user=user, given_name="Amina", family_name="Member", country="KE")
    assert user.check_password(PASSWORD)
    return user


@pytest.fixture
def speakers(seeded):
    tunisian = PersonFactory(given_name="Muhammad", family_name="Trabelsi", country="TN")
    tunisian.languages.add(*Language.objects.filter(code__in=["ar", "fr"]))
    FocalPointFactory(person=tunisian, country="TN", mandate=Mandate.MLA_CENTRAL_AUTHORITY)
    PersonFactory(given_name="Wanjiru", family_name="Kamau", country="KE").languages.add(
        *Language.objects.filter(code__in=["en", "sw"])
    )


def switch_to(page, language: str) -> None:
    page.get_by_label(re.compile("^(Language|Langue|اللغة|Idioma)$")).select_option(language)
    page.locator("form.language button[type=submit]").click()
    expect(page.locator("html")).to_have_attribute("lang", language)


def option_texts(page, select_id: str) -> list[str]:
    return page.locator(f"#{select_id} option").all_inner_texts()


def test_the_language_and_designation_filters_read_in_english_french_and_arabic(page, member, speakers):
    log_in(page, "amina")
    page.goto("/directory/")
    assert option_texts(page, "f-language")[1:] == ["Arabic (ar)", "English (en)", "French (fr)", "Swahili (sw)"]
    assert "MLA central authority" in option_texts(page, "f-mandate")

    switch_to(page, "fr")
    assert option_texts(page, "f-language")[1:] == ["Anglais (en)", "Arabe (ar)", "Français (fr)", "Swahili (sw)"]
    assert "MLA central authority" not in option_texts(page, "f-mandate")
    page.locator("#f-mandate").select_option(Mandate.MLA_CENTRAL_AUTHORITY)
    results = page.locator("#results")
    expect(results.get_by_role("link", name="Muhammad Trabelsi")).to_be_visible()
    expect(results.get_by_role("link", name="Wanjiru Kamau")).to_have_count(0)
    expect(results).to_contain_text("Arabe (ar), Français (fr)")

    switch_to(page, "ar")
    assert option_texts(page, "f-language")[1:] == [
        "الإنجليزية (en)",
        "السواحلية (sw)",
        "العربية (ar)",
        "الفرنسية (fr)",
    ]
    expect(page.locator("#results")).to_contain_text("العربية (ar)، الفرنسية (fr)")


def test_ticking_speaks_a_language_i_speak_narrows_the_list_as_it_changes(page, member, speakers):
    member.person.languages.add(*Language.objects.filter(code__in=["fr", "pt"]))
    log_in(page, "amina")
    page.goto("/directory/")
    results = page.locator("#results")
    expect(results.get_by_role("link", name="Wanjiru Kamau")).to_be_visible()
    page.get_by_label("Speaks a language I speak (French, Portuguese)").check()
    expect(results.get_by_role("link", name="Wanjiru Kamau")).to_have_count(0)
    expect(results.get_by_role("link", name="Muhammad Trabelsi")).to_be_visible()
    expect(results.get_by_role("link", name="Amina Member")).to_have_count(0)  # the reader is never listed
    expect(page).to_have_url(re.compile(r"speaks_my_language=true"))
    page.reload()  # the address holds the filter: the box is still ticked
    expect(page.get_by_label("Speaks a language I speak (French, Portuguese)")).to_be_checked()
    expect(page.locator("#results").get_by_role("link", name="Wanjiru Kamau")).to_have_count(0)


def test_the_navigation_leads_to_the_countries_and_a_country_page(page, member, speakers):
    log_in(page, "amina")
    page.get_by_role("navigation").get_by_role("link", name="Countries").click()
    expect(page.get_by_role("heading", name="Countries", level=1)).to_be_visible()
    assert page.locator("main table tbody th a").all_inner_texts() == ["Kenya", "Tunisia"]
    page.get_by_role("link", name="Tunisia").click()
    expect(page).to_have_url(re.compile(r"/countries/TN/$"))
    expect(page.get_by_role("heading", name="Tunisia", level=1)).to_be_visible()
