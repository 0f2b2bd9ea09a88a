"""Every string is translated (fr, ar, pt), and the committed compiled catalogues match the sources."""

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse

LOCALE = Path(settings.BASE_DIR) / "locale"


@pytest.mark.parametrize("language", ["fr", "ar", "pt"])
def test_catalogue_is_complete_and_compiled(language):
    source = polib.pofile(LOCALE / language / "LC_MESSAGES" / "django.po")
    compiled = polib.mofile(LOCALE / language / "LC_MESSAGES" / "django.mo")
    assert source.untranslated_entries() == []
    assert source.fuzzy_entries() == []
    assert {entry.msgid: entry.msgstr for entry in source if not entry.msgid_plural} == {
        entry.msgid: entry.msgstr for entry in compiled if not entry.msgid_plural and entry.msgid
    }, "run `make messages` to compile the catalogue"


@pytest.mark.parametrize(
    ("language", "word"), [("fr", "Annuaire"), ("ar", "الدليل"), ("pt", "Diretório"), ("en", "Directory")]
)
def test_pages_speak_the_chosen_language(client, member_ke, language, word):
    client.force_login(member_ke)
    client.post(reverse("set_language"), {"language": language, "next": "/"})
    assert word in client.get(reverse("contacts:directory")).content.decode()
