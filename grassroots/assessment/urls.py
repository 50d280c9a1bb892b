from django.urls import path

from . import views

app_name = "assessment"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("records/<int:pk>/", views.record_detail, name="record"),
    path("records/<int:pk>/act/", views.record_act, name="record_act"),
    path("records/<int:pk>/form.docx", views.record_form, name="record_form"),
    path("periods/", views.periods, name="periods"),
    path("periods/open/", views.period_open, name="period_open"),
    path("periods/<int:pk>/", views.period_detail, name="period"),
    path("periods/<int:pk>/table.docx", views.period_table, name="period_table"),
    path("contact-points/", views.contact_points, name="contact_points"),
    path("contact-points/notice.docx", views.contact_point_notice, name="contact_point_notice"),
]
