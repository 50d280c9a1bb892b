"""Pages of the points sub-area (concatenated into the app's urlpatterns)."""

from django.urls import path

from .views import branch, member, rating, scheme

urlpatterns = [
    path("points/mine/", member.mine, name="points_mine"),
    path("points/mine/<int:pk>/dispute/", member.dispute, name="points_dispute"),
    path("points/rounds/<int:pk>/rate/", member.rate, name="points_rate"),
    path("points/", branch.branch, name="points_branch"),
    path("points/schemes/", scheme.scheme_list, name="points_schemes"),
    path("points/schemes/new/", scheme.scheme_new, name="points_scheme_new"),
    path("points/schemes/<int:pk>/", scheme.scheme_detail, name="points_scheme"),
    path("points/schemes/<int:pk>/act/", scheme.scheme_act, name="points_scheme_act"),
    path("points/entries/<int:pk>/act/", branch.entry_act, name="points_entry_act"),
    path("points/stats/", branch.stats, name="points_stats"),
    path("points/orgs/<int:pk>/rating/", rating.rating_page, name="points_rating"),
    path("points/orgs/<int:pk>/rating/act/", rating.rating_act, name="points_rating_act"),
    path("points/orgs/<int:pk>/posting.xlsx", branch.posting_table, name="points_posting_xlsx"),
    path("points/members/<int:pk>/card.docx", branch.point_card, name="points_card"),
]
