"""The forms of the event admin page: countries in one step, and one row per organisation with all its roles.

The participating countries are one searchable multi-select, filled from region presets or a pasted list; the
delegation sizes stay editable in the countries inline. An organisation row names an existing organisation or a new
one, which is created, with its kind and country, once staff tick "create".
"""

import json

from django import forms
from django.core.exceptions import ValidationError
from django.db.models.functions import Lower
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from contacts.choices import OrganizationKind
from contacts.models import Organization
from core.admin import PreloadedAutocompleteSelect
from core.countries import code_of, country_choices, read_country_list, sort_key
from core.widgets import LongSelect, LongSelectMultiple

from .choices import OrganizationRole
from .models import Event, EventCountry, EventOrganization
from .regions import BY_KEY, REGIONS, region_choices

EVENT_FORM_MEDIA = forms.Media(
    js=(
        "admin/js/vendor/jquery/jquery.min.js",
        "admin/js/vendor/select2/select2.full.min.js",
        "admin/js/jquery.init.js",
        "js/event-admin.js",
    ),
    css={"screen": ("admin/css/vendor/select2/select2.min.css", "admin/css/autocomplete.css")},
)


class EventAdminForm(forms.ModelForm):
    """The event, with its participating countries chosen in one field rather than one inline row each."""

    participating_countries = forms.MultipleChoiceField(
        label=_("participating countries"),
        required=False,
        widget=LongSelectMultiple(attrs={"class": "country-picker", "size": 10}),
        help_text=_("Type to search. Remove a country here to remove it from the event."),
    )
    add_regions = forms.MultipleChoiceField(
        label=_("add the countries of"),
        required=False,
        choices=region_choices,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "region-presets"}),
        help_text=_("Each region adds its members to the selection when you save; remove those that did not attend."),
    )
    paste_countries = forms.CharField(
        label=_("paste a list of countries"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "class": "country-paste"}),
        help_text=_(
            "Names in English, French or Arabic, or two-letter codes, separated by commas or line breaks, "
            "e.g. “Egypt, Maroc, تونس, KE”. They are added to the selection."
        ),
    )

    class Meta:
        model = Event
        fields = (
            "title", "kind", "status", "previous_event", "start_date", "end_date", "date_note", "city",
            "host_country", "reported_participant_count", "reported_country_count", "summary", "programmes",
            "themes", "pillars", "instruments", "sdg_goals", "gcm_objectives", "source_links", "source_note",
        )  # fmt: skip
        widgets = {"host_country": LongSelect}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        picker = self.fields["participating_countries"]
        picker.choices = country_choices()
        picker.widget.attrs["data-regions"] = json.dumps({region.key: region.codes for region in REGIONS})
        self.fields["paste_countries"].widget.attrs.update(
            {
                "data-read-url": reverse("admin:events_event_read_countries"),
                "data-read-as": _("Read as:"),
                "data-unknown": _("Unknown:"),
                "data-add-label": _("Add them to the selection"),
            }
        )
        if self.instance.pk:
            self.fields["participating_countries"].initial = list(
                self.instance.countries.values_list("country", flat=True)
            )

    def clean_paste_countries(self) -> list[str]:
        read = read_country_list(self.cleaned_data["paste_countries"])
        if read.unknown:
            raise ValidationError(
                _("Unknown countries: %(names)s. Correct or remove them; nothing was saved."),
                params={"names": read.describe_unknown()},
            )
        return read.codes

    def clean(self) -> dict:
        cleaned = super().clean()
        codes = list(cleaned.get("participating_countries") or [])
        for key in cleaned.get("add_regions") or []:
            codes += BY_KEY[key].codes
        codes += cleaned.get("paste_countries") or []
        cleaned["country_codes"] = list(dict.fromkeys(codes))
        return cleaned

    @property
    def media(self) -> forms.Media:
        return super().media + EVENT_FORM_MEDIA


class CountriesByNameFormSet(BaseInlineFormSet):
    """The countries already at the event, in the order of their names in the active language."""

    def get_queryset(self):
        if not hasattr(self, "_sorted"):
            self._sorted = sorted(super().get_queryset(), key=lambda row: sort_key(str(row.country.name)))
        return self._sorted


class OrganizationOrNewName(forms.ModelChoiceField):
    """An organisation chosen in the autocomplete, or the name of one that is not in the registry yet."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if str(value).isdigit():
            found = self.queryset.filter(pk=value).first()
            if found is not None:
                return found
        return str(value).strip()

    def has_changed(self, initial, data) -> bool:
        return str(initial or "") != str(data or "")


class AutocompleteSelectOrNew(PreloadedAutocompleteSelect):
    """The admin's autocomplete, where staff may also type a new name (select2 "tags")."""

    def build_attrs(self, base_attrs, extra_attrs=None) -> dict:
        return {**super().build_attrs(base_attrs, extra_attrs), "data-tags": "true"}

    def optgroups(self, name, value, attr=None):
        ids = [v for v in value if str(v).isdigit()]
        names = [v for v in value if v not in ("", None) and not str(v).isdigit()]
        groups = super().optgroups(name, ids, attr)
        for new_name in names:
            groups.append((None, [self.create_option(name, new_name, new_name, True, len(groups))], len(groups)))
        return groups


class EventOrganizationForm(forms.ModelForm):
    """One organisation at the event, with every role it had; a new one is created after a confirmation."""

    roles = forms.MultipleChoiceField(
        label=_("roles"), choices=OrganizationRole.choices, widget=forms.CheckboxSelectMultiple
    )
    new_kind = forms.ChoiceField(
        label=_("kind, if new"), required=False, choices=[("", "---------"), *OrganizationKind.choices]
    )
    new_country = forms.CharField(
        label=_("country, if new"),
        required=False,
        max_length=80,
        help_text=_("Name or code; empty for an international body."),
        widget=forms.TextInput(attrs={"size": 12}),
    )
    create = forms.BooleanField(label=_("create it"), required=False)

    class Meta:
        model = EventOrganization
        fields = ("organization",)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        chosen = self.fields["organization"]
        widget = chosen.widget
        for link in ("can_add_related", "can_change_related", "can_delete_related", "can_view_related"):
            setattr(widget, link, False)  # new organisations are typed in here, without pop-ups
        autocomplete = getattr(widget, "widget", widget)
        if isinstance(autocomplete, PreloadedAutocompleteSelect):
            new_widget = AutocompleteSelectOrNew(autocomplete.field, autocomplete.admin_site)
            new_widget.selected_object = autocomplete.selected_object
            if hasattr(widget, "widget"):
                widget.widget = new_widget
            else:
                widget = new_widget
        self.fields["organization"] = OrganizationOrNewName(
            chosen.queryset, required=True, widget=widget, label=chosen.label
        )

    def clean_new_country(self) -> str:
        written = self.cleaned_data["new_country"]
        code = code_of(written) if written else ""
        if code is None:
            raise ValidationError(_("Unknown country: %(name)s"), params={"name": written})
        return code

    def clean(self) -> dict:
        cleaned = super().clean()
        chosen = cleaned.get("organization")
        if isinstance(chosen, str):
            cleaned["organization"] = self.existing_or_new(chosen, cleaned)
        return cleaned

    def _post_clean(self) -> None:
        # The organisation may be a new name, not yet a row: the model is checked once it is (see save).
        if isinstance(self.cleaned_data.get("organization"), Organization):
            super()._post_clean()

    def existing_or_new(self, name: str, cleaned: dict) -> Organization | str:
        same_name = list(Organization.objects.annotate(lowered=Lower("name")).filter(lowered=name.lower())[:2])
        if len(same_name) == 1:
            return same_name[0]
        if same_name:
            self.add_error("organization", _("Several organisations have this name: choose one in the list."))
        elif not cleaned.get("create"):
            self.add_error(
                "organization",
                _("“%(name)s” is not in the registry yet. Give its kind and country, tick “create it”, and save again.")
                % {"name": name},
            )
        elif not cleaned.get("new_kind"):
            self.add_error("new_kind", _("Give the kind of the new organisation."))
        return name

    def organization_to_save(self) -> Organization:
        chosen = self.cleaned_data["organization"]
        if isinstance(chosen, Organization):
            return chosen
        organization = Organization(
            name=chosen, kind=self.cleaned_data["new_kind"], country=self.cleaned_data.get("new_country") or ""
        )
        organization.full_clean()
        organization.save()
        self.cleaned_data["organization"] = organization
        return organization


class OrganizationRolesFormSet(BaseInlineFormSet):
    """One form per organisation, whatever the number of roles rows it has at the event."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.roles_of: dict[int, list[str]] = {}
        if self.instance.pk:
            for organization_id, role in self.instance.organizations.values_list("organization_id", "role"):
                self.roles_of.setdefault(organization_id, []).append(role)

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        if form.instance.pk:
            form.initial["roles"] = self.roles_of.get(form.instance.organization_id, [form.instance.role])
        return form

    def clean(self) -> None:
        super().clean()
        seen = set()
        for form in self.forms:
            chosen = getattr(form, "cleaned_data", {}).get("organization")
            if chosen is None or form.cleaned_data.get("DELETE"):
                continue
            key = chosen.pk if isinstance(chosen, Organization) else str(chosen).lower()
            if key in seen:
                raise ValidationError(_("An organisation is listed twice: give all its roles in one row."))
            seen.add(key)

    def save_new(self, form, commit=True):
        return self.save_roles(form, replacing=None)

    def save_existing(self, form, obj, commit=True):
        return self.save_roles(form, replacing=form.initial.get("organization"))

    def delete_existing(self, obj, commit=True) -> None:
        EventOrganization.objects.filter(event=self.instance, organization_id=obj.organization_id).delete()

    def save_roles(self, form, replacing: int | None) -> EventOrganization:
        from .services import set_organization_roles

        organization = form.organization_to_save()
        return set_organization_roles(self.instance, organization, form.cleaned_data["roles"], replacing=replacing)


class EventCountryForm(forms.ModelForm):
    class Meta:
        model = EventCountry
        fields = ("delegation_size",)
