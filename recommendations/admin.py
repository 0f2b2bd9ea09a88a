"""Admin of recommendations, their follow-ups per country, and the reminders sent about them.

A follow-up's status is read-only here: it changes only through a progress update (``services.record_progress``),
so that its history stays complete.
"""

from django.contrib import admin, messages
from django.db.models import Count
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from contacts.admin import PersonLabelMixin
from core.admin import QueryEfficientInlineMixin, ReadOnlyInline, ReadOnlyMixin, VisibleToUserMixin
from core.admin_filters import CountryListFilter
from events import admin as events_admin
from events.models import Event

from . import delivery
from . import imports as recommendation_imports
from .models import FollowUp, ProgressUpdate, Recommendation, Reminder
from .recipients import recipient_of

FOLLOW_UP_READ_ONLY = ("status", "last_progress_on")


class RecommendationInline(QueryEfficientInlineMixin, admin.StackedInline):
    model = Recommendation
    fields = (("code", "category", "pillar", "priority"), "text")
    show_change_link = True  # follow-ups per country are entered on the recommendation's own page
    extra = 0


admin.site.unregister(Event)


@admin.register(Event)
class EventAdmin(events_admin.EventAdmin):
    """The event page, with the recommendations adopted at the event and their import (events sit below this app,
    so it is this app that adds them)."""

    inlines = (*events_admin.EventAdmin.inlines, RecommendationInline)
    importers = {**events_admin.EventAdmin.importers, "recommendations": recommendation_imports}


class FollowUpInline(PersonLabelMixin, VisibleToUserMixin, QueryEfficientInlineMixin, admin.TabularInline):
    model = FollowUp
    fields = ("country", "coordinator", "due_date", "status", "notes")
    readonly_fields = FOLLOW_UP_READ_ONLY
    autocomplete_fields = ("coordinator",)
    list_select_related = ("coordinator__organization",)
    show_change_link = True
    extra = 1


@admin.register(Recommendation)
class RecommendationAdmin(VisibleToUserMixin, SimpleHistoryAdmin):
    list_display = ("code", "short_text", "event", "category", "priority", "follow_up_count")
    list_filter = ("category", "priority", "pillar", "event__kind")
    list_select_related = ("event",)
    search_fields = ("code", "text", "event__title")
    autocomplete_fields = ("event",)
    inlines = (FollowUpInline,)

    def get_queryset(self, request: HttpRequest):
        return super().get_queryset(request).annotate(follow_up_count=Count("follow_ups"))

    @admin.display(description=_("text"))
    def short_text(self, recommendation: Recommendation) -> str:
        text = recommendation.text
        return text if len(text) <= 100 else f"{text[:99]}…"

    @admin.display(description=_("follow-ups"), ordering="follow_up_count")
    def follow_up_count(self, recommendation: Recommendation) -> int:
        return recommendation.follow_up_count


class ProgressUpdateInline(ReadOnlyInline):
    model = ProgressUpdate
    fields = ("created_at", "author", "status_before", "status_after", "note", "evidence_url", "evidence_file")
    readonly_fields = fields
    ordering = ("-created_at",)

    def get_queryset(self, request: HttpRequest):
        return super().get_queryset(request).select_related("author")


class OverdueFilter(admin.SimpleListFilter):
    title = _("deadline")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return (("yes", _("Overdue")),)

    def queryset(self, request, queryset):
        return queryset.overdue() if self.value() == "yes" else queryset


@admin.register(FollowUp)
class FollowUpAdmin(PersonLabelMixin, VisibleToUserMixin, SimpleHistoryAdmin):
    list_display = ("recommendation", "event", "country", "coordinator", "status", "due_date", "overdue")
    list_filter = ("status", OverdueFilter, ("country", CountryListFilter), "recommendation__category")
    list_select_related = ("recommendation__event", "coordinator")
    search_fields = (
        "recommendation__code",
        "recommendation__text",
        "coordinator__given_name",
        "coordinator__family_name",
    )
    autocomplete_fields = ("recommendation", "coordinator")
    readonly_fields = (*FOLLOW_UP_READ_ONLY, "reminders_go_to")
    inlines = (ProgressUpdateInline,)

    @admin.display(description=_("reminders go to"))
    def reminders_go_to(self, follow_up: FollowUp) -> str:
        """Who the next reminder goes to, and a warning when it is not the coordinator named here."""
        if follow_up.pk is None:
            return "-"
        recipient, problem = recipient_of(follow_up, timezone.localdate())
        if recipient is None:
            return format_html('<strong class="errornote">{}</strong>', _("Nobody: %(why)s.") % {"why": problem})
        reason = recipient.unreachable_because()
        if reason:
            return format_html('<strong class="errornote">{}: {}</strong>', recipient.name, reason)
        if follow_up.coordinator_id and follow_up.coordinator_id != recipient.pk:
            warning = _(
                "not to %(named)s, named here, who is inactive or holds no current designation for this country; "
                "reminders go to the country's TIP national coordinator."
            ) % {"named": follow_up.coordinator}
            return format_html('{} <strong class="errornote">{}</strong>', recipient.name, warning)
        return recipient.name

    @admin.display(description=_("event"), ordering="recommendation__event__title")
    def event(self, follow_up: FollowUp):
        return follow_up.recommendation.event

    @admin.display(boolean=True, description=_("overdue"))
    def overdue(self, follow_up: FollowUp) -> bool:
        return follow_up.is_overdue()


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyMixin, VisibleToUserMixin, admin.ModelAdmin):
    actions = ("resend",)
    list_display = ("created_at", "kind", "period_key", "follow_up", "recipient", "status", "attempts", "sent_at")
    list_filter = ("status", "kind")
    list_select_related = ("follow_up__recommendation", "recipient")
    search_fields = ("recipient__given_name", "recipient__family_name", "follow_up__recommendation__code")
    date_hierarchy = "created_at"

    @admin.action(description=_("Send the selected failed reminders again"), permissions=["view"])
    def resend(self, request: HttpRequest, queryset) -> None:
        """Only failed rows, and only to a coordinator who can receive them; each refusal says why."""
        queued, refused = delivery.resend_failed(queryset)
        self.message_user(request, _("%(count)s reminder(s) queued to be sent again.") % {"count": queued})
        for reason in refused:
            self.message_user(request, _("Not sent again: %(reason)s") % {"reason": reason}, messages.WARNING)
