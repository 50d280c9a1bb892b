
from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    # Browsers ask for /favicon.ico whatever the page says.
    path("favicon.ico", RedirectView.as_view(url=static("favicon.svg"), permanent=True)),
    path("admin/", admin.site.urls),
    path("", include("grassroots.core.urls")),
    path("", include("grassroots.people.urls")),
    path("calendar/", include("grassroots.workcal.urls")),
    path("", include("grassroots.api.urls")),
    path("", include("grassroots.demands.urls")),
    path("supervision/", include("grassroots.supervision.urls")),
    path("triage/", include("grassroots.triage.urls")),
    path("grid/", include("grassroots.gridwork.urls")),
    path("", include("grassroots.integrations.urls")),
    path("", include("grassroots.audit.urls")),
]

handler500 = "grassroots.audit.views.server_error"
