"""The names of the terms staff edit, in every language of ``settings.LANGUAGES`` (django-modeltranslation adds a
``name_<language>`` column per language, and ``name`` reads the active language's, else English)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Instrument, Programme, Theme


class TermTranslationOptions(TranslationOptions):
    required_languages = ("en",)
    # Blank translations are stored as NULL, not "": the unique names (name_fr, ...) then allow many of them.
    empty_values = None


@register(Theme)
class ThemeTranslationOptions(TermTranslationOptions):
    fields = ("name",)


@register(Programme)
class ProgrammeTranslationOptions(TermTranslationOptions):
    fields = ("name", "description")


@register(Instrument)
class InstrumentTranslationOptions(TermTranslationOptions):
    fields = ("name", "short_name")
