from django.urls import path

from .views import applicant, documents, overview, scitech, titles, training

app_name = "talent"
urlpatterns = [
    path("", titles.index, name="index"),
    path("applications/", titles.application_list, name="application_list"),
    path("applications/<int:pk>/", titles.application_detail, name="application_detail"),
    path("applications/<int:pk>/act/", titles.application_act, name="application_act"),
    path("applications/<int:pk>/form.docx", documents.application_form, name="application_form"),
    path("applications/<int:pk>/certificate.<slug:ext>", documents.certificate,
         name="certificate"),
    path("rounds/new/", titles.round_new, name="round_new"),
    path("rounds/<int:pk>/", titles.round_detail, name="round_detail"),
    path("rounds/<int:pk>/publicise/", titles.round_publicise, name="round_publicise"),
    path("rounds/<int:pk>/documents/<slug:kind>/", documents.round_document,
         name="round_document"),
    path("statistics/", titles.statistics, name="statistics"),
    path("scitech/", overview.overview, name="overview"),
    path("scitech/posts/", scitech.post_list, name="post_list"),
    path("scitech/posts/new/", scitech.post_new, name="post_new"),
    path("scitech/posts/<int:pk>/", scitech.post_detail, name="post_detail"),
    path("scitech/posts/<int:pk>/edit/", scitech.post_edit, name="post_edit"),
    path("scitech/posts/<int:pk>/act/", scitech.post_act, name="post_act"),
    path("bases/", training.base_list, name="base_list"),
    path("bases/new/", training.base_new, name="base_new"),
    path("bases/<int:pk>/", training.base_detail, name="base_detail"),
    path("bases/<int:pk>/edit/", training.base_edit, name="base_edit"),
    path("bases/<int:pk>/act/", training.base_act, name="base_act"),
    path("incubations/", training.incubation_list, name="incubation_list"),
    path("incubations/new/", training.incubation_new, name="incubation_new"),
    path("incubations/<int:pk>/", training.incubation_detail, name="incubation_detail"),
    path("incubations/<int:pk>/edit/", training.incubation_edit, name="incubation_edit"),
    path("incubations/<int:pk>/act/", training.incubation_act, name="incubation_act"),
    path("my/", applicant.my_applications, name="my"),
    path("my/register/", applicant.my_register, name="my_register"),
    path("my/apply/", applicant.my_apply, name="my_apply"),
]
