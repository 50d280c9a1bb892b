"""The one way every API list pages, and the errors a list may answer with."""

import json
from typing import Any

from django.db import connections
from django.db.models import QuerySet
from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

from grassroots.core.parsing import INT_MAX

from .schemas import ErrorOut

# Lists are counted exactly up to this many rows; past it (a county-wide list of millions) on
# PostgreSQL the planner's estimate answers instead of a scan of the whole table.
COUNT_EXACT_UP_TO = 10_000


class Pages(PageNumberPagination):
    """Every list: ?page=1&page_size=20 (at most 100). ``count`` is exact up to
    ``COUNT_EXACT_UP_TO`` rows; beyond, on PostgreSQL, it is the planner's estimate and
    ``count_is_estimate`` says so."""

    class Input(Schema):
        # Plain ints: Count's own ge=0 would win over ge=1, and ?page=0 became a 500.
        page: int = Field(1, ge=1, le=INT_MAX)
        page_size: int | None = Field(None, ge=1, le=INT_MAX)

    class Output(Schema):
        items: list[Any]
        count: int
        count_is_estimate: bool = False

    def __init__(self, **kwargs):
        super().__init__(page_size=20, max_page_size=100, **kwargs)

    def paginate_queryset(self, queryset, pagination, request, **params):
        page_size = self._get_page_size(pagination.page_size)
        offset = (pagination.page - 1) * page_size
        count, estimated = bounded_count(queryset)
        return {self.items_attribute: queryset[offset:offset + page_size], "count": count,
                "count_is_estimate": estimated}


def bounded_count(queryset) -> tuple[int, bool]:
    """(count, is_estimate): an exact count that stops at ``COUNT_EXACT_UP_TO + 1`` rows, and
    past that the PostgreSQL planner's row estimate (never below the rows already seen)."""
    if not isinstance(queryset, QuerySet):
        return len(queryset), False
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return queryset.count(), False
    seen = queryset.order_by()[:COUNT_EXACT_UP_TO + 1].count()
    if seen <= COUNT_EXACT_UP_TO:
        return seen, False
    sql, params = queryset.order_by().query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return max(int(plan[0]["Plan"]["Plan Rows"]), seen), True


LIST_ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 422: ErrorOut, 429: ErrorOut}
