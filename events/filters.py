"""Filters of events, shared by the API and the HTML pages. Invalid values make the FilterSet invalid (the API
answers 400 with the message), never a server error."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from drf_spectacular.utils import extend_schema_field

from contacts.models import Person
from core.filters import (
    BooleanFilter,
    CountryFilter,
    IdFilter,
    IdsFilter,
    codes_filter,
    country_filter,
    country_options,
    ordering_filter,
    visible_rows,
)

from .choices import (
    BilateralTreatyKind,
    DocumentKind,
    DocumentVisibility,
    EventKind,
    EventStatus,
    ParticipationRole,
    TreatyAction,
)
from .models import BilateralTreaty, Document, Event, Instrument, Participation, Pillar, Programme, Theme, TreatyStatus


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class EventFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("title or city contains"))
    kind = django_filters.MultipleChoiceFilter(choices=EventKind.choices, label=_("kind"))
    status = django_filters.ChoiceFilter(choices=EventStatus.choices, label=_("status"))
    date = django_filters.DateFromToRangeFilter(
        field_name="start_date",
        label=_("start date"),
        help_text=_("date_after and date_before, YYYY-MM-DD, both inclusive; events without a date are left out."),
    )
    year = YearFilter(field_name="start_date", lookup_expr="year", min_value=1900, max_value=2200, label=_("year"))
    host_country = country_filter("host_country")
    country = country_filter("countries__country")
    theme = IdsFilter(
        field_name="themes",
        queryset=Theme.objects.all(),
        label=_("theme"),
        help_text=_("The id of a theme, as /api/v1/themes/ lists them; repeat for any of several."),
    )
    programme = IdsFilter(
        field_name="programmes",
        queryset=Programme.objects.all(),
        label=_("programme"),
        help_text=_("The id of a programme, as /api/v1/programmes/ lists them; repeat for any of several."),
    )
    pillar = codes_filter(Pillar, "pillars", _("pillar"))
    ordering = ordering_filter("start_date", "title")

    class Meta:
        model = Event
        fields = ("q", "kind", "status", "date", "year", "host_country", "country", "theme", "programme", "pillar")

    def filter_q(self, queryset, name, value):
        return queryset.filter(title__icontains=value) | queryset.filter(city__icontains=value)


class ParticipationFilterSet(django_filters.FilterSet):
    event = IdFilter(queryset=visible_rows(Event), label=_("event"))
    person = IdFilter(queryset=visible_rows(Person), label=_("person"))
    role = django_filters.ChoiceFilter(choices=ParticipationRole.choices, label=_("role"))
    delegation_country = country_filter("delegation_country")

    class Meta:
        model = Participation
        fields = ("event", "person", "role", "delegation_country")


class DocumentFilterSet(django_filters.FilterSet):
    event = IdFilter(queryset=visible_rows(Event), label=_("event"))
    kind = django_filters.ChoiceFilter(choices=DocumentKind.choices, label=_("kind"))
    visibility = django_filters.ChoiceFilter(choices=DocumentVisibility.choices, label=_("visibility"))

    class Meta:
        model = Document
        fields = ("event", "kind", "visibility")


def demo_filter() -> BooleanFilter:
    return BooleanFilter(
        field_name="demo",
        label=_("demo record"),
        help_text=_("true: only the demo records; false: only the others."),
    )


class TreatyStatusFilterSet(django_filters.FilterSet):
    country = country_filter("country")
    instrument = IdsFilter(
        field_name="instrument",
        queryset=Instrument.objects.all(),
        label=_("legal instrument"),
        help_text=_("The id of a legal instrument, as /api/v1/instruments/ lists them; repeat for any of several."),
    )
    action = django_filters.MultipleChoiceFilter(
        choices=TreatyAction.choices,
        label=_("action"),
        help_text=_("How the country joined; repeat for any of several (“signature” means signed only, not a party)."),
    )
    demo = demo_filter()

    class Meta:
        model = TreatyStatus
        fields = ("country", "instrument", "action", "demo")


class CountryPairWidget(forms.TextInput):
    """``between=EG,MA``, or the parameter twice (``between=EG&between=MA``), as generated clients send a list."""

    def value_from_datadict(self, data, files, name):
        values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
        codes = [code for value in values if value for code in value.split(",")]
        return ",".join(codes) if codes else None


class CountryPairField(forms.CharField):
    widget = CountryPairWidget

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        codes = [code.strip().upper() for code in value.split(",")]
        if len(codes) != 2:
            raise ValidationError(_("Give two country codes, e.g. EG,MA."), code="not_a_pair")
        unknown = [code for code in codes if code not in countries]
        if unknown:
            raise ValidationError(
                _("Not country codes: %(codes)s."), code="unknown_country", params={"codes": ", ".join(unknown)}
            )
        if codes[0] == codes[1]:
            raise ValidationError(_("Give two different countries."), code="same_country")
        return tuple(codes)


@extend_schema_field(
    {
        "type": "array",
        "items": {"type": "string", "enum": sorted(countries.countries)},
        "minItems": 2,
        "maxItems": 2,
    }
)
class CountryPairFilter(django_filters.Filter):
    field_class = CountryPairField

    def filter(self, qs, value):
        return qs.between(*value) if value else qs


class BilateralTreatyFilterSet(django_filters.FilterSet):
    country = CountryFilter(
        method="filter_country",
        choices=country_options,
        label=_("country"),
        help_text=_("ISO 3166 code, e.g. TN: the treaties it is a party to; repeat for any of several."),
    )
    between = CountryPairFilter(
        label=_("between"),
        help_text=_("Two ISO 3166 codes, comma-separated (EG,MA) or the parameter twice: their treaties."),
    )
    kind = django_filters.MultipleChoiceFilter(
        choices=BilateralTreatyKind.choices, label=_("kind"), help_text=_("Repeat for any of several.")
    )
    demo = demo_filter()

    class Meta:
        model = BilateralTreaty
        fields = ("country", "between", "kind", "demo")

    def filter_country(self, queryset, name, value):
        return queryset.filter(Q(country_a__in=value) | Q(country_b__in=value)) if value else queryset
