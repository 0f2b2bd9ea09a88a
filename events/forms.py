"""The forms of the event admin page: countries in one step, and one row per organisation with all its roles.

The participating countries are one searchable multi-select, filled from region presets or a pasted list; the
delegation sizes stay editable in the countries inline. An organisation row names an existing organisation or a new
one, which is created, with the kind and country of its row, when staff save again after the notice.
"""

import json

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.db.models.functions import Lower
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from contacts.choices import OrganizationKind
from contacts.models import Organization
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
        label=_("Participating countries"),
        required=False,
        widget=LongSelectMultiple(attrs={"class": "country-picker", "size": 10}),
        help_text=_("Type to search. Remove a country here to remove it from the event."),
    )
    add_regions = forms.MultipleChoiceField(
        label=_("Add the countries of"),
        required=False,
        choices=region_choices,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "region-presets"}),
        help_text=_("Each region adds its members to the selection when you save; remove those that did not attend."),
    )
    paste_countries = forms.CharField(
        label=_("Paste a list of countries"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "class": "country-paste"}),
        help_text=_(
            "Names in English, French or Arabic, or two-letter codes, separated by commas or line breaks, "
            "e.g. “Egypt, Maroc, تونس, KE”. They are added to the selection."
        ),
    )

    new_programmes = forms.CharField(
        label=_("New programmes"),
        required=False,
        max_length=1000,
        widget=forms.TextInput(attrs={"size": 60}),
        help_text=_("Programmes not in the list yet, separated by semicolons, each as “Name (ACRONYM)”."),
    )
    new_themes = forms.CharField(
        label=_("New themes"),
        required=False,
        max_length=1000,
        widget=forms.TextInput(attrs={"size": 60}),
        help_text=_("Themes not in the list yet, separated by semicolons."),
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
            picker.initial = list(self.instance.countries.values_list("country", flat=True))

    def clean_paste_countries(self) -> list[str]:
        read = read_country_list(self.cleaned_data["paste_countries"])
        if read.unknown:
            raise ValidationError(
                _("Unknown countries: %(names)s. Correct or remove them; nothing was saved."),
                params={"names": read.describe_unknown()},
            )
        return read.codes

    def clean_new_programmes(self) -> list[tuple[str, str]]:
        """(name, acronym) pairs from "Africa Regional Migration Program (ARMP); SPHERE II"."""
        pairs = []
        for written in split_names(self.cleaned_data["new_programmes"]):
            name, _open, acronym = written.rstrip(")").partition(" (")
            pairs.append((name.strip(), acronym.strip() if _open else ""))
        if any(len(name) > 255 or len(acronym) > 40 for name, acronym in pairs):
            raise ValidationError(_("A programme's name has at most 255 characters, its acronym 40."))
        return pairs

    def clean_new_themes(self) -> list[str]:
        names = split_names(self.cleaned_data["new_themes"])
        if any(len(name) > 120 for name in names):
            raise ValidationError(_("A theme's name has at most 120 characters."))
        return names

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


def split_names(text: str) -> list[str]:
    """Names separated by semicolons, Latin or Arabic ("؛")."""
    return [name.strip() for name in text.replace("؛", ";").split(";") if name.strip()]


class CountriesByNameFormSet(BaseInlineFormSet):
    """The countries already at the event, in the order of their names in the active language."""

    def get_queryset(self):
        if not hasattr(self, "_sorted"):
            self._sorted = sorted(super().get_queryset(), key=lambda row: sort_key(str(row.country.name)))
        return self._sorted


def organization_label(organization: Organization) -> str:
    """How an organisation is written in the organisation field and its suggestions: "IOM Egypt · Egypt"."""
    country = organization.country.name if organization.country else _("international")
    return f"{organization} · {country}"


def organizations_named(text: str) -> list[Organization]:
    """The organisations ``text`` names: by label, name or acronym, case-insensitively (at most two, enough to
    tell one from several)."""
    name, _sep, country = text.partition(" · ")
    candidates = Organization.objects.annotate(lowered=Lower("name"), acronym_lowered=Lower("acronym")).filter(
        Q(lowered=name.strip().lower()) | Q(acronym_lowered=name.strip().lower()) | Q(lowered=text.strip().lower())
    )
    found = [org for org in candidates[:20] if not country or organization_label(org).lower() == text.lower()]
    if len(found) > 1:
        exact = [org for org in found if org.name.lower() == name.strip().lower()]
        found = exact or found
    return found[:2]


class EventOrganizationForm(forms.ModelForm):
    """One organisation at the event, with every role it had. Staff type its name (the page suggests those in the
    registry); a name not in the registry is created, with the kind and country of its row, once staff save again.
    """

    name = forms.CharField(
        label=_("Organisation"),
        max_length=255,  # an organisation's name
        widget=forms.TextInput(
            attrs={"class": "organisation-name", "list": "organisation-suggestions", "autocomplete": "off", "size": 34}
        ),
    )
    roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=OrganizationRole.choices, widget=forms.CheckboxSelectMultiple
    )
    new_kind = forms.ChoiceField(
        label=_("Kind, if new"), required=False, choices=[("", "---------"), *OrganizationKind.choices]
    )
    new_country = forms.CharField(
        label=_("Country, if new"),
        required=False,
        max_length=80,
        help_text=_("Name or code; empty for an international body."),
        widget=forms.TextInput(attrs={"size": 12}),
    )
    create = forms.BooleanField(label=_("Create it"), required=False)

    class Meta:
        model = EventOrganization
        fields = ()

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["name"] = organization_label(self.instance.organization)

    def clean_new_country(self) -> str:
        written = self.cleaned_data["new_country"]
        code = code_of(written) if written else ""
        if code is None:
            raise ValidationError(_("Unknown country: %(name)s"), params={"name": written})
        return code

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("name"):
            cleaned["organization"] = self.existing_or_new(cleaned["name"].strip(), cleaned)
        return cleaned

    def existing_or_new(self, name: str, cleaned: dict) -> Organization | str:
        found = organizations_named(name)
        if len(found) == 1:
            return found[0]
        if found:
            self.add_error("name", _("Several organisations are called so: choose one of the suggestions."))
        elif not cleaned.get("create"):
            self.add_error(
                "name",
                _("“%(name)s” is not in the registry yet: it will be created with the kind and country of this row. "
                  "Check them and save again.") % {"name": name},
            )  # fmt: skip
            self.data = self.data.copy()
            self.data[self.add_prefix("create")] = "on"  # saving again is the confirmation
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
        return self.save_roles(form, replacing=obj.organization_id)  # the form does not set it: still the old one

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
