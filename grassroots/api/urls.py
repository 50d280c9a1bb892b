"""The REST API under /api/v1. Each app contributes a router in its ``api.py``."""

from importlib import import_module

from django.urls import path, re_path
from ninja import NinjaAPI

from .auth import API_AUTH
from .docs import LocalSwagger, docs_asset
from .errors import install_error_handlers, unknown_api_url, with_json_405
from .renderers import LocalTimeJSONRenderer
from .schemas import ErrorOut
from .throttle import TokenOrAddressThrottle

ERROR_STATUSES = {
    "400": "请求有误（字段错误见 fields）", "401": "未登录或令牌无效", "403": "无权限",
    "404": "不存在或不在您的范围内", "409": "当前状态不允许此操作（message 说明原因）",
    "413": "上传文件过大", "422": "参数校验失败（字段错误见 fields）", "429": "请求过于频繁",
}


class GrassrootsAPI(NinjaAPI):
    """Documents the one error shape on every operation of every router.

    The error handlers are global, so every operation can answer with them; routers that do not
    declare them still get them in the schema (and schemathesis holds us to it).
    """

    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        if "ErrorOut" not in components:
            error_schema = ErrorOut.model_json_schema(ref_template="#/components/schemas/{model}")
            components.update(error_schema.pop("$defs", {}))
            components["ErrorOut"] = error_schema
        ref = {"$ref": "#/components/schemas/ErrorOut"}
        for methods in schema.get("paths", {}).values():
            for operation in methods.values():
                responses = operation.setdefault("responses", {})
                for status, description in ERROR_STATUSES.items():
                    if status in responses or int(status) in responses:
                        continue
                    responses.setdefault(status, {
                        "description": description,
                        "content": {"application/json": {"schema": ref}},
                    })
        return schema


api = GrassrootsAPI(
    title="grassroots API",
    version="1.0.0",
    description="基层治理平台接口。认证：`Authorization: Bearer <令牌>`（管理员创建）或页面登录会话。"
                "错误统一为 `{\"error\": {\"code\", \"message\", \"fields\"}}`。",
    urls_namespace="api-v1",
    auth=API_AUTH,
    renderer=LocalTimeJSONRenderer(),
    throttle=[TokenOrAddressThrottle()],
    docs=LocalSwagger(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
install_error_handlers(api)

ROUTERS = [
    ("/calendar", "grassroots.workcal.api"),
    ("/", "grassroots.demands.api"),
    ("/", "grassroots.orgs.api"),
    ("/", "grassroots.places.api"),
    ("/supervision", "grassroots.supervision.api"),
    ("/triage", "grassroots.triage.api"),
    ("/grid", "grassroots.gridwork.api"),
    ("/integrations", "grassroots.integrations.api"),
    ("/party-orgs", "grassroots.party.api"),
    ("/meetings", "grassroots.meetings.api"),
    ("/rule-sets", "grassroots.rulesets.api"),
    ("/publicities", "grassroots.publicity.api"),
    ("/party", "grassroots.partymembers.api"),
    ("/partyday", "grassroots.partyday.api"),
    ("/talent", "grassroots.talent.api"),
    ("/assessment", "grassroots.assessment.api"),
    ("/twonew", "grassroots.twonew.api"),
    ("/offline", "grassroots.offline.api"),
]

for prefix, module in ROUTERS:
    api.add_router(prefix, import_module(module).router)


def _api_patterns():
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        pattern.callback = with_json_405(pattern.callback)
    return patterns, app_name, namespace


urlpatterns = [
    path("api/v1/docs/assets/<str:name>", docs_asset, name="api-docs-asset"),
    path("api/v1/", _api_patterns()),
    re_path(r"^api/v1(?:/.*)?$", unknown_api_url),
]
