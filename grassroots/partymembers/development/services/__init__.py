"""Every write of the development pipeline (S2 §4.2, §4.4)."""

from .apply import case_apply
from .gates import (
    close_relative_act,
    joint_review_act,
    joint_review_request,
    negative_close,
    negative_create,
    review_answer,
    review_dispatch,
    review_rule,
)
from .lifecycle import (
    case_follow_transfer,
    case_leaving_set,
    case_publicity_start,
    case_suspend,
    department_set,
    periodic_record,
    plan_set,
)
from .steps import case_step

__all__ = [
    "case_apply", "case_step", "close_relative_act", "joint_review_act",
    "joint_review_request", "negative_close", "negative_create", "review_answer",
    "review_dispatch", "review_rule", "case_follow_transfer", "case_leaving_set",
    "case_publicity_start", "case_suspend", "department_set", "periodic_record", "plan_set",
]
