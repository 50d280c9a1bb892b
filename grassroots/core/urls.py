from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("notifications/", views.notification_list, name="notifications"),
    path("favicon.ico", views.favicon),
]
