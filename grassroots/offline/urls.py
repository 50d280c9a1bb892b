from django.urls import path

from . import views

app_name = "offline"
urlpatterns = [
    path("sw.js", views.service_worker, name="sw"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("reference.json", views.reference_data, name="reference"),
    path("outbox/", views.outbox_page, name="outbox"),
    path("themedays/<int:pk>/", views.themeday_record, name="themeday_record"),
    # moved to /api/v1/offline/… (grassroots.offline.api): 308 there
    path("api/visits", views.moved_visit_submit),
    path("api/themedays/<int:pk>/record", views.moved_themeday_submit),
]
