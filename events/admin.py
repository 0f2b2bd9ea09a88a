"""Admin of events: the one page on which IOM staff enter an event with everything that belongs to it."""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from contacts.admin import PersonLabelMixin
from contacts.exports import PEOPLE_HEADER, logged_download, person_row
from contacts.models import Organization
from core.admin import QueryEfficientInlineMixin, SpreadsheetImportMixin, VisibleToUserMixin
from core.admin_filters import CountryListFilter
from core.countries import read_country_list
from core.filters import country_options
from core.translated_fields import in_every_language

from . import imports as participant_imports
from .choices import TreatyAction
from .forms import (
    CountriesByNameFormSet,
    EventAdminForm,
    EventCountryForm,
    EventOrganizationForm,
    OrganizationRolesFormSet,
    organization_label,
)
from .models import (
    BilateralTreaty,
    Document,
    Event,
    EventCountry,
    EventOrganization,
    Instrument,
    Participation,
    Programme,
    Theme,
    TreatyStatus,
)
from .overview import participants_overview
from .search import event_search_filter
from .services import add_new_terms, clone_event, set_countries


class YearFilter(admin.SimpleListFilter):
    title = _("year")
    parameter_name = "year"
    NOT_STATED = "none"

    def lookups(self, request, model_admin):
        years = Event.objects.visible_to(request.user).dates("start_date", "year", order="DESC")
        return [(str(year.year), str(year.year)) for year in years] + [(self.NOT_STATED, _("Year not stated"))]

    def queryset(self, request, queryset):
        if self.value() == self.NOT_STATED:
            return queryset.filter(start_date__isnull=True)
        if self.value():
            return queryset.filter(start_date__year=self.value())
        return queryset


class EventOrganizationInline(QueryEfficientInlineMixin, admin.TabularInline):
    """One row per organisation, with all its roles; a new organisation is typed in and created here."""

    model = EventOrganization
    form = EventOrganizationForm
    formset = OrganizationRolesFormSet
    fields = ("name", "roles", "new_kind", "new_country", "create")
    list_select_related = ("organization",)

    def get_extra(self, request: HttpRequest, obj=None, **kwargs) -> int:
        return 1 if obj else 6  # a new event: rows for the organisers and funders a press release names

    def get_queryset(self, request: HttpRequest):
        """The first row of each organisation at the event; the form shows the roles of all its rows."""
        earlier = EventOrganization.objects.filter(
            event=OuterRef("event"), organization=OuterRef("organization"), pk__lt=OuterRef("pk")
        )
        return super().get_queryset(request).exclude(Exists(earlier))


class EventCountryInline(admin.TabularInline):
    """The delegation size of each participating country; countries are added and removed in the form above."""

    model = EventCountry
    form = EventCountryForm
    formset = CountriesByNameFormSet
    fields = ("country", "delegation_size")
    readonly_fields = ("country",)
    extra = 0
    can_delete = False
    verbose_name_plural = _("delegation sizes")

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class DocumentInline(VisibleToUserMixin, admin.TabularInline):
    model = Document
    fields = ("kind", "title", "file", "url", "visibility")
    extra = 0


@admin.register(Event)
class EventAdmin(SpreadsheetImportMixin, VisibleToUserMixin, SimpleHistoryAdmin):
    form = EventAdminForm
    list_display = ("title", "kind", "dates", "city", "host_country", "status", "participants")
    list_filter = ("kind", YearFilter, ("host_country", CountryListFilter), "programmes", "themes", "pillars", "status")
    search_fields = ("title", "city", "date_note")
    autocomplete_fields = ("previous_event",)
    filter_horizontal = ("programmes", "themes", "pillars", "instruments", "sdg_goals", "gcm_objectives")
    readonly_fields = ("next_editions",)
    save_on_top = True
    actions = ("clone_for_next_edition", "export_participants_csv", "export_participants_xlsx")
    # recommendations/admin.py adds the recommendations adopted, and their import, to this page. Participants are
    # summarised (see change_view), not edited inline: a conference of 500 would make the page megabytes.
    inlines = (EventOrganizationInline, EventCountryInline, DocumentInline)
    importers = {"participants": participant_imports}
    fieldsets = (
        (None, {"fields": ("title", "kind", "status", "previous_event", "next_editions")}),
        (_("When and where"), {"fields": (("start_date", "end_date"), "date_note", ("city", "host_country"))}),
        (_("Participating countries"), {"fields": ("participating_countries", "add_regions", "paste_countries")}),
        (_("Reported figures"), {"fields": ("reported_participant_count", "reported_country_count")}),
        (
            _("Content"),
            {"fields": ("summary", "programmes", "new_programmes", "themes", "new_themes", "pillars", "instruments")},
        ),
        (_("Global frameworks"), {"fields": ("sdg_goals", "gcm_objectives"), "classes": ("collapse",)}),
        (_("Sources"), {"fields": ("source_links", "source_note")}),
    )

    def get_queryset(self, request: HttpRequest):
        return super().get_queryset(request).with_counts()

    def get_urls(self):
        wrap = self.admin_site.admin_view
        own = [
            path("read-countries/", wrap(self.read_countries_view), name="events_event_read_countries"),
            path("organisation-names/", wrap(self.organisation_names_view), name="events_event_organisation_names"),
            path("<path:object_id>/clone/", wrap(self.clone_view), name="events_event_clone"),
        ]
        return own + super().get_urls()

    def read_countries_view(self, request: HttpRequest) -> JsonResponse:
        """How a pasted list of countries reads, for the preview under the field."""
        if not self.has_change_permission(request) and not self.has_add_permission(request):
            raise PermissionDenied
        read = read_country_list(request.GET.get("text", "")[:5000])
        names = dict(countries)
        return JsonResponse(
            {
                "codes": read.codes,
                "names": [str(names[code]) for code in read.codes],
                "unknown": read.describe_unknown(),
            }
        )

    def get_search_results(self, request: HttpRequest, queryset, search_term: str):
        """Title, city and date note as Django searches them; and the organisers, countries, programmes and year
        the term names ("IOM", "Egypt", "ARMP", "2023", "March")."""
        found, duplicates = super().get_search_results(request, queryset, search_term)
        if not search_term.strip():
            return found, duplicates
        return (found | queryset.filter(event_search_filter(search_term))).distinct(), False

    def render_change_form(self, request: HttpRequest, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            context["participants"] = participants_overview(obj, request.user)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def changeform_view(self, request: HttpRequest, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and "_saveasnew" in request.POST and object_id:
            return self.clone_view(request, object_id)  # a copy of a whole event is always the clone
        return super().changeform_view(request, object_id, form_url, extra_context)

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        set_countries(form.instance, form.cleaned_data["country_codes"])
        added = add_new_terms(form.instance, form.cleaned_data["new_programmes"], form.cleaned_data["new_themes"])
        if added:
            self.message_user(request, _("Added to the lists: %(names)s.") % {"names": ", ".join(added)})

    @admin.display(description=_("next editions"))
    def next_editions(self, event: Event) -> str:
        following = event.next_events.all() if event.pk else []
        links = [
            format_html('<a href="{}">{}</a>', reverse("admin:events_event_change", args=[nxt.pk]), nxt)
            for nxt in following
        ]
        return format_html_join(", ", "{}", ((link,) for link in links)) or "-"

    def organisation_names_view(self, request: HttpRequest) -> JsonResponse:
        """The organisations whose name or acronym contains the term, as the organisation field writes them."""
        if not self.has_change_permission(request) and not self.has_add_permission(request):
            raise PermissionDenied
        term = request.GET.get("term", "").strip()[:100]
        if len(term) < 2:
            return JsonResponse({"names": []})
        found = Organization.objects.filter(Q(name__icontains=term) | Q(acronym__icontains=term)).order_by("name")
        return JsonResponse({"names": [organization_label(org) for org in found[:20]]})

    def clone_view(self, request: HttpRequest, object_id) -> HttpResponse:
        """POST only: a draft of the next edition, without participants or documents, opened for editing."""
        event = self.get_object(request, unquote(object_id))
        if event is None:
            raise Http404
        if request.method != "POST" or not self.has_add_permission(request):
            raise PermissionDenied
        copy = clone_event(event)
        self.log_addition(request, copy, _("Cloned from #%(pk)s") % {"pk": event.pk})
        self.message_user(request, _("This is a draft of the next edition of “%(title)s”.") % {"title": event.title})
        return redirect("admin:events_event_change", copy.pk)

    @admin.action(description=_("Clone for the next edition (without participants)"), permissions=["add"])
    def clone_for_next_edition(self, request: HttpRequest, queryset):
        copies = [clone_event(event) for event in queryset]
        self.message_user(request, _("%(count)s draft(s) created.") % {"count": len(copies)})
        if len(copies) == 1:
            return redirect("admin:events_event_change", copies[0].pk)
        return None

    @admin.action(description=_("Export the participants (CSV)"), permissions=["view"])
    def export_participants_csv(self, request: HttpRequest, queryset):
        return self.export_participants(request, queryset, "csv")

    @admin.action(description=_("Export the participants (XLSX)"), permissions=["view"])
    def export_participants_xlsx(self, request: HttpRequest, queryset):
        return self.export_participants(request, queryset, "xlsx")

    def export_participants(self, request: HttpRequest, queryset, file_format: str):
        participations = (
            Participation.objects.visible_to(request.user)
            .filter(event__in=queryset)
            .select_related("event", "person__organization")
            .prefetch_related("person__languages", "person__roles")
            .order_by("event__title", "person__family_name", "pk")
        )
        header = ["event", "role at the event", "delegation", *PEOPLE_HEADER]
        rows = (
            [p.event.title, p.get_role_display(), p.delegation_country.code, *person_row(p.person)]
            for p in participations
        )
        what = "participants of " + "; ".join(event.title[:60] for event in queryset)
        return logged_download(request.user, what, header, rows, "participants", file_format)

    @admin.display(description=_("dates"), ordering="start_date")
    def dates(self, event: Event) -> str:
        if not event.start_date:
            return event.date_note or "-"
        if event.end_date and event.end_date != event.start_date:
            return f"{event.start_date:%Y-%m-%d} – {event.end_date:%Y-%m-%d}"
        return f"{event.start_date:%Y-%m-%d}"

    @admin.display(description=_("participants recorded / reported"), ordering="recorded_participant_count")
    def participants(self, event: Event) -> str:
        reported = event.reported_participant_count
        return f"{event.recorded_participant_count} / {reported if reported is not None else '?'}"


@admin.register(Programme)
class ProgrammeAdmin(TranslationAdmin):
    list_display = ("name", "acronym", "event_count")
    search_fields = (*in_every_language("name"), "acronym")
    autocomplete_fields = ("donors",)

    def get_queryset(self, request: HttpRequest):
        return super().get_queryset(request).annotate(event_count=Count("events"))

    @admin.display(description=_("events"), ordering="event_count")
    def event_count(self, programme: Programme) -> int:
        return programme.event_count


@admin.register(Theme)
class ThemeAdmin(TranslationAdmin):
    list_display = ("name",)
    search_fields = in_every_language("name")


class TreatyStatusInline(QueryEfficientInlineMixin, admin.TabularInline):
    """One row per country: how it joined the instrument, when, with what reservations."""

    model = TreatyStatus
    fields = ("country", "action", "date", "reservations", "source_note", "source_link", "demo")
    extra = 3
    classes = ("collapse",)
    verbose_name_plural = _("status of each country")


@admin.register(Instrument)
class InstrumentAdmin(TranslationAdmin):
    list_display = ("name", "short_name", "code", "adopted_on", "party_count")
    search_fields = (*in_every_language("name", "short_name"), "code")
    inlines = (TreatyStatusInline,)

    def get_queryset(self, request: HttpRequest):
        parties = Count("statuses", filter=~Q(statuses__action=TreatyAction.SIGNATURE))
        return super().get_queryset(request).annotate(party_count=parties)

    @admin.display(description=_("parties"), ordering="party_count")
    def party_count(self, instrument: Instrument) -> int:
        return instrument.party_count


@admin.register(TreatyStatus)
class TreatyStatusAdmin(admin.ModelAdmin):
    """Treaty status country by country: the list edits action, date and the demo mark in place, for many
    countries at once; the instrument's page has a row per country too."""

    list_display = ("country", "instrument", "action", "date", "demo")
    list_display_links = ("country",)
    list_editable = ("action", "date", "demo")
    list_filter = (("country", CountryListFilter), "instrument", "action", "demo")
    list_select_related = ("instrument",)
    search_fields = ("=country", *in_every_language("instrument__name", "instrument__short_name"), "reservations")
    fields = ("country", "instrument", "action", "date", "reservations", "source_note", "source_link", "demo")
    list_per_page = 100


class TreatyCountryFilter(admin.SimpleListFilter):
    """Either of the two countries of a bilateral treaty, by name in the active language. One query."""

    title = _("country")
    parameter_name = "country"

    def lookups(self, request, model_admin):
        pairs = BilateralTreaty.objects.order_by().values_list("country_a", "country_b").distinct()
        return country_options({code for pair in pairs for code in pair} - {""})

    def queryset(self, request, queryset):
        return queryset.of_country(self.value()) if self.value() else queryset


@admin.register(BilateralTreaty)
class BilateralTreatyAdmin(admin.ModelAdmin):
    list_display = ("title", "country_a", "country_b", "kind", "signed_on", "in_force_on", "demo")
    list_filter = (TreatyCountryFilter, "kind", "demo")
    search_fields = ("title", "notes", "=country_a", "=country_b")
    fields = (("country_a", "country_b"), "kind", "title", ("signed_on", "in_force_on"), "notes", "source_link", "demo")


@admin.register(Participation)
class ParticipationAdmin(PersonLabelMixin, VisibleToUserMixin, SimpleHistoryAdmin):
    """The participants of events, one list for all of them; the event page links here filtered to its own."""

    list_display = ("person", "event", "role", "delegation_country", "attended")
    list_filter = ("role", "attended", ("delegation_country", CountryListFilter))
    list_select_related = ("person__organization", "event")
    search_fields = ("person__given_name", "person__family_name", "person__other_spellings", "event__title")
    autocomplete_fields = ("person", "event")
    list_per_page = 100

    def lookup_allowed(self, lookup: str, value, request=None) -> bool:
        return lookup == "event__id__exact" or super().lookup_allowed(lookup, value, request)
