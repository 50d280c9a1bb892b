from django.urls import path

from . import views

app_name = "example"
urlpatterns = [
    path("errands/<int:pk>/", views.errand_detail, name="errand"),
    path("errands/<int:pk>/act/", views.errand_act, name="errand_act"),
]
