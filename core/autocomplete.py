"""The admin's autocomplete, with a say for the model admin whose rows it searches.

Django answers every autocomplete of the site with one view that labels each result ``str(obj)``. A model admin that
defines ``autocomplete_view(request)`` answers the autocompletes of its own model instead (the person admin labels
namesakes apart by country, organisation and e-mail domain); the others keep Django's.
"""

from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse


class ModelAdminAutocompleteMixin:
    """For an ``AdminSite``: route ``/admin/autocomplete/`` to the searched model admin's ``autocomplete_view``."""

    def autocomplete_view(self, request: HttpRequest) -> HttpResponse:
        try:
            model_admin = AutocompleteJsonView(admin_site=self).process_request(request)[1]
        except (PermissionDenied, Http404):
            return super().autocomplete_view(request)  # which refuses the request the same way
        own = getattr(model_admin, "autocomplete_view", None)
        return own(request) if own is not None else super().autocomplete_view(request)
