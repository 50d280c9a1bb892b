"""One JSON error shape everywhere: {"error": {"code", "message", "fields"}}."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja.errors import AuthenticationError, HttpError, ValidationError

from grassroots.core.errors import ApplicationError


def error_body(code: str, message: str, fields: dict | None = None) -> dict:
    return {"error": {"code": code, "message": message, "fields": fields or {}}}


def install_error_handlers(api):
    @api.exception_handler(ApplicationError)
    def application_error(request, exc: ApplicationError):
        code = {409: "conflict", 403: "forbidden"}.get(exc.status_code, "invalid")
        fields = {exc.field: [exc.message]} if exc.field else {}
        return api.create_response(request, error_body(code, exc.message, fields),
                                   status=exc.status_code)

    @api.exception_handler(ValidationError)
    def validation_error(request, exc: ValidationError):
        fields: dict[str, list[str]] = {}
        for err in exc.errors:
            loc = [str(p) for p in err.get("loc", []) if p not in ("body", "query", "path", "form")]
            fields.setdefault(".".join(loc) or "__all__", []).append(err.get("msg", ""))
        return api.create_response(
            request, error_body("validation_error", "请求参数有误，请检查后重试。", fields), status=422
        )

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return api.create_response(request, error_body("not_found", "未找到。"), status=404)

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return api.create_response(
            request, error_body("forbidden", str(exc) or "您没有权限执行此操作。"), status=403
        )

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        return api.create_response(request, error_body("unauthenticated", "请先登录或提供有效的令牌。"),
                                   status=401)

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        return api.create_response(request, error_body("error", str(exc)), status=exc.status_code)
