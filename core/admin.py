"""Behaviour shared by every ModelAdmin of the registry.

The admin is IOM staff's tool, but it still starts every list from the model's ``visible_to(user)`` QuerySet, so the
admin can never show more than the rules in the models allow.
"""

from types import ModuleType

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AutocompleteMixin, AutocompleteSelect
from django.core.exceptions import PermissionDenied
from django.db import models
from django.forms import BaseInlineFormSet, ModelChoiceField, Select
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _

from core.text import is_whole_number

from . import imports


class VisibleToUserMixin:
    """Start the changelist, change pages and autocomplete from ``Model.objects.visible_to(request.user)``."""

    def get_queryset(self, request: HttpRequest):
        return super().get_queryset(request).visible_to(request.user)


class ReadOnlyMixin:
    """For rows the system writes (reminders, look-up records, progress updates): staff read, nobody edits here."""

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class ReadOnlyInline(ReadOnlyMixin, admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False


class PreloadedAutocompleteSelect(AutocompleteSelect):
    """An autocomplete that renders its selected option from the related object already loaded with the row.

    Django's widget runs one query per row to find the label of the selected option, so an event page with fifty
    participants would run fifty; ``QueryEfficientInlineMixin`` hands each widget its object instead.
    """

    selected_object: models.Model | None = None

    def optgroups(self, name, value, attr=None):
        selected = self.selected_object
        if selected is None or [str(v) for v in value if v not in ("", None)] != [str(selected.pk)]:
            return super().optgroups(name, value, attr)
        options = [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        label = self.choices.field.label_from_instance(selected)
        options.append(self.create_option(name, selected.pk, label, {str(selected.pk)}, len(options)))
        return [(None, options, 0)]


class QueryEfficientInlineMixin:
    """Keep an inline's query count independent of its number of rows.

    Autocomplete fields take their selected object from the row (list them in ``list_select_related``), and plain
    selects read their options once per formset rather than once per row.
    """

    list_select_related: tuple[str, ...] = ()

    def get_queryset(self, request: HttpRequest):
        return super().get_queryset(request).select_related(*self.list_select_related)

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = PreloadedAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_formset(self, request: HttpRequest, obj=None, **kwargs):
        return type("QueryEfficientFormSet", (QueryEfficientFormSet, super().get_formset(request, obj, **kwargs)), {})


class QueryEfficientFormSet(BaseInlineFormSet):
    def add_fields(self, form, index) -> None:
        super().add_fields(form, index)
        for name, field in form.fields.items():
            widget = getattr(field.widget, "widget", field.widget)  # the admin wraps selects in "add another"
            if isinstance(widget, AutocompleteMixin) and not isinstance(widget, PreloadedAutocompleteSelect):
                continue  # renders only the selected option, and is not used on inlines of this mixin
            if isinstance(widget, PreloadedAutocompleteSelect):
                widget.selected_object = getattr(form.instance, name) if getattr(form.instance, f"{name}_id") else None
            elif isinstance(field, ModelChoiceField) and isinstance(widget, Select):
                widget.choices = self._choices_once(name, field)

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        setattr(form.instance, self.fk.name, self.instance)  # Django sets only the id; ``__str__`` may need more
        return form

    def _choices_once(self, name: str, field: ModelChoiceField) -> list:
        cache = self.__dict__.setdefault("_choices_cache", {})
        if name not in cache:
            cache[name] = list(field.choices)
        return cache[name]


class SpreadsheetImportMixin:
    """Import a CSV or XLSX file into one object: upload, see what every row would do, then confirm.

    ``importers`` maps a kind ("participants", ...) to an importer module (see ``core.imports``). The change page
    links to each importer the user has the permissions of. Nothing is written before the confirmation, and the
    confirmation checks the file again against the database as it is then. The preview page works without
    JavaScript: its buttons post the form again (to show only the rows in error, or all of them).
    """

    importers: dict[str, ModuleType] = {}

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        wrap = self.admin_site.admin_view
        own = [
            path(
                "import-template/<str:kind>.csv", wrap(self.import_template), name="{}_{}_import_template".format(*info)
            ),
            path("<path:object_id>/import/<str:kind>/", wrap(self.import_view), name="{}_{}_import".format(*info)),
        ]
        return own + super().get_urls()

    def change_view(self, request: HttpRequest, object_id, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "import_kinds": self.usable_importers(request)}
        return super().change_view(request, object_id, form_url, extra_context)

    def usable_importers(self, request: HttpRequest) -> dict[str, ModuleType]:
        return {kind: module for kind, module in self.importers.items() if request.user.has_perms(module.PERMISSIONS)}

    def importer(self, request: HttpRequest, kind: str) -> ModuleType:
        if kind not in self.importers:
            raise Http404
        if kind not in self.usable_importers(request):
            raise PermissionDenied
        return self.importers[kind]

    def import_template(self, request: HttpRequest, kind: str) -> HttpResponse:
        importer = self.importer(request, kind)
        text = imports.template_csv(importer.COLUMNS, importer.EXAMPLE_ROW)
        response = HttpResponse(text, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{kind}-template.csv"'
        return response

    def import_view(self, request: HttpRequest, object_id: str, kind: str) -> HttpResponse:
        importer = self.importer(request, kind)
        target = self.get_object(request, unquote(object_id))
        if target is None:
            raise Http404
        if not self.has_change_permission(request, target):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": target,
            "kind": kind,
            "importer": importer,
            "title": _("Import %(what)s into %(target)s") % {"what": importer.TITLE, "target": str(target)[:80]},
        }
        if request.method == "POST":
            try:
                return self.import_step(request, importer, target, context)
            except imports.ImportRefused as error:
                messages.error(request, str(error))
        return TemplateResponse(request, "admin/spreadsheet_import.html", context)

    def import_step(self, request: HttpRequest, importer: ModuleType, target, context: dict) -> HttpResponse:
        """Preview an upload; or, on confirmation, import it and go back to the change page."""
        owner = self.upload_owner(request, target, importer)
        upload = request.FILES.get("file")
        if upload:
            token, sheet = imports.keep_upload(upload.name, upload.read(), importer.FORMAT, owner)
            return self.import_preview(request, importer, target, context, token, sheet, imports.Confirmation())
        if "token" not in request.POST:
            raise imports.ImportRefused(_("Choose a CSV or XLSX file."))
        token = request.POST["token"]
        confirmation = self.confirmation_of(request)
        if "confirm" in request.POST:
            try:
                return self.import_confirmed(request, importer, target, token, confirmation)
            except imports.ImportRefused as error:
                if not imports.is_kept(token, owner):
                    raise
                messages.error(request, str(error))  # rows in error: show the preview again
        sheet = imports.kept_sheet(token, importer.FORMAT, owner)
        return self.import_preview(request, importer, target, context, token, sheet, confirmation)

    def confirmation_of(self, request: HttpRequest) -> imports.Confirmation:
        """What the user ticked on the preview page."""
        return imports.Confirmation(
            skipped={int(number) for number in request.POST.getlist("skip") if is_whole_number(number)},
            skip_rows_in_error="skip_errors" in request.POST,
            ignore_unknown_columns="ignore_columns" in request.POST,
            offers=set(request.POST.getlist("offer")),
        )

    def upload_owner(self, request: HttpRequest, target, importer: ModuleType) -> str:
        """Whose an upload is: this user's, for this record and this kind of import."""
        return f"{request.user.pk}:{self.opts.label}:{target.pk}:{importer.__name__}"

    def import_preview(self, request, importer, target, context, token, sheet, confirmation) -> HttpResponse:
        results = importer.preview(target, sheet.rows)
        errors_only = request.POST.get("show", request.POST.get("shown")) == "errors"
        shown = [result for result in results if result.errors or not errors_only]
        shown_numbers = {result.number for result in shown}
        context.update(
            token=token,
            results=results,
            shown=shown,
            skipped_not_shown=sorted(confirmation.skipped - shown_numbers),  # sent again, as hidden fields
            errors_only=errors_only,
            confirmation=confirmation,
            unknown_columns=sheet.unknown_columns,
            offers=imports.offers_of(results),
            totals=imports.totals(results),
        )
        return TemplateResponse(request, "admin/spreadsheet_import.html", context)

    def import_confirmed(self, request, importer: ModuleType, target, token: str, confirmation) -> HttpResponse:
        """Check the kept file again against the database as it is now, import it, and go back to the change page."""
        owner = self.upload_owner(request, target, importer)
        with imports.claimed_upload(token, importer.FORMAT, owner) as sheet:
            imports.refuse_unknown_columns(sheet, confirmation)
            results = importer.preview(target, sheet.rows)
            skipped, accepted = confirmation.rows_skipped(results), confirmation.offers_accepted(results)
            counts = importer.apply(target, results, skipped, user=request.user, accepted=accepted)
        done = imports.describe_counts(counts)
        self.log_change(request, target, _("Imported %(what)s: %(counts)s") % {"what": importer.TITLE, "counts": done})
        messages.success(request, _("Imported: %(counts)s.") % {"counts": done})
        return redirect(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", target.pk)


# The security pages (log, tokens, lockouts, users) register themselves; they use the mixins above.
from . import security_admin  # noqa: E402, F401
