"""Filters of recommendations and follow-ups, shared by the API and the HTML pages. Invalid values make the
FilterSet invalid (the API answers 400 with the message), never a server error."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import BooleanFilter, IdFilter, country_filter, ordering_filter, visible_rows
from events.models import Event, Pillar

from .choices import Category, FollowUpStatus, Priority, ReminderKind, ReminderStatus
from .models import FollowUp, Recommendation, Reminder


class RecommendationFilterSet(django_filters.FilterSet):
    event = IdFilter(queryset=visible_rows(Event), label=_("event"))
    category = django_filters.ChoiceFilter(choices=Category.choices, label=_("category"))
    priority = django_filters.ChoiceFilter(choices=Priority.choices, label=_("priority"))
    pillar = django_filters.ModelChoiceFilter(queryset=Pillar.objects.all(), to_field_name="code", label=_("pillar"))
    ordering = ordering_filter("code", "priority")

    class Meta:
        model = Recommendation
        fields = ("event", "category", "priority", "pillar")


class FollowUpFilterSet(django_filters.FilterSet):
    country = country_filter()
    status = django_filters.MultipleChoiceFilter(choices=FollowUpStatus.choices, label=_("status"))
    due_before = django_filters.DateFilter(field_name="due_date", lookup_expr="lte", label=_("due on or before"))
    due_after = django_filters.DateFilter(field_name="due_date", lookup_expr="gte", label=_("due on or after"))
    overdue = BooleanFilter(method="filter_overdue", label=_("overdue"))
    recommendation = IdFilter(queryset=visible_rows(Recommendation), label=_("recommendation"))
    event = IdFilter(field_name="recommendation__event", queryset=visible_rows(Event), label=_("event"))
    ordering = ordering_filter("due_date", "country", "status")

    class Meta:
        model = FollowUp
        fields = ("country", "status", "due_before", "due_after", "overdue", "recommendation", "event")

    def filter_overdue(self, queryset, name, value):
        overdue = FollowUp.objects.overdue().values("pk")
        return queryset.filter(pk__in=overdue) if value else queryset.exclude(pk__in=overdue)


class ReminderFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=ReminderStatus.choices, label=_("status"))
    kind = django_filters.ChoiceFilter(choices=ReminderKind.choices, label=_("kind"))
    follow_up = IdFilter(queryset=visible_rows(FollowUp), label=_("follow-up"))

    class Meta:
        model = Reminder
        fields = ("status", "kind", "follow_up")
