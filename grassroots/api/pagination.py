"""The one way every API list pages, and the errors a list may answer with."""

from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

from grassroots.core.parsing import INT_MAX

from .schemas import ErrorOut


class Pages(PageNumberPagination):
    """Every list: ?page=1&page_size=20 (at most 100)."""

    class Input(Schema):
        # Plain ints: Count's own ge=0 would win over ge=1, and ?page=0 became a 500.
        page: int = Field(1, ge=1, le=INT_MAX)
        page_size: int | None = Field(None, ge=1, le=INT_MAX)

    def __init__(self, **kwargs):
        super().__init__(page_size=20, max_page_size=100, **kwargs)


LIST_ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 422: ErrorOut, 429: ErrorOut}
