"""Filters of the directory, shared by the API and the HTML pages. Invalid values make the FilterSet invalid (the
API answers 400 with the message), never a server error. Country codes are ISO 3166 alpha-2, in capitals."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.countries import code_of, country_in_query, names_to_codes
from core.filters import BooleanFilter, IdFilter, codes_filter, country_filter, ordering_filter, visible_rows

from .choices import Mandate, OrganizationKind
from .cooperation import Viewer, unless_refused
from .models import Expertise, FocalPoint, Language, Organization, Person, Role


class OrganizationFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("name or acronym contains"))
    country = country_filter()
    kind = django_filters.ChoiceFilter(choices=OrganizationKind.choices, label=_("kind"))
    active = BooleanFilter(label=_("active"))
    parent = IdFilter(queryset=visible_rows(Organization), label=_("part of"))
    ordering = ordering_filter("name", "country")

    class Meta:
        model = Organization
        fields = ("q", "country", "kind", "active", "parent")

    def filter_q(self, queryset, name, value):
        return queryset.filter(name__icontains=value) | queryset.filter(acronym__icontains=value)


class PersonFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_q", label=_("name"), help_text=_("Any spelling: Mohamed finds Muhammad, Girgis finds جرجس.")
    )
    country = country_filter()
    role = codes_filter(Role, "roles", _("role"))
    expertise = codes_filter(Expertise, "expertise", _("expertise"))
    language = codes_filter(Language, "languages", _("working language"))
    organization = IdFilter(queryset=visible_rows(Organization), label=_("organisation"))
    mandate = django_filters.ChoiceFilter(
        choices=Mandate.choices, method="filter_mandate", label=_("holds a current designation for")
    )
    designated = BooleanFilter(method="filter_designated", label=_("holds a current focal-point designation"))
    speaks_my_language = BooleanFilter(
        method="filter_speaks_my_language",
        label=_("speaks a language I speak"),
        help_text=_(
            "Works in one of your own working languages (false: in none of them); never lists you. Refused when your "
            "account has no linked person or no recorded working language."
        ),
    )
    met_me = BooleanFilter(
        method="filter_met_me",
        label=_("attended an event with me"),
        help_text=_(
            "Attended an event you attended and may see (false: none of them); never lists you. Refused when your "
            "account has no linked person or no recorded event."
        ),
    )
    met_at = django_filters.TypedChoiceFilter(
        method="filter_met_at",  # whose ``value: int`` gives the schema's type
        coerce=int,
        choices=lambda: [],  # the reader's own events, per request (``__init__``)
        label=_("attended this event with me"),
        help_text=_("The id of an event you attended and may see; never lists you."),
    )
    active = BooleanFilter(label=_("active"))
    ordering = ordering_filter("family_name", "given_name", "country")

    class Meta:
        model = Person
        fields = (
            *("q", "country", "role", "expertise", "language", "organization", "mandate", "designated"),
            *("speaks_my_language", "met_me", "met_at", "active"),
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.viewer = Viewer(getattr(self.request, "user", None))
        per_request(self.filters["speaks_my_language"], validators=[unless_refused(self.viewer.languages_refusal)])
        per_request(self.filters["met_me"], validators=[unless_refused(self.viewer.events_refusal)])
        # Any id outside the reader's own visible events, a draft or one they missed, gets the message of an unknown
        # one: the filter reveals nothing of events the reader may not see.
        per_request(self.filters["met_at"], choices=lambda: self.viewer.events_attended)

    def filter_queryset(self, queryset):
        """The name search after the other filters and before the ordering: its matching then runs on the people the
        filters kept (the five Mohameds of a country rather than all 1,600), and an ``ordering`` asked for still
        replaces the ranking."""
        data = self.form.cleaned_data
        last = [name for name in ("q", "ordering") if name in data]
        for name in [*(name for name in data if name not in last), *last]:
            queryset = self.filters[name].filter(queryset, data[name])
        return queryset

    def filter_q(self, queryset, name, value):
        return queryset.search_forgiving(value)

    def filter_designated(self, queryset, name, value):
        holders = FocalPoint.objects.current().filter(person__isnull=False).values("person")
        return queryset.filter(pk__in=holders) if value else queryset.exclude(pk__in=holders)

    def filter_mandate(self, queryset, name, value):
        return queryset.filter(pk__in=FocalPoint.objects.current().filter(mandate=value).values("person"))

    def filter_speaks_my_language(self, queryset, name, value):
        speaks = self.viewer.speaks_a_language_of_mine()
        return self.viewer.others(queryset.filter(speaks) if value else queryset.exclude(speaks))

    def filter_met_me(self, queryset, name, value):
        met = self.viewer.attended_with_me()
        return self.viewer.others(queryset.filter(met) if value else queryset.exclude(met))

    def filter_met_at(self, queryset, name, value: int):
        return self.viewer.others(queryset.filter(self.viewer.attended_with_me([value])))


def per_request(filter_: django_filters.Filter, **extra) -> None:
    """Give this FilterSet's copy of ``filter_`` arguments of its field that depend on the request."""
    filter_.extra.update(extra)
    vars(filter_).pop("_field", None)  # a field built before the copy (the schema generator's) would not have them


class DirectoryFilterSet(PersonFilterSet):
    """The directory page's filters: those of the API, which stays strict (``country`` is a code of its enum, ``q``
    a name), and what people type into a page. The country filter takes a name or alias as well ("ivory coast",
    "KSA"), and a search box entry may name a country (``core.countries.country_in_query``): "ivory coast" alone is
    the people of Côte d'Ivoire (and anyone so named), "Mohamed Egypt" or "Egypt Mohamed" the name Mohamed in Egypt,
    on top of the other filters. When that finds nobody, the entry is searched as a name ("Jordan Smith" in Kenya)."""

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and data.getlist("country"):
            data = data.copy()
            lookup = names_to_codes()
            data.setlist("country", [code_of(value, lookup) or value for value in data.getlist("country")])
        super().__init__(data, *args, **kwargs)

    def filter_q(self, queryset, name, value):
        country, rest = country_in_query(value)
        if country is None:
            return super().filter_q(queryset, name, value)
        if not rest:  # a country alone, and whoever bears its name: Jordan, Maurice (Mauritius in French)
            named = super().filter_q(queryset, name, value).order_by().values("pk")
            return queryset.filter(Q(country=country) | Q(pk__in=named))
        found = queryset.filter(country=country).search_forgiving(rest)
        return found if found.exists() else super().filter_q(queryset, name, value)


class FocalPointFilterSet(django_filters.FilterSet):
    country = country_filter()
    mandate = django_filters.ChoiceFilter(choices=Mandate.choices, label=_("mandate"))
    current = BooleanFilter(method="filter_current", label=_("current designations only"))
    person = IdFilter(queryset=visible_rows(Person), label=_("person"))
    organization = IdFilter(queryset=visible_rows(Organization), label=_("organisation"))
    ordering = ordering_filter("country", "mandate", "valid_from")

    class Meta:
        model = FocalPoint
        fields = ("country", "mandate", "current", "person", "organization")

    def filter_current(self, queryset, name, value):
        current = FocalPoint.objects.current().values("pk")
        return queryset.filter(pk__in=current) if value else queryset.exclude(pk__in=current)
