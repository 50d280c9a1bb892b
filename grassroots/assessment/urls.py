from django.urls import path

from . import views

app_name = "assessment"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("records/<int:pk>/", views.record_detail, name="record"),
    path("records/<int:pk>/act/", views.record_act, name="record_act"),
    path("periods/", views.periods, name="periods"),
    path("periods/<int:pk>/", views.period_detail, name="period"),
    path("contact-points/", views.contact_points, name="contact_points"),
]
