from django.urls import path

from . import documents, views

app_name = "twonew"
urlpatterns = [
    path("", views.home, name="home"),
    path("coverage/", views.coverage_page, name="coverage"),
    path("export/<slug:kind>/", views.export, name="export"),
    path("orgs/", views.org_list, name="orgs"),
    path("orgs/new/", views.org_new, name="org_new"),
    path("orgs/import/", views.org_import, name="org_import"),
    path("orgs/<int:pk>/", views.org_detail, name="org_detail"),
    path("orgs/<int:pk>/survey/", views.org_survey, name="org_survey"),
    path("entries/", views.entry_list, name="entries"),
    path("entries/new/", views.entry_new, name="entry_new"),
    path("entries/<int:pk>/", views.entry_detail, name="entry_detail"),
    path("entries/<int:pk>/step/", views.entry_step, name="entry_step"),
    path("entries/<int:pk>/sheet/", documents.entry_sheet, name="entry_sheet"),
    path("entries/<int:pk>/approval/", documents.entry_approval, name="entry_approval"),
    path("entries/<int:pk>/request/", documents.entry_request, name="entry_request"),
    path("people/appointment/", documents.appointment, name="appointment"),
    path("people/", views.people_page, name="people"),
    path("visits/new/", views.visit_new, name="visit_new"),
    path("centre/", views.centre_page, name="centre"),
    path("centre/book/", views.room_book, name="room_book"),
    path("centre/calendar/", views.centre_calendar, name="centre_calendar"),
    path("bookings/<int:pk>/cancel/", views.booking_cancel, name="booking_cancel"),
    path("teams/", views.teams_page, name="teams"),
    path("new/<slug:kind>/", views.register_new, name="register_new"),
    path("problems/<int:pk>/act/", views.problem_act, name="problem_act"),
    path("matters/<int:pk>/act/", views.matter_act, name="matter_act"),
]
