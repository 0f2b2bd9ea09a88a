"""Building blocks of the FilterSets of every app (``contacts/filters.py``, ``events/filters.py``, ...)."""

from collections.abc import Iterable
from functools import cache

import django_filters
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from drf_spectacular.utils import extend_schema_field

from core.text import is_whole_number

from .countries import country_choices

LARGEST_ID = 2**63 - 1


class CountryCodesField(django_filters.fields.MultipleChoiceField):
    """Checks each code by key, where a choice field reads all 249 translated names (8 ms a request)."""

    def valid_value(self, value) -> bool:
        return value in countries


def country_options(codes: Iterable[str] | None = None) -> list[tuple[str, str]]:
    """(code, name) of every country, or of ``codes``, by name in the active language (``core.countries``: Arabic
    by its letters, "Égypte" among the E's). In the list of every country the ``COUNTRIES_FIRST`` lead, as in
    django-countries' own selects, whose order of the rest goes by ASCII letters (of which Arabic names have none)."""
    if codes is not None:
        return country_choices(codes)
    return list(_every_country(translation.get_language()))


@cache
def _every_country(language: str | None) -> tuple[tuple[str, str], ...]:
    """Sorted once per language: 249 names to sort on every filter form cost more than the rest of the form."""
    first = [code for code in getattr(settings, "COUNTRIES_FIRST", []) if code in countries]
    named = dict(country_choices())
    return (
        *((code, named[code]) for code in first),
        *((code, name) for code, name in named.items() if code not in first),
    )


@extend_schema_field({"type": "string", "enum": sorted(countries.countries)})
class CountryFilter(django_filters.MultipleChoiceFilter):
    field_class = CountryCodesField


def country_filter(field_name: str = "country") -> CountryFilter:
    """ISO 3166 alpha-2 codes, in capitals; several values mean any of them. DISTINCT only through a relation: on a
    column of the row itself it would only slow the count and the page down."""
    return CountryFilter(
        field_name=field_name,
        distinct="__" in field_name,
        choices=country_options,  # listed when the form is shown, in the language of the request
        label=_("country"),
        help_text=_("ISO 3166 code, e.g. TN; repeat for several countries."),
    )


class OrderingWidget(django_filters.widgets.BaseCSVWidget, forms.Select):
    """The keys of ``ordering=a,b`` and of ``ordering=a&ordering=b`` alike, in order: generated clients repeat the
    parameter for a list, and django-filter alone would keep only the last."""

    def value_from_datadict(self, data, files, name):
        values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
        keys = [key for value in values if value for key in value.split(",")]
        return keys if keys else None


def ordering_filter(*fields: str) -> django_filters.OrderingFilter:
    """``ordering`` by these fields, ``-`` for descending; several keys, repeated or comma-separated."""
    return django_filters.OrderingFilter(fields=fields, label=_("order by"), widget=OrderingWidget)


def codes_filter(model, field_name: str, label: str) -> django_filters.ModelMultipleChoiceFilter:
    """Codes of a fixed list (roles, expertise, languages, pillars: ``model.code_choices()``, the schema's enum);
    several values mean any of them."""
    codes = django_filters.ModelMultipleChoiceFilter(
        field_name=field_name,
        to_field_name="code",
        queryset=model.objects.all(),
        label=label,
        help_text=_("A code of the fixed list; repeat for any of several."),
    )
    return extend_schema_field({"type": "string", "enum": [code for code, _label in model.code_choices()]})(codes)


class IdsField(forms.ModelMultipleChoiceField):
    """Refuses ids that are not whole numbers a database can hold, before they reach the query."""

    def _check_values(self, value):
        for pk in value:
            if not is_whole_number(pk) or not 0 < int(pk) <= LARGEST_ID:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return super()._check_values(value)


class IdField(forms.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values and (not is_whole_number(value) or not 0 < int(value) <= LARGEST_ID):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class StrictBooleanField(forms.NullBooleanField):
    """``true`` or ``false`` (or 1 / 0); anything else is an error rather than silently no filter at all."""

    widget = forms.TextInput  # Django's select widget turns unknown values into "no filter" before validation

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if str(value).lower() in ("true", "1"):
            return True
        if str(value).lower() in ("false", "0"):
            return False
        raise ValidationError(_("Use true or false."), code="invalid")

    def validate(self, value) -> None:
        pass


class BooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


def visible_rows(model):
    """An id filter's choices: the rows of ``model`` the request's user may see (``Model.objects.visible_to``).

    So a hidden id and an id that does not exist get the same answer (400), and ids cannot be probed. Without a
    request (the schema generator) there is nothing to choose from.
    """

    def rows(request):
        user = getattr(request, "user", None)
        return model.objects.visible_to(user) if user is not None else model.objects.none()

    return rows


class IdsFilter(django_filters.ModelMultipleChoiceFilter):
    """Records by id; several values mean any of them."""

    field_class = IdsField


class IdFilter(django_filters.ModelChoiceFilter):
    """One record by id."""

    field_class = IdField


def without_blanks(data: QueryDict) -> QueryDict:
    """The query minus its empty values: a form's "Any" options submit ``role=``, which means no filter at all."""
    cleaned = QueryDict(mutable=True)
    for key, values in data.lists():
        kept = [value for value in values if value.strip()]
        if kept:
            cleaned.setlist(key, kept)
    return cleaned
