from django.urls import path

from . import views

app_name = "partyday"
urlpatterns = [
    path("", views.day_list, name="day_list"),
    path("new/", views.day_new, name="day_new"),
    path("<int:pk>/", views.day_detail, name="day_detail"),
    path("<int:pk>/invite/", views.day_invite, name="day_invite"),
    path("<int:pk>/sign-in/<int:invitation>/", views.day_sign_in, name="day_sign_in"),
    path("<int:pk>/hold/", views.day_hold, name="day_hold"),
    path("<int:pk>/suggest/", views.day_suggest, name="day_suggest"),
    path("<int:pk>/lecture/", views.day_lecture, name="day_lecture"),
    path("<int:pk>/comment/", views.day_comment, name="day_comment"),
    path("<int:pk>/doc/<str:doc>/", views.day_document, name="day_document"),
    path("suggestions/", views.suggestion_list, name="suggestion_list"),
    path("suggestions/<int:pk>/", views.suggestion_detail, name="suggestion_detail"),
    path("suggestions/<int:pk>/act/", views.suggestion_act, name="suggestion_act"),
    path("suggestions/<int:pk>/slip/", views.suggestion_slip, name="suggestion_slip"),
    path("stats/", views.stats_page, name="stats"),
    path("stats/xlsx/", views.stats_xlsx, name="stats_xlsx"),
    path("stats/not-held/", views.not_held_page, name="not_held"),
    path("menus/", views.menu_list, name="menu_list"),
    path("menus/new/", views.menu_new, name="menu_new"),
    path("menus/<int:pk>/", views.menu_detail, name="menu_detail"),
    path("menus/<int:pk>/act/", views.menu_act, name="menu_act"),
    path("menus/<int:pk>/doc/", views.menu_document, name="menu_document"),
    path("sites/", views.site_list, name="site_list"),
    path("sites/new/", views.site_new, name="site_new"),
    path("sites/<int:pk>/act/", views.site_act, name="site_act"),
    path("representatives/", views.rep_list, name="rep_list"),
    path("representatives/new/", views.rep_new, name="rep_new"),
    path("invitations/", views.my_invitations, name="my_invitations"),
    path("invitations/<int:pk>/reply/", views.invitation_reply, name="invitation_reply"),
    path("me/", views.rep_home, name="rep_home"),
    path("me/log/", views.rep_log, name="rep_log"),
]
