"""Fields translated with django-modeltranslation (``<app>/translation.py``): sorting by the name the page shows."""

from django.db import models
from django.db.models import F, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.deconstruct import deconstructible
from modeltranslation.settings import AVAILABLE_LANGUAGES
from modeltranslation.utils import build_localized_fieldname, get_language, resolution_order


@deconstructible(path="core.translated_fields.InActiveLanguage")
class InActiveLanguage(models.Expression):
    """A translated field as the active language shows it: its own column, else its fallbacks' (English), else the
    untranslated column. Resolved when the query runs, so a ``Meta.ordering`` of it follows the request's language,
    where modeltranslation's rewrite of ``ordering = ["name"]`` to ``name_fr`` would sort every theme not yet in
    French together, at one end of the list."""

    def __init__(self, field_name: str) -> None:
        super().__init__(output_field=models.CharField())
        self.field_name = field_name

    def resolve_expression(self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False):
        columns = [
            NullIf(F(build_localized_fieldname(self.field_name, language)), Value(""))
            for language in resolution_order(get_language())
        ]
        return Coalesce(*columns, F(self.field_name)).resolve_expression(query, allow_joins, reuse, summarize, for_save)


def in_every_language(*field_names: str) -> tuple[str, ...]:
    """The columns of translated fields in every language (``name_en``, ``name_fr``, ...): what the admin searches, so
    that a name is found in whichever language it is typed, on a page in any language."""
    return tuple(build_localized_fieldname(name, language) for name in field_names for language in AVAILABLE_LANGUAGES)
