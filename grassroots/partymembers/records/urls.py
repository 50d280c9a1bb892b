"""The records' pages under /party/ (names member_…, dues_…, transfer_…)."""

from django.urls import path

from .views import dues, profile, transfers

urlpatterns = [
    path("members/<int:pk>/profile/", profile.member_profile, name="member_profile"),
    path("members/<int:pk>/do/<slug:action>/", profile.member_action, name="member_action"),
    path("branches/<int:pk>/roster/", profile.member_roster, name="member_roster"),
    path("branches/<int:pk>/dues/", dues.dues_month, name="dues_month"),
    path("branches/<int:pk>/dues/issue/", dues.dues_issue, name="dues_issue"),
    path("dues/bills/<int:pk>/pay/", dues.dues_pay, name="dues_pay"),
    path("dues/reductions/<int:pk>/<slug:decision>/", dues.dues_reduction_decide,
         name="dues_reduction_decide"),
    path("transfers/", transfers.transfer_list, name="transfer_list"),
    path("transfers/<int:pk>/", transfers.transfer_detail, name="transfer_detail"),
    path("transfers/<int:pk>/do/<slug:action>/", transfers.transfer_action,
         name="transfer_action"),
    path("transfers/<int:pk>/letter.<slug:fmt>", transfers.transfer_letter,
         name="transfer_letter"),
]
