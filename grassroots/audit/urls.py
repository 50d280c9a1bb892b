from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

urlpatterns = [
    # Sign-in and password pages live here: every attempt writes an audit row.
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("audit/", views.audit_list, name="audit_list"),
    path("audit/export.xlsx", views.audit_export, name="audit_export"),
    path("pii/<int:person_pk>/<slug:field>/", views.pii_reveal, name="pii_reveal"),
    path("pii/<int:person_pk>/<slug:field>/masked/", views.pii_masked, name="pii_masked"),
    path("account/2fa/", views.second_factor, name="second_factor"),
    path("healthz", views.healthz, name="healthz"),
]
