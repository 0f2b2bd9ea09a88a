"""Printing: the country, country pair, person, event and follow-up pages print their content, in every language,
right to left included, on as few sheets as it needs: no navigation, no buttons or forms, links followed by their
address. Chromium prints each page to PDF; pypdf reads its text back."""

import io
import unicodedata

import pytest
from django.utils import translation
from django.utils.translation import gettext
from pypdf import PdfReader

from tests.browser.scenes import LONG_EMAIL, sign_in, tunisia_scene, use_language

pytestmark = pytest.mark.django_db(transaction=True)

NAVIGATION = ("Skip to content", "Log out", "Cooperation registry", "Directory", "Account", "Change", "Language")


def printed(page, path: str) -> tuple[int, str]:
    """The page printed on A4, as the reader's browser would: its number of sheets and its text."""
    page.goto(path)
    page.emulate_media(media="print")
    # Nothing sticks out sideways: what does not fit the sheet's width is cut off in print, not scrolled to.
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth"), path
    reader = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    text = "\n".join(sheet.extract_text() for sheet in reader.pages)
    return len(reader.pages), unicodedata.normalize("NFKC", text)  # "ﬃ" is "ffi", Arabic's letter forms its letters


def without_breaks(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("language", ["en", "ar", "fr", "pt"])
def test_the_country_person_event_and_follow_up_pages_print_their_content_only(page, coordinator_eg, language):
    scene = tunisia_scene()
    sign_in(page, coordinator_eg)
    use_language(page, language)
    with translation.override(language):
        navigation = [gettext(words) for words in NAVIGATION]
        record_progress = gettext("Record progress")

    sheets, text = printed(page, f"/people/{scene.person.pk}/")
    assert 1 <= sheets <= 2
    assert "Ben Salah" in text and LONG_EMAIL in without_breaks(text)
    assert "+216 71 123 456" in text

    sheets, text = printed(page, f"/events/{scene.event.pk}/")
    assert 1 <= sheets <= 2
    assert without_breaks(scene.event.title) in without_breaks(text)
    assert "https://example.org/hurghada-final-report.pdf" in without_breaks(text)  # the link's address follows it

    sheets, text = printed(page, "/countries/TN/")
    assert 1 <= sheets <= 2
    assert "Ben Salah" in text

    sheets, text = printed(page, "/countries/EG/TN/")
    assert 1 <= sheets <= 3
    assert "Ben Salah" in text and "R53" in text  # the other side's holder, the recommendation both follow up

    sheets, text = printed(page, f"/follow-ups/{scene.follow_up_eg.pk}/")
    assert 1 <= sheets <= 2
    assert "R53" in text and "Draft bill sent to parliament" in text
    assert without_breaks(record_progress) not in without_breaks(text)  # the form, its heading and its button

    for words in navigation:
        assert without_breaks(words) not in without_breaks(text), words
