"""Pages of the development pipeline (concatenated into the app's urlpatterns)."""

from django.urls import path

from .views import cases, config, gates

urlpatterns = [
    path("development/", cases.case_list, name="dev_cases"),
    path("development/new/", cases.case_new, name="dev_new"),
    path("development/mine/", cases.my_cases, name="dev_mine"),
    path("development/apply/", cases.my_apply, name="dev_apply_self"),
    path("development/mine/<int:pk>/act/", cases.my_act, name="dev_mine_act"),
    path("development/<int:pk>/", cases.case_detail, name="dev_case"),
    path("development/<int:pk>/act/", cases.case_act, name="dev_act"),
    path("development/<int:pk>/gate/", gates.case_gate, name="dev_gate"),
    path("development/<int:pk>/record/", cases.case_record, name="dev_record"),
    path("development/<int:pk>/documents/<slug:doc>.<str:fmt>", cases.case_document,
         name="dev_document"),
    path("development/overdue/", gates.overdue, name="dev_overdue"),
    path("development/review/", gates.review_list, name="dev_review"),
    path("development/review/<int:pk>/", gates.review_answer, name="dev_review_answer"),
    path("development/review/overdue/", gates.review_overdue, name="dev_review_overdue"),
    path("development/review/turnaround/", gates.turnaround, name="dev_turnaround"),
    path("development/structure/", gates.structure, name="dev_structure"),
    path("development/plans/", gates.plans, name="dev_plans"),
    path("development/configure/", config.configure, name="dev_configure"),
    path("development/joint-reviews/", gates.joint_reviews, name="dev_joint_reviews"),
    path("development/negative/", gates.negative, name="dev_negative"),
    path("development/negative/<int:pk>/close/", gates.negative_close,
         name="dev_negative_close"),
]
