"""One JSON error shape everywhere: {"error": {"code", "message", "fields"}}."""

import logging

from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from ninja.errors import AuthenticationError, HttpError, ValidationError

from grassroots.core.errors import ApplicationError, errors_by_field, refusal_status

log = logging.getLogger("grassroots.api")

CODES = {
    400: "invalid", 401: "unauthenticated", 403: "forbidden", 404: "not_found",
    405: "method_not_allowed", 409: "conflict", 413: "too_large", 422: "validation_error",
    429: "rate_limited", 500: "server_error",
}
# Parameter names that only group fields; a client wants "title", not "body.payload.title".
_LOC_NOISE = {"body", "query", "path", "form", "header", "cookie", "payload", "filters", "file"}


def _field_message(err: dict) -> str:
    """A pydantic error in the user's language (pydantic itself only speaks English)."""
    kind, ctx = err.get("type", ""), err.get("ctx") or {}
    simple = {
        "missing": _("必填。"),
        "string_type": _("应为文本。"),
        "int_type": _("应为整数。"), "int_parsing": _("应为整数。"),
        "int_from_float": _("应为整数。"),
        "float_type": _("应为数字。"), "float_parsing": _("应为数字。"),
        "decimal_type": _("应为数字。"), "decimal_parsing": _("应为数字。"),
        "bool_type": _("应为 true 或 false。"), "bool_parsing": _("应为 true 或 false。"),
        "date_type": _("日期格式应为 YYYY-MM-DD。"), "date_parsing": _("日期格式应为 YYYY-MM-DD。"),
        "date_from_datetime_parsing": _("日期格式应为 YYYY-MM-DD。"),
        "datetime_type": _("时间格式应为 ISO 8601，例如 2025-03-01T09:00:00+08:00。"),
        "datetime_parsing": _("时间格式应为 ISO 8601，例如 2025-03-01T09:00:00+08:00。"),
        "datetime_from_date_parsing": _("时间格式应为 ISO 8601，例如 2025-03-01T09:00:00+08:00。"),
        "list_type": _("应为列表。"), "dict_type": _("应为对象。"), "model_type": _("应为对象。"),
        "model_attributes_type": _("应为对象。"),
        "json_invalid": _("请求体不是合法的 JSON。"), "json_type": _("请求体不是合法的 JSON。"),
        "uuid_parsing": _("应为 UUID。"), "uuid_type": _("应为 UUID。"),
        "extra_forbidden": _("不支持该字段。"),
    }
    if kind in simple:
        return simple[kind]
    if kind in ("string_too_short", "too_short"):
        return _("至少%(n)s个字符。") % {"n": ctx.get("min_length", "")} if kind.startswith(
            "string") else _("至少%(n)s项。") % {"n": ctx.get("min_length", "")}
    if kind in ("string_too_long", "too_long"):
        return _("最多%(n)s个字符。") % {"n": ctx.get("max_length", "")} if kind.startswith(
            "string") else _("最多%(n)s项。") % {"n": ctx.get("max_length", "")}
    bounds = {"greater_than": _("应大于%(n)s。"), "greater_than_equal": _("应不小于%(n)s。"),
              "less_than": _("应小于%(n)s。"), "less_than_equal": _("应不大于%(n)s。")}
    if kind in bounds:
        limit = next((v for k, v in ctx.items() if k in ("gt", "ge", "lt", "le")), "")
        return bounds[kind] % {"n": limit}
    if kind in ("literal_error", "enum"):
        return _("取值无效，可选：%(values)s。") % {"values": ctx.get("expected", "")}
    # A custom validator's message (value_error/assertion_error) is ours already; anything else
    # keeps pydantic's text rather than hiding what is wrong.
    message = str(err.get("msg", ""))
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    return message


def error_body(code: str, message: str, fields: dict | None = None) -> dict:
    return {"error": {"code": code, "message": message, "fields": fields or {}}}


def error_response(status: int, message: str, fields: dict | None = None,
                   code: str | None = None) -> JsonResponse:
    return JsonResponse(error_body(code or CODES.get(status, "error"), message, fields),
                        status=status, json_dumps_params={"ensure_ascii": False})


def install_error_handlers(api):
    @api.exception_handler(ApplicationError)
    def application_error(request, exc: ApplicationError):
        status = refusal_status(exc)  # the same table the pages use (core/refusals.py)
        message = str(exc.message)  # a lazy translation becomes text in the active language
        fields = {field: [str(m) for m in messages]
                  for field, messages in errors_by_field(exc).items() if field}
        body = error_body(CODES.get(status, "invalid"), message, fields)
        if exc.extra:
            body["error"]["detail"] = {k: v for k, v in exc.extra.items()
                                       if isinstance(v, str | int | float | bool)}
        return api.create_response(request, body, status=status)

    @api.exception_handler(ValidationError)
    def validation_error(request, exc: ValidationError):
        fields: dict[str, list[str]] = {}
        for err in exc.errors:
            loc = [str(p) for p in err.get("loc", []) if p not in _LOC_NOISE]
            fields.setdefault(".".join(loc) or "__all__", []).append(_field_message(err))
        detail = "；".join(f"{name}：{' '.join(messages)}" for name, messages in fields.items())
        message = (_("请求参数有误：%(detail)s") % {"detail": detail} if detail
                   else _("请求参数有误，请检查后重试。"))
        return api.create_response(request, error_body("validation_error", message, fields),
                                   status=422)

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return api.create_response(request, error_body("not_found", _("未找到。")),
                                   status=refusal_status(exc))

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return api.create_response(
            request, error_body("forbidden", str(exc) or _("您没有权限执行此操作。")),
            status=refusal_status(exc))

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc: AuthenticationError):
        message = exc.message if exc.message != "Unauthorized" else _("请先登录或提供有效的令牌。")
        return api.create_response(request, error_body("unauthenticated", message), status=401)

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        status = exc.status_code
        message = str(exc)
        if status == 429:
            message = _("请求过于频繁，请稍后再试。")
        elif status == 403 and message == "Forbidden":
            message = _("您没有权限执行此操作。")
        return api.create_response(request, error_body(CODES.get(status, "error"), message),
                                   status=status)

    @api.exception_handler(Exception)
    def server_error(request, exc: Exception):
        # The client learns that it failed, never how: details go to the log only.
        log.exception("API error on %s %s", request.method, request.path)
        return api.create_response(
            request, error_body("server_error", _("服务器内部错误，请稍后重试；如持续出现请联系管理员。")),
            status=500)


@csrf_exempt  # nothing happens here; a CSRF page would break the one error shape
def unknown_api_url(request, *args, **kwargs):
    """404 for any /api/v1 URL no endpoint matches, in the same shape."""
    return error_response(404, _("没有这个接口地址，请查看 /api/v1/docs。"))


def with_json_405(view):
    """Ninja answers a wrong method with an empty 405; give it the error shape too."""

    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and not response.get("Content-Type", "").startswith(
                "application/json"):
            allowed = response.get("Allow", "")
            json = error_response(405, _("该接口不支持 %(method)s 方法。")
                                  % {"method": request.method})
            if allowed:
                json["Allow"] = allowed
            return json
        return response

    for attr in ("csrf_exempt",):
        if hasattr(view, attr):
            setattr(wrapped, attr, getattr(view, attr))
    wrapped.__name__ = getattr(view, "__name__", "api_view")
    return wrapped
