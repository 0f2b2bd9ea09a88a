"""Admin of the directory: organisations, people, focal-point designations and the look-up log."""

from django.contrib import admin, messages
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.forms import ModelChoiceField
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core.admin import ReadOnlyMixin, VisibleToUserMixin
from core.admin_filters import CountryListFilter

from . import reconfirmation
from .choices import CorrectionStatus
from .duplicates import possible_duplicates
from .exports import export_people
from .models import (
    Correction,
    ErasureRequest,
    ExportLog,
    FocalPoint,
    LookupLog,
    Organization,
    Person,
    Reconfirmation,
)
from .services import log_login_changes


@admin.register(Organization)
class OrganizationAdmin(VisibleToUserMixin, SimpleHistoryAdmin):
    list_display = ("name", "acronym", "kind", "country", "parent", "active")
    list_filter = ("kind", ("country", CountryListFilter), "active")
    list_select_related = ("parent",)
    search_fields = ("name", "acronym")
    autocomplete_fields = ("parent",)


class PossibleDuplicateFilter(admin.SimpleListFilter):
    title = _("possible duplicates")
    parameter_name = "duplicates"

    def lookups(self, request, model_admin):
        return (("yes", _("Same name and country, or same e-mail")),)

    def queryset(self, request, queryset):
        if self.value() != "yes":
            return queryset
        return queryset.filter(pk__in=[person.pk for group in possible_duplicates() for person in group])


def person_label(person: Person) -> str:
    """How staff tell namesakes apart when they pick a person: "Dr. Layla Mansour · Egypt · Public Prosecution ·
    @example.org" (the country in the active language). Load ``organization`` with the person."""
    parts = [
        str(person),
        str(person.country.name) if person.country else "",
        person.organization.name if person.organization_id else "",
        "@" + person.email.rpartition("@")[2] if "@" in person.email else "",
    ]
    return " · ".join(part for part in parts if part)


class PersonAutocompleteJsonView(AutocompleteJsonView):
    """The people an autocomplete finds (those ``visible_to`` the user, as the person admin lists them), labelled
    with ``person_label``; one query for the page of results, whatever its size."""

    def get_queryset(self):
        return super().get_queryset().select_related("organization")

    def serialize_result(self, obj: Person, to_field_name: str) -> dict[str, str]:
        return {"id": str(getattr(obj, to_field_name)), "text": person_label(obj)}


class PersonChoiceField(ModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return person_label(obj)


class PersonLabelMixin:
    """For admins with an autocomplete of people: the selected person is labelled as the search results are.

    Inlines that take the selected object from their row (``QueryEfficientInlineMixin``) list the person's
    ``organization`` in ``list_select_related`` too, so the label costs no query per row.
    """

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        if db_field.related_model is not Person:
            return super().formfield_for_foreignkey(db_field, request, **kwargs)
        field = super().formfield_for_foreignkey(db_field, request, form_class=PersonChoiceField, **kwargs)
        field.queryset = field.queryset.select_related("organization")
        return field


@admin.register(Person)
class PersonAdmin(VisibleToUserMixin, SimpleHistoryAdmin):
    list_display = ("__str__", "job_title", "organization", "country", "visibility", "active", "last_verified_on")
    list_filter = (
        PossibleDuplicateFilter,
        ("country", CountryListFilter),
        "visibility",
        "pending_reconfirmation",
        "roles",
        "expertise",
        "active",
        "legal_basis",
    )
    # registry/admin.py adds "merge" and "erase", which touch rows of every app
    actions = ("ask_to_reconfirm", "withdraw_consent", "export_csv", "export_xlsx")
    list_select_related = ("organization",)
    search_fields = ("email", "job_title", "organization__name", "organization__acronym")
    autocomplete_fields = ("organization",)
    filter_horizontal = ("roles", "expertise", "languages")
    fieldsets = (
        (None, {"fields": ("honorific", "given_name", "family_name", "other_spellings")}),
        (_("Work"), {"fields": ("job_title", "organization", "country", "roles", "expertise", "languages")}),
        (_("Contact"), {"fields": ("email", "phone", "secure_channel_note", "preferred_language")}),
        (
            _("Directory and data protection"),
            {
                "fields": (
                    "visibility",
                    "legal_basis",
                    "consent_recorded_on",
                    "consent_note",
                    "last_verified_on",
                    "pending_reconfirmation",
                    "active",
                    "user",
                )
            },
        ),
    )

    def get_readonly_fields(self, request: HttpRequest, obj=None):
        # Linking a login, and the country of a linked person, decide whose follow-ups a coordinator edits:
        # superusers only (see README, "Roles").
        if request.user.is_superuser:
            return ()
        return ("user", "country") if obj is not None and obj.country_is_fixed_for(request.user) else ("user",)

    def revert_disabled(self, request: HttpRequest, obj=None) -> bool:
        # An older version may carry another login link or country: reverting people is for superusers only.
        return not request.user.is_superuser

    def autocomplete_view(self, request: HttpRequest) -> HttpResponse:
        """Every autocomplete of people in the admin (``core.autocomplete`` routes them here)."""
        return PersonAutocompleteJsonView.as_view(admin_site=self.admin_site)(request)

    def history_form_view(self, request: HttpRequest, object_id, version_id, extra_context=None):
        if request.method == "POST" and self.revert_disabled(request):
            raise PermissionDenied  # simple-history only hides the button; the form would still save
        return super().history_form_view(request, object_id, version_id, extra_context)

    def save_model(self, request: HttpRequest, obj: Person, form, change: bool) -> None:
        old = Person.objects.filter(pk=obj.pk).values("country", "user_id").first() if change else None
        super().save_model(request, obj, form, change)
        old = old or {"country": "", "user_id": None}
        log_login_changes(
            obj, old_country=old["country"], old_user_id=old["user_id"], actor=request.user, request=request
        )

    @admin.action(description=_("Send a re-confirmation request now"), permissions=["change"])
    def ask_to_reconfirm(self, request: HttpRequest, queryset) -> None:
        period = f"staff-{timezone.now():%Y%m%d%H%M%S}"
        sent = [person for person in queryset if reconfirmation.ask(person, period)]
        skipped = queryset.count() - len(sent)
        self.message_user(
            request,
            _("Re-confirmation requests sent: %(sent)s; without an e-mail address: %(skipped)s.")
            % {"sent": len(sent), "skipped": skipped},
        )

    @admin.action(description=_("Record that they withdrew their consent"), permissions=["change"])
    def withdraw_consent(self, request: HttpRequest, queryset) -> None:
        """Hides each at once and files an erasure request; only people whose basis is consent."""
        withdrawn = [reconfirmation.withdraw_consent(person) for person in queryset.filter(legal_basis="consent")]
        self.message_user(
            request,
            _("Consent withdrawn for %(count)s person(s): hidden from members, erasure requested.")
            % {"count": len(withdrawn)},
        )

    @admin.action(description=_("Export the selected people (CSV)"), permissions=["view"])
    def export_csv(self, request: HttpRequest, queryset):
        return self.export(request, queryset, "csv")

    @admin.action(description=_("Export the selected people (XLSX)"), permissions=["view"])
    def export_xlsx(self, request: HttpRequest, queryset):
        return self.export(request, queryset, "xlsx")

    def export(self, request: HttpRequest, queryset, file_format: str):
        """With the country filter, this is the directory of a country."""
        what = f"people ({request.GET.urlencode() or 'no filter'})"
        return export_people(request.user, queryset.order_by("pk"), what, "people", file_format)

    def get_search_results(self, request: HttpRequest, queryset, search_term: str):
        """Match names in any spelling (``PersonQuerySet.search``) as well as e-mail, title and organisation."""
        by_fields, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if not search_term.strip():
            return by_fields, may_have_duplicates
        by_name = queryset.search(search_term).values("pk")
        return queryset.filter(Q(pk__in=by_fields.values("pk")) | Q(pk__in=by_name)), False


class CurrentDesignationFilter(admin.SimpleListFilter):
    title = _("validity")
    parameter_name = "current"

    def lookups(self, request, model_admin):
        return (("yes", _("Current")), ("no", _("Ended or not yet started")))

    def queryset(self, request, queryset):
        current = FocalPoint.objects.current().values("pk")
        if self.value() == "yes":
            return queryset.filter(pk__in=current)
        if self.value() == "no":
            return queryset.exclude(pk__in=current)
        return queryset


@admin.register(FocalPoint)
class FocalPointAdmin(PersonLabelMixin, VisibleToUserMixin, SimpleHistoryAdmin):
    list_display = ("country", "mandate", "person", "organization", "valid_from", "valid_until", "is_current")
    list_filter = (CurrentDesignationFilter, "mandate", ("country", CountryListFilter))
    list_select_related = ("person", "organization")
    search_fields = ("person__given_name", "person__family_name", "organization__name", "organization__acronym")
    autocomplete_fields = ("person", "organization")
    filter_horizontal = ("request_languages", "channels")

    @admin.display(boolean=True, description=_("current"))
    def is_current(self, focal_point: FocalPoint) -> bool:
        return focal_point.is_current()


@admin.register(ExportLog)
class ExportLogAdmin(ReadOnlyMixin, VisibleToUserMixin, admin.ModelAdmin):
    list_display = ("at", "user", "what", "file_format", "row_count")
    list_filter = ("file_format",)
    list_select_related = ("user",)
    search_fields = ("user__username", "what")
    date_hierarchy = "at"


@admin.register(LookupLog)
class LookupLogAdmin(ReadOnlyMixin, VisibleToUserMixin, admin.ModelAdmin):
    list_display = ("at", "viewer", "action", "token_name", "person")
    list_filter = ("action",)
    list_select_related = ("viewer", "person")
    search_fields = ("viewer__username", "person__given_name", "person__family_name")
    date_hierarchy = "at"


@admin.register(Reconfirmation)
class ReconfirmationAdmin(ReadOnlyMixin, VisibleToUserMixin, admin.ModelAdmin):
    list_display = ("person", "period", "created_at", "answered_at", "answer")
    list_filter = ("answer",)
    list_select_related = ("person",)
    search_fields = ("person__given_name", "person__family_name")


@admin.register(Correction)
class CorrectionAdmin(VisibleToUserMixin, admin.ModelAdmin):
    """A person's proposed details beside the current ones; staff approve (applied, checked as on the person's own
    page) or reject. Nothing is applied without approval."""

    list_display = ("person", "created_at", "status", "decided_by")
    list_filter = ("status",)
    list_select_related = ("person", "decided_by")
    fields = ("person", "side_by_side", "status", "decided_by", "decided_at")
    readonly_fields = fields
    actions = ("approve", "reject")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.display(description=_("current and proposed"))
    def side_by_side(self, correction: Correction) -> str:
        rows = [
            format_html("<tr><th>{}</th><td>{}</td><td>{}</td></tr>", field, getattr(correction.person, field), value)
            for field, value in correction.proposed.items()
        ]
        head = format_html("<tr><th></th><th>{}</th><th>{}</th></tr>", _("now"), _("proposed"))
        return format_html("<table>{}{}</table>", head, format_html_join("", "{}", ((row,) for row in rows)))

    @admin.action(description=_("Approve and apply the selected corrections"), permissions=["change"])
    def approve(self, request: HttpRequest, queryset) -> None:
        for correction in queryset.filter(status=CorrectionStatus.PENDING).select_related("person"):
            try:
                reconfirmation.approve(correction, request.user)
            except ValidationError as error:
                self.message_user(request, f"{correction.person}: {' '.join(error.messages)}", messages.ERROR)

    @admin.action(description=_("Reject the selected corrections"), permissions=["change"])
    def reject(self, request: HttpRequest, queryset) -> None:
        queryset.filter(status=CorrectionStatus.PENDING).update(
            status=CorrectionStatus.REJECTED, decided_by=request.user, decided_at=timezone.now()
        )


@admin.register(ErasureRequest)
class ErasureRequestAdmin(ReadOnlyMixin, VisibleToUserMixin, admin.ModelAdmin):
    list_display = ("person", "requested_at", "source", "handled_at")
    list_select_related = ("person",)
