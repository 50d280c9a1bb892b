from django.urls import path

from . import views

app_name = "publicity"
urlpatterns = [
    path("", views.public_list, name="public_list"),
    path("<int:pk>/object/", views.public_object, name="public_object"),
    path("manage/", views.officer_list, name="officer_list"),
    path("manage/new/", views.officer_new, name="officer_new"),
    path("manage/<int:pk>/", views.officer_detail, name="officer_detail"),
    path("manage/<int:pk>/act/", views.officer_act, name="officer_act"),
    path("manage/<int:pk>/objections/", views.objection_record, name="objection_record"),
    path("manage/objections/<int:pk>/act/", views.objection_act, name="objection_act"),
]
