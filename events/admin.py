"""Admin of events: the one page on which IOM staff enter an event with everything that belongs to it."""

from django.contrib import admin
from django.db.models import Count
from django.http import HttpRequest
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from contacts.exports import PEOPLE_HEADER, logged_download, person_row
from core.admin import QueryEfficientInlineMixin, SpreadsheetImportMixin, VisibleToUserMixin

from . import imports as participant_imports
from .models import Document, Event, EventCountry, EventOrganization, Instrument, Participation, Programme, Theme
from .services import clone_event


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
    model = EventOrganization
    autocomplete_fields = ("organization",)
    list_select_related = ("organization",)
    extra = 1


class EventCountryInline(admin.TabularInline):
    model = EventCountry
    extra = 1


class ParticipationInline(VisibleToUserMixin, QueryEfficientInlineMixin, admin.TabularInline):
    model = Participation
    fields = ("person", "role", "delegation_country", "attended")
    autocomplete_fields = ("person",)
    list_select_related = ("person",)
    extra = 1


class DocumentInline(VisibleToUserMixin, admin.TabularInline):
    model = Document
    fields = ("kind", "title", "file", "url", "visibility")
    extra = 0


@admin.register(Event)
class EventAdmin(SpreadsheetImportMixin, VisibleToUserMixin, SimpleHistoryAdmin):
    list_display = ("title", "kind", "dates", "city", "host_country", "status", "participants")
    list_filter = ("kind", YearFilter, "host_country", "programmes", "themes", "pillars", "status")
    search_fields = ("title", "city")
    autocomplete_fields = ("previous_event",)
    filter_horizontal = ("programmes", "themes", "pillars", "instruments", "sdg_goals", "gcm_objectives")
    save_as = True
    save_on_top = True
    actions = ("clone_for_next_edition", "export_participants_csv", "export_participants_xlsx")
    # recommendations/admin.py adds the recommendations adopted, and their import, to this page
    inlines = (EventOrganizationInline, EventCountryInline, ParticipationInline, DocumentInline)
    importers = {"participants": participant_imports}
    fieldsets = (
        (None, {"fields": ("title", "kind", "status", "previous_event")}),
        (_("When and where"), {"fields": (("start_date", "end_date"), "date_note", ("city", "host_country"))}),
        (_("Reported figures"), {"fields": ("reported_participant_count", "reported_country_count")}),
        (_("Content"), {"fields": ("summary", "programmes", "themes", "pillars", "instruments")}),
        (_("Global frameworks"), {"fields": ("sdg_goals", "gcm_objectives"), "classes": ("collapse",)}),
        (_("Sources"), {"fields": ("source_links", "source_note")}),
    )

    def get_queryset(self, request: HttpRequest):
        return super().get_queryset(request).with_counts()

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
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ("name", "acronym", "event_count")
    search_fields = ("name", "acronym")
    autocomplete_fields = ("donors",)

    def get_queryset(self, request: HttpRequest):
        return super().get_queryset(request).annotate(event_count=Count("events"))

    @admin.display(description=_("events"), ordering="event_count")
    def event_count(self, programme: Programme) -> int:
        return programme.event_count


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ("name",)
    search_fields = ("name",)


@admin.register(Instrument)
class InstrumentAdmin(admin.ModelAdmin):
    list_display = ("name", "short_name")
    search_fields = ("name", "short_name")
