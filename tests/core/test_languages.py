"""Language names in the reader's language (``core.languages``), for every site language and every working language."""

import pytest
from django.conf import settings
from django.utils import translation

from contacts.models import language_codes
from core import imports
from core.languages import language_name


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_every_working_language_has_a_name_in_every_site_language(language):
    names = {code: language_name(code, language) for code in language_codes()}
    assert all(name.endswith(f" ({code})") and name != code for code, name in names.items())
    if language != "en":  # the languages of the network are named in the reader's language, not in English
        english = {code: language_name(code, "en") for code in ("am", "sw", "ti", "ar")}
        assert all(names[code] != english[code] for code in ("am", "ti", "ar")), language


def test_names_follow_the_active_language_and_may_leave_the_code_out():
    with translation.override("fr"):
        assert language_name("ar") == "Arabe (ar)"
    with translation.override("ar"):
        assert language_name("sw", with_code=False) == "السواحلية"
        assert imports.language_name("am") == "الأمهرية"  # the spreadsheet import's preview
    assert language_name("pt", "pt") == "Português (pt)"
