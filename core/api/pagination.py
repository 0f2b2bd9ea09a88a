from rest_framework import pagination


class PageNumberPagination(pagination.PageNumberPagination):
    """``?page=`` and ``?page_size=`` (default 50); a larger page size than 200 is served as 200."""

    page_size_query_param = "page_size"
    max_page_size = 200
