"""Behaviour shared by every ModelAdmin of the registry.

The admin is IOM staff's tool, but it still starts every list from the model's ``visible_to(user)`` QuerySet, so the
admin can never show more than the rules in the models allow.
"""

from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteMixin, AutocompleteSelect
from django.db import models
from django.forms import BaseInlineFormSet, ModelChoiceField, Select
from django.http import HttpRequest


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
