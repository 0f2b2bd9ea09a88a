"""Dates as each language writes them, one date format and one date-time format per language, on every page:
"10 July 2023" and "25 November 2026 10:19" in English, "10 juillet 2023" in French (no capital), "10 يوليو، 2023"
in Arabic, "10 de julho de 2023" in Portuguese (no capital either)."""

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import formats, translation

from recommendations.models import ProgressUpdate
from tests.factories import EventFactory, FollowUpFactory, ProgressUpdateFactory, RecommendationFactory

TEMPLATES = Path(settings.BASE_DIR) / "templates"

EVENT_DATES = {"en": "10 July 2023", "fr": "10 juillet 2023", "ar": "10 يوليو، 2023", "pt": "10 de julho de 2023"}
FOLLOW_UP_DATES = {  # the due date, then when the progress was recorded
    "en": ("31 March 2027", "25 November 2026 10:19"),
    "fr": ("31 mars 2027", "25 novembre 2026 10:19"),
    "ar": ("31 مارس، 2027", "25 نوفمبر، 2026 10:19"),
    "pt": ("31 de março de 2027", "25 de novembro de 2026 às 10:19"),  # Django's "Julho": lower case, ours
}


@pytest.mark.parametrize("language", ["en", "fr", "ar", "pt"])
def test_an_event_page_writes_its_date_as_the_language_does(client, db, language):
    event = EventFactory(title="Rabat roundtable", start_date=date(2023, 7, 10))
    page = client.get(reverse("events:detail", args=[event.pk]), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert EVENT_DATES[language] in page


def test_french_month_names_are_not_capitalised(client, db):
    event = EventFactory(title="Rabat roundtable", start_date=date(2023, 7, 10))
    page = client.get(reverse("events:detail", args=[event.pk]), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Juillet" not in page


@pytest.mark.parametrize("language", ["en", "fr", "ar", "pt"])
def test_a_follow_up_page_writes_dates_and_times_in_one_format_each(client, coordinator_eg, language):
    follow_up = FollowUpFactory(
        recommendation=RecommendationFactory(event=EventFactory(start_date=date(2023, 7, 10))),
        country="EG",
        due_date=date(2027, 3, 31),
    )
    update = ProgressUpdateFactory(follow_up=follow_up)
    ProgressUpdate.objects.filter(pk=update.pk).update(created_at=datetime(2026, 11, 25, 10, 19, tzinfo=UTC))
    client.force_login(coordinator_eg)
    url = reverse("recommendations:follow-up", args=[follow_up.pk])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    due, recorded = FOLLOW_UP_DATES[language]
    assert due in page and recorded in page
    if language == "en":
        assert not re.search(r"\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\.", page)  # Django's "Oct. 26, 2026"
        assert not re.search(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", page)


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_every_site_language_has_a_date_and_a_date_time_format_of_its_own(language):
    with translation.override(language):
        date_format = formats.get_format("DATE_FORMAT")
        datetime_format = formats.get_format("DATETIME_FORMAT")
    assert datetime_format.startswith(date_format)  # the date-time is the date, then the time
    assert datetime_format != settings.DATETIME_FORMAT  # not the American fallback ("N j, Y, P")
    assert "E" not in date_format  # Django's alternative month name, capitalised in French


def test_no_template_writes_a_date_pattern_of_its_own():
    """Templates name the language's formats (``|date:"DATE_FORMAT"``) rather than a pattern such as "j E Y"."""
    patterns = []
    for template in TEMPLATES.rglob("*.*"):
        for pattern in re.findall(r'\|date:"([^"]*)"', template.read_text(encoding="utf-8")):
            if not pattern.endswith("_FORMAT"):
                patterns.append(f"{template.relative_to(TEMPLATES)}: {pattern}")
    assert patterns == []
