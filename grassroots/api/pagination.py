"""The one way every API list pages, and the errors a list may answer with."""

from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

from .schemas import ErrorOut
from .types import Count


class Pages(PageNumberPagination):
    """Every list: ?page=1&page_size=20 (at most 100)."""

    class Input(Schema):
        page: Count = Field(1, ge=1)
        page_size: Count | None = Field(None, ge=1)

    def __init__(self, **kwargs):
        super().__init__(page_size=20, max_page_size=100, **kwargs)


LIST_ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 422: ErrorOut, 429: ErrorOut}
