"""Filters of events, shared by the API and the HTML pages. Invalid values make the FilterSet invalid (the API
answers 400 with the message), never a server error."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from contacts.models import Person
from core.filters import IdFilter, IdsFilter, codes_filter, country_filter, ordering_filter, visible_rows

from .choices import DocumentKind, DocumentVisibility, EventKind, EventStatus, ParticipationRole
from .models import Document, Event, Participation, Pillar, Programme, Theme


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
