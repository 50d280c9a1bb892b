from django.urls import path

from .views import applicant, documents, overview, titles

app_name = "talent"
urlpatterns = [
    path("", titles.index, name="index"),
    path("applications/", titles.application_list, name="application_list"),
    path("applications/<int:pk>/", titles.application_detail, name="application_detail"),
    path("applications/<int:pk>/act/", titles.application_act, name="application_act"),
    path("applications/<int:pk>/form.docx", documents.application_form, name="application_form"),
    path("rounds/<int:pk>/", titles.round_detail, name="round_detail"),
    path("rounds/<int:pk>/publicise/", titles.round_publicise, name="round_publicise"),
    path("rounds/<int:pk>/documents/<slug:kind>/", documents.round_document,
         name="round_document"),
    path("statistics/", titles.statistics, name="statistics"),
    path("scitech/", overview.overview, name="overview"),
    path("my/", applicant.my_applications, name="my"),
    path("my/register/", applicant.my_register, name="my_register"),
    path("my/apply/", applicant.my_apply, name="my_apply"),
]
