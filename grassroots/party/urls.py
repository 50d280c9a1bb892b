from django.urls import path

from . import views

app_name = "party"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("orgs/new/", views.org_new, name="org_new"),
    path("orgs/<int:pk>/", views.org_detail, name="org"),
    path("orgs/<int:pk>/edit/", views.org_edit, name="org_edit"),
    path("orgs/<int:pk>/members/new/", views.member_new, name="member_new"),
    path("orgs/<int:pk>/term/", views.org_term, name="org_term"),
    path("orgs/<int:pk>/secretary/", views.org_secretary, name="org_secretary"),
    path("members/<int:pk>/remove/", views.member_remove, name="member_remove"),
    path("export/<slug:what>.xlsx", views.export, name="export"),
    path("import/", views.import_view, name="import"),
]
