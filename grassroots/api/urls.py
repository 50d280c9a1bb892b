"""The REST API under /api/v1. Each app contributes a router in its ``api.py``."""

from django.urls import path
from ninja import NinjaAPI
from ninja.security import SessionAuth

from .errors import install_error_handlers

api = NinjaAPI(
    title="grassroots API",
    version="1.0.0",
    urls_namespace="api-v1",
    auth=[SessionAuth()],
    docs_url="/docs",
    openapi_url="/openapi.json",
)
install_error_handlers(api)

ROUTERS = [
    ("/calendar", "grassroots.workcal.api"),
    ("/", "grassroots.demands.api"),
    ("/supervision", "grassroots.supervision.api"),
    ("/triage", "grassroots.triage.api"),
    ("/grid", "grassroots.gridwork.api"),
    ("/integrations", "grassroots.integrations.api"),
]

for prefix, module in ROUTERS:
    from importlib import import_module

    api.add_router(prefix, import_module(module).router)

urlpatterns = [path("api/v1/", api.urls)]
