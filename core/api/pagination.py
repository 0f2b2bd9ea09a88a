from django.core.paginator import Paginator
from django.utils.translation import gettext as _
from rest_framework import pagination
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from core.paginator import SEARCH_COUNT_CAP, CappedPaginator
from core.text import is_whole_number


def whole_number(request, name: str) -> int:
    value = request.query_params[name]
    if not is_whole_number(value) or int(value) < 1:
        raise ValidationError({name: [_("Give a whole number from 1 up, not %(value)r.") % {"value": value[:20]}]})
    return int(value)


class PageNumberPagination(pagination.PageNumberPagination):
    """``?page=`` and ``?page_size=`` (default 50); a larger page size than 200 is served as 200.

    A search (``?q=``) counts its matches only up to 1,000, as the directory page does: ``count`` then stops at
    1,000 and ``count_capped`` is true, and the pages go on as far as the count.
    """

    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_size(self, request) -> int:
        """The page size asked for, at most 200; anything but a whole number from 1 up is a 400, never a silent 50."""
        if not request.query_params.get(self.page_size_query_param):
            return self.page_size
        return min(whole_number(request, self.page_size_query_param), self.max_page_size)

    def get_page_number(self, request, paginator):
        """A page number that is not a whole number from 1 up is a 400; one past the last page is a 404."""
        if not request.query_params.get(self.page_query_param):
            return 1
        return whole_number(request, self.page_query_param)

    def paginate_queryset(self, queryset, request, view=None):
        self.django_paginator_class = CappedPaginator if request.query_params.get("q", "").strip() else Paginator
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data):
        capped = getattr(self.page.paginator, "capped", False)
        count = self.page.paginator.cap if capped else self.page.paginator.count
        links = {"next": self.get_next_link(), "previous": self.get_previous_link()}
        return Response({"count": count, "count_capped": capped, **links, "results": data})

    def get_schema_operation_parameters(self, view) -> list[dict]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["description"] = (
                    f"Results per page: {self.page_size} unless given, at most {self.max_page_size} (a larger "
                    f"number is served as {self.max_page_size})."
                )
            else:
                parameter["description"] = "The page, from 1; past the last page the answer is 404."
        return parameters

    def get_paginated_response_schema(self, schema):
        paginated = super().get_paginated_response_schema(schema)
        paginated["properties"]["count"]["description"] = (
            f"The number of results; for a search (q), at most {SEARCH_COUNT_CAP:,}."
        )
        paginated["properties"]["count_capped"] = {
            "type": "boolean",
            "description": f"True when a search found more than {SEARCH_COUNT_CAP:,} results and count stops there.",
        }
        paginated["required"] = [*paginated["required"], "count_capped"]
        return paginated
