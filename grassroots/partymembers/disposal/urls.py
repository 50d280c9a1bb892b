"""Pages of the disposal sub-area (concatenated into the app's urlpatterns)."""

from django.urls import path

from .views import member, pages

urlpatterns = [
    path("disposal/", pages.case_list, name="dsp_cases"),
    path("disposal/mine/", pages.my_cases, name="dsp_mine"),
    path("disposal/statistics/", pages.statistics, name="dsp_statistics"),
    path("disposal/members/", member.member_pick, name="dsp_member_pick"),
    path("disposal/members/<int:pk>/", member.member_page, name="dsp_member"),
    path("disposal/members/<int:pk>/act/", member.member_act, name="dsp_member_act"),
    path("disposal/eighth/<int:pk>/", pages.eighth_roll, name="dsp_eighth"),
    path("disposal/<int:pk>/", pages.case_detail, name="dsp_case"),
    path("disposal/<int:pk>/act/", pages.case_act, name="dsp_act"),
    path("disposal/<int:pk>/documents/<slug:doc>.<str:fmt>", pages.case_document,
         name="dsp_document"),
]
