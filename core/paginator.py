"""A paginator for searches over many rows: it counts at most ``cap`` of them."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

SEARCH_COUNT_CAP = 1000


class CappedPaginator(Paginator):
    """Counts the rows only up to ``cap`` (``SELECT COUNT(*) FROM (... LIMIT cap + 1)``, unordered): past a thousand
    people, "more than 1,000" serves the reader as well as the exact figure, which would read every match. Pages go
    as far as the cap; ``capped`` says the figure was cut."""

    cap = SEARCH_COUNT_CAP

    @cached_property
    def count(self) -> int:
        return self.object_list.order_by()[: self.cap + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > self.cap
