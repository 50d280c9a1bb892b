from django.urls import path

from . import views

app_name = "rulesets"
urlpatterns = [
    path("", views.rule_set_list, name="list"),
    path("<int:pk>/", views.rule_set_detail, name="detail"),
    path("<int:pk>/local/new/", views.rule_set_local_new, name="local_new"),
    path("<int:pk>/confirm/", views.rule_set_confirm, name="confirm"),
]
