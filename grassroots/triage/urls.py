from django.urls import path

from . import views

app_name = "triage"

urlpatterns = [
    path("models/", views.models_page, name="models"),
    path("models/table/", views.models_table, name="models_table"),
    path("models/train/", views.model_train, name="model_train"),
    path("models/<int:pk>/activate/", views.model_activate, name="model_activate"),
    path("settings/", views.settings_update, name="settings"),
    path("hot/", views.hot_page, name="hot"),
    path("replies/", views.replies_page, name="replies"),
    path("recurrences/", views.recurrences_page, name="recurrences"),
    path("reply-check/", views.reply_check, name="reply_check"),
    path("intake-duplicates/", views.intake_duplicates, name="intake_duplicates"),
    path("duplicates/<int:pk>/dismiss/", views.duplicate_dismiss, name="duplicate_dismiss"),
]
