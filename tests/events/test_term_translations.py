"""Themes, programmes and legal instruments that staff edit have a name in every site language, else the English one:
on the pages, in the API, in the filters' options and in the admin (django-modeltranslation, events/translation.py)."""

import importlib
import re

import pytest
from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from events.models import Instrument, Programme, Theme
from events.services import add_new_terms
from tests import factories

LANGUAGES = [code for code, _name in settings.LANGUAGES]
KNOWN_NAMES = {"en": "Digital evidence", "fr": "Preuves numériques", "ar": "الأدلة الرقمية", "pt": "Provas digitais"}
# A language added to LANGUAGES later gets a name of its own too, so that every test below still covers it.
NAMES = {code: KNOWN_NAMES.get(code, f"Digital evidence [{code}]") for code in LANGUAGES}
COPY_MIGRATION = "0005_copy_term_names_to_english"


@pytest.fixture(autouse=True)
def english_between_requests():
    """The test client leaves the last request's language active: the rows each test makes are made in English."""
    translation.activate("en")


@pytest.fixture
def api(db):
    return APIClient()


def theme_in_every_language() -> Theme:
    return factories.ThemeFactory(**{f"name_{code}": name for code, name in NAMES.items()})


def event_with(*themes: Theme):
    event = factories.EventFactory(title="Regional symposium on evidence")
    event.themes.add(*themes)
    return event


@pytest.mark.parametrize("language", LANGUAGES)
def test_event_page_shows_the_theme_in_the_page_language(client, db, language):
    event = event_with(theme_in_every_language())
    page = client.get(reverse("events:detail", args=[event.pk]), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert NAMES[language] in page
    assert [name for code, name in NAMES.items() if code != language and name in page] == []


def test_french_event_page_falls_back_to_the_english_name(client, db):
    event = event_with(factories.ThemeFactory(name_en="Cybercrime"))
    page = client.get(reverse("events:detail", args=[event.pk]), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Cybercrime" in page


@pytest.mark.parametrize("language", LANGUAGES)
def test_api_names_the_terms_in_the_accept_language(api, language):
    theme = theme_in_every_language()
    programme = factories.ProgrammeFactory(name_en="Better Migration Management", name_fr="Mieux gérer la migration")
    instrument = factories.InstrumentFactory(name_en="Palermo Protocol", name_fr="Protocole de Palerme")
    event = event_with(theme)
    event.instruments.add(instrument)
    french = language == "fr"

    detail = api.get(f"/api/v1/events/{event.pk}/", HTTP_ACCEPT_LANGUAGE=language).json()
    assert detail["themes"] == [NAMES[language]]
    assert detail["instruments"] == ["Protocole de Palerme" if french else "Palermo Protocol"]
    themes = api.get("/api/v1/themes/", HTTP_ACCEPT_LANGUAGE=language).json()["results"]
    assert themes == [{"id": theme.pk, "name": NAMES[language]}]
    programmes = api.get("/api/v1/programmes/", HTTP_ACCEPT_LANGUAGE=language).json()["results"]
    assert [row["name"] for row in programmes if row["id"] == programme.pk] == [
        "Mieux gérer la migration" if french else "Better Migration Management"
    ]


def test_api_falls_back_to_the_english_name(api, db):
    event = event_with(factories.ThemeFactory(name_en="Cybercrime"))
    assert api.get(f"/api/v1/events/{event.pk}/", HTTP_ACCEPT_LANGUAGE="ar").json()["themes"] == ["Cybercrime"]


def theme_options(client, language: str) -> list[str]:
    page = client.get(reverse("events:list"), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    select = re.search(r'<select[^>]*id="f-theme".*?</select>', page, re.S).group(0)
    return re.findall(r'<option value="\d+"[^>]*>([^<]+)</option>', select)


def test_theme_filter_options_are_french_names_in_french_order_with_english_among_them(client, db):
    """Sorted by the name shown: an untranslated theme sits by its English name among the French ones, not at an end."""
    factories.ThemeFactory(name_en="Victim protection", name_fr="Protection des victimes")
    factories.ThemeFactory(name_en="Digital evidence", name_fr="Preuves numériques")
    factories.ThemeFactory(name_en="Cybercrime")
    factories.ThemeFactory(name_en="Smuggling of migrants")
    assert theme_options(client, "fr") == [
        "Cybercrime",
        "Preuves numériques",
        "Protection des victimes",
        "Smuggling of migrants",
    ]
    assert theme_options(client, "en") == [
        "Cybercrime",
        "Digital evidence",
        "Smuggling of migrants",
        "Victim protection",
    ]


def test_admin_change_form_has_a_name_field_per_language(staff_client):
    theme = factories.ThemeFactory(name_en="Digital evidence")
    page = staff_client.get(reverse("admin:events_theme_change", args=[theme.pk])).content.decode()
    assert sorted(re.findall(r'<input[^>]* name="(name[^"]*)"', page)) == sorted(f"name_{code}" for code in LANGUAGES)
    programme = factories.ProgrammeFactory()
    page = staff_client.get(reverse("admin:events_programme_change", args=[programme.pk])).content.decode()
    for code in LANGUAGES:
        assert f'name="name_{code}"' in page
        assert f'name="description_{code}"' in page


def test_admin_requires_the_english_name_only(staff_client):
    add = reverse("admin:events_theme_add")
    response = staff_client.post(add, {"name_fr": "Preuves numériques"})
    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["name_en"]
    for name in ("Digital evidence", "Cybercrime"):  # the blank translations of both are no duplicates
        assert staff_client.post(add, {"name_en": name}).status_code == 302
    assert list(Theme.objects.rewrite(False).values_list("name", "name_fr").order_by("name")) == [
        ("Cybercrime", None),
        ("Digital evidence", None),
    ]


def test_staff_saving_in_french_keep_the_english_name_in_the_untranslated_column(staff_client):
    """The unique ``name`` column holds the English name whatever the admin's language."""
    fields = {f"name_{code}": name for code, name in NAMES.items()}
    response = staff_client.post(reverse("admin:events_theme_add"), fields, HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 302
    theme = Theme.objects.get()
    assert Theme.objects.rewrite(False).values_list("name", flat=True).get() == NAMES["en"]
    with translation.override("fr"):
        assert str(theme) == NAMES["fr"]


def test_new_themes_typed_on_a_french_event_form_become_english_names_and_match_any_language(db):
    existing = theme_in_every_language()
    event = factories.EventFactory()
    with translation.override("fr"):
        created = add_new_terms(event, [("Better Migration Management", "BMM")], [NAMES["fr"].lower(), "Human rights"])
    assert created == ["Better Migration Management", "Human rights"]
    new = Theme.objects.get(name_en="Human rights")
    assert (new.name_fr, Programme.objects.get().name_en) == (None, "Better Migration Management")
    assert set(event.themes.all()) == {existing, new}


def historical_apps():
    """The models as the copy migration sees them: plain columns, no modeltranslation."""
    return MigrationExecutor(connection).loader.project_state(("events", COPY_MIGRATION)).apps


def test_copy_migration_gives_existing_rows_their_english_names_and_back(db):
    migration = importlib.import_module(f"events.migrations.{COPY_MIGRATION}")
    Instrument.objects.all().delete()  # the instruments a later migration seeds (0007)
    factories.ThemeFactory(name="Digital evidence")
    factories.ProgrammeFactory(name="Regional Development and Protection Program", description="")
    factories.ProgrammeFactory(name="Africa Regional Migration Program", description="Funded by PRM.")
    untoc = "United Nations Convention against Transnational Organized Crime"
    factories.InstrumentFactory(name=untoc, short_name="")
    for model in (Theme, Programme, Instrument):  # as the rows were before the migration: no English columns
        model.objects.update(**{f"{field}_en": None for field in migration.TRANSLATED_FIELDS[model.__name__]})

    migration.copy_to_english(historical_apps(), None)

    assert Theme.objects.get().name_en == "Digital evidence"
    assert list(Programme.objects.order_by("name_en").values_list("name_en", "description_en")) == [
        ("Africa Regional Migration Program", "Funded by PRM."),
        ("Regional Development and Protection Program", None),
    ]
    instrument = Instrument.objects.get()
    assert (instrument.name_en, instrument.short_name_en) == (untoc, None)

    Theme.objects.update(name_en="Digital evidence and cybercrime")
    migration.copy_from_english(historical_apps(), None)
    assert Theme.objects.rewrite(False).values_list("name", flat=True).get() == "Digital evidence and cybercrime"
