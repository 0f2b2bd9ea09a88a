"""Forms of the pages that combine apps: the filters of the countries index, the country pickers."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from core.countries import code_of, country_choices
from events.regions import BY_KEY, region_choices


class CountryIndexForm(forms.Form):
    """The countries index's search box and region filter: a region lists all its members, a search any country
    whose name (in any site language, or an alias such as "KSA") contains the words typed."""

    q = forms.CharField(label=_("Country"), required=False, max_length=100)
    region = forms.ChoiceField(label=_("Region"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", _("All regions")), *region_choices()]

    def region_codes(self) -> set[str] | None:
        key = self.cleaned_data.get("region")
        return set(BY_KEY[key].codes) if key else None


class CountryPickForm(forms.Form):
    """The other country of a pair, by code or by name as people write it."""

    country = forms.CharField(label=_("Country"), max_length=100)

    def clean_country(self) -> str:
        typed = self.cleaned_data["country"].strip()
        code = typed.upper() if typed.upper() in countries else code_of(typed)
        if code is None:
            raise forms.ValidationError(_("“%(name)s” is not a country the registry knows."), params={"name": typed})
        return code


def other_country_choices(code: str) -> list[tuple[str, str]]:
    return [(other, name) for other, name in country_choices() if other != code]
