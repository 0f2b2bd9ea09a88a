"""The filter backend of every API list."""

from django_filters.rest_framework import DjangoFilterBackend

from core.filters import without_blanks


class FilterBackend(DjangoFilterBackend):
    """django-filter's backend, with an empty value meaning no filter at all (``?country=``), for every filter of
    every list, as on the pages."""

    def get_filterset_kwargs(self, request, queryset, view) -> dict:
        kwargs = super().get_filterset_kwargs(request, queryset, view)
        kwargs["data"] = without_blanks(request.query_params)
        return kwargs
