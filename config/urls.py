
from django.apps import apps
from django.contrib import admin
from django.urls import include, path

from grassroots.core.ratelimit import ratelimit

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    # The admin site's own login gets the same per-address limit as /login/ (django-axes
    # locks the account on top of it).
    path("admin/login/", ratelimit("login")(admin.site.login), name="admin_login_limited"),
    path("admin/", admin.site.urls),
    path("", include("grassroots.core.urls")),
    path("", include("grassroots.audit.urls")),
    path("calendar/", include("grassroots.workcal.urls")),
    path("", include("grassroots.api.urls")),
    path("", include("grassroots.demands.urls")),
    path("supervision/", include("grassroots.supervision.urls")),
    path("triage/", include("grassroots.triage.urls")),
    path("grid/", include("grassroots.gridwork.urls")),
    path("", include("grassroots.integrations.urls")),
]

# An app whose AppConfig declares ``url_prefix`` is mounted there (docs/new-app.md).
urlpatterns += [path(config.url_prefix, include(f"{config.name}.urls"))
                for config in apps.get_app_configs() if getattr(config, "url_prefix", None)]

handler500 = "grassroots.audit.views.server_error"
