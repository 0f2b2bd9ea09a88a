"""List filters of the admin that every app uses."""

from django_countries.filters import CountryFilter

from .filters import country_options


class CountryListFilter(CountryFilter):
    """The countries the rows the user may see have, by name in the active language (not the 249 of the field's
    choices, in django-countries' order): ``list_filter = [("country", CountryListFilter)]``. One query."""

    def lookup_choices(self, changelist):
        codes = changelist.root_queryset.order_by().values_list(self.field_path, flat=True).distinct()
        return country_options(set(codes) - {""})
