from django.urls import path

from . import views

app_name = "supervision"

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("stats/", views.stats_page, name="stats"),
    path("notices/", views.notice_list, name="notices"),
    path("notices/new/", views.notice_create, name="notice_create"),
    path("notices/<int:pk>/", views.notice_detail, name="notice"),
    path("notices/<int:pk>/<str:action>/", views.notice_action, name="notice_action"),
    path("notices/<int:pk>/download/<str:fmt>/", views.notice_download, name="notice_download"),
    path("bulletins/", views.bulletin_list, name="bulletins"),
    path("bulletins/<int:pk>/", views.bulletin_detail, name="bulletin"),
    path("bulletins/<int:pk>/edit/", views.bulletin_edit, name="bulletin_edit"),
    path("bulletins/<int:pk>/do/<str:action>/", views.bulletin_action, name="bulletin_action"),
    path("bulletins/<int:pk>/download/<str:fmt>/", views.bulletin_download,
         name="bulletin_download"),
    path("reports/", views.report_list, name="reports"),
    path("reports/new/", views.report_create, name="report_create"),
    path("reports/<int:pk>/", views.report_detail, name="report"),
    path("reports/<int:pk>/download/<str:fmt>/", views.report_download, name="report_download"),
    path("meetings/", views.meeting_list, name="meetings"),
    path("meetings/new/", views.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("meeting-items/<int:pk>/complete/", views.meeting_item_complete,
         name="meeting_item_complete"),
]
