from django.core.paginator import Paginator
from rest_framework import pagination
from rest_framework.response import Response

from core.paginator import SEARCH_COUNT_CAP, CappedPaginator


class PageNumberPagination(pagination.PageNumberPagination):
    """``?page=`` and ``?page_size=`` (default 50); a larger page size than 200 is served as 200.

    A search (``?q=``) counts its matches only up to 1,000, as the directory page does: ``count`` then stops at
    1,000 and ``count_capped`` is true, and the pages go on as far as the count.
    """

    page_size_query_param = "page_size"
    max_page_size = 200

    def paginate_queryset(self, queryset, request, view=None):
        self.django_paginator_class = CappedPaginator if request.query_params.get("q", "").strip() else Paginator
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data):
        capped = getattr(self.page.paginator, "capped", False)
        count = self.page.paginator.cap if capped else self.page.paginator.count
        links = {"next": self.get_next_link(), "previous": self.get_previous_link()}
        return Response({"count": count, "count_capped": capped, **links, "results": data})

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
