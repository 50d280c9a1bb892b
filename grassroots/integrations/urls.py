"""Mounted at the site root: Open311 under /open311/v2/, the city 12345 link under /integrations/."""

from django.urls import path, re_path

from . import views
from .open311 import views as open311

app_name = "integrations"

FMT = r"\.(?P<fmt>json|xml)$"

urlpatterns = [
    re_path(r"^open311/v2/discovery" + FMT, open311.discovery, name="open311_discovery"),
    re_path(r"^open311/v2/services" + FMT, open311.services_list, name="open311_services"),
    re_path(r"^open311/v2/services/(?P<code>[\w\-]{1,20})" + FMT, open311.service_definition,
            name="open311_service"),
    re_path(r"^open311/v2/requests" + FMT, open311.requests_view, name="open311_requests"),
    re_path(r"^open311/v2/requests/(?P<request_id>[\w\-]{1,40})" + FMT, open311.request_detail,
            name="open311_request"),
    re_path(r"^open311/v2/tokens/(?P<token>[\w\-]{1,64})" + FMT, open311.token_detail,
            name="open311_token"),
    path("integrations/city12345/items", views.city12345_items, name="city12345_items"),
    path("integrations/city12345/", views.reconciliation, name="city12345"),
    path("integrations/city12345/retry", views.outbox_retry, name="outbox_retry"),
]
