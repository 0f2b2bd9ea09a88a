"""What the directory's filters offer, as the reader sees it: language names in the page's language, every working
language of the people the reader may see, the mandates; and the language switcher beside them."""

import html
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from contacts.choices import Mandate
from contacts.models import Language
from tests.factories import FocalPointFactory, PersonFactory

DIRECTORY = reverse("contacts:directory")


@pytest.fixture
def member_client(client, member_ke):
    client.force_login(member_ke)
    return client


@pytest.fixture
def speakers(db):
    """People who between them work in Arabic, English, French, Swahili, Amharic and Portuguese."""
    for codes in (("ar", "fr"), ("en", "sw"), ("am",), ("pt",)):
        PersonFactory(country="ET").languages.add(*Language.objects.filter(code__in=codes))


def option_texts(page: str, select_id: str) -> list[str]:
    start = page.index(f'id="{select_id}"')
    select = page[start : page.index("</select>", start)]
    return [html.unescape(text) for text in re.findall(r"<option [^>]*>([^<]*)</option>", select)]


def directory(client, language: str, query: str = "") -> str:
    response = client.get(f"{DIRECTORY}?{query}", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


EXPECTED_LANGUAGES = {  # by name in the page's language, as its readers sort
    "en": ["Amharic (am)", "Arabic (ar)", "English (en)", "French (fr)", "Portuguese (pt)", "Swahili (sw)"],
    "fr": ["Amharique (am)", "Anglais (en)", "Arabe (ar)", "Français (fr)", "Portugais (pt)", "Swahili (sw)"],
    "ar": ["الأمهرية (am)", "الإنجليزية (en)", "البرتغالية (pt)", "السواحلية (sw)", "العربية (ar)", "الفرنسية (fr)"],
    "pt": ["Amárico (am)", "Árabe (ar)", "Francês (fr)", "Inglês (en)", "Português (pt)", "Suaíli (sw)"],
}


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_the_language_filter_names_every_working_language_in_the_page_language_by_name(
    member_client, speakers, language
):
    assert option_texts(directory(member_client, language), "f-language")[1:] == EXPECTED_LANGUAGES[language]


def test_the_language_filter_names_languages_in_every_site_language(member_client, speakers):
    for language, _name in settings.LANGUAGES:
        offered = option_texts(directory(member_client, language), "f-language")[1:]
        assert len(offered) == 6, language
        assert not any("{" in text or "bidi" in text for text in offered), language
        if language != "en":
            assert "Amharic (am)" not in offered, language
        if language in EXPECTED_LANGUAGES:
            assert offered == EXPECTED_LANGUAGES[language]


def test_the_language_switcher_still_lists_every_site_language_by_its_own_name(member_client, speakers):
    expected = [translation.get_language_info(code)["name_local"] for code, _name in settings.LANGUAGES]
    assert option_texts(directory(member_client, "fr"), "language-select") == expected


def test_the_language_chosen_shows_as_chosen_in_french(member_client, speakers):
    page = directory(member_client, "fr", "language=sw")
    assert '<option value="sw" selected>Swahili (sw)</option>' in page[page.index('id="f-language"') :]


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_the_mandate_filter_offers_every_mandate_in_the_page_language(member_client, db, language):
    with translation.override(language):
        expected = [str(label) for _value, label in Mandate.choices]
    assert option_texts(directory(member_client, language), "f-mandate")[1:] == expected
    if language == "en":
        assert expected[:3] == ["TIP national coordinator", "SOM focal point", "MLA central authority"]
    else:
        assert "MLA central authority" not in expected


def test_the_mandate_filter_finds_the_current_holders_of_a_mandate(member_client, db):
    holder = PersonFactory(family_name="Holder", country="EG")
    FocalPointFactory(person=holder, mandate=Mandate.MLA_CENTRAL_AUTHORITY)
    PersonFactory(family_name="Other", country="EG")
    FocalPointFactory(person=PersonFactory(family_name="Ended", country="EG"), valid_until="2020-01-01")
    response = member_client.get(f"{DIRECTORY}?mandate={Mandate.MLA_CENTRAL_AUTHORITY}")
    assert {person.family_name for person in response.context["page"].object_list} == {"Holder"}
    page = response.content.decode()
    start = page.index('id="f-mandate"')
    assert re.search(r'<option value="mla_central_authority" selected>MLA central authority</option>', page[start:])


def test_the_results_name_working_languages_in_the_page_language(member_client, speakers):
    assert "Arabe (ar), Français (fr)" in directory(member_client, "fr", "country=ET")
    assert "العربية (ar)، الفرنسية (fr)" in directory(member_client, "ar", "country=ET")
