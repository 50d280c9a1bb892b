"""The one error shape of every API operation (grassroots.api.errors writes it), for routers to
declare in their responses."""

from ninja import Schema

ERROR_CODES = frozenset({400, 401, 403, 404, 409, 413, 422, 429})


class ErrorDetail(Schema):
    code: str
    message: str
    fields: dict[str, list[str]] = {}


class ErrorOut(Schema):
    error: ErrorDetail


def with_errors(ok_status: int, schema) -> dict:
    return {ok_status: schema, ERROR_CODES: ErrorOut}
