"""Every write of S6 (docs/new-app.md §4), one module per sub-area."""

from .centre import activity_record, booking_cancel, centre_create, room_book
from .entry import (
    entry_apply,
    entry_approve,
    entry_assign_instructor,
    entry_first_meeting,
    entry_join_branch,
    entry_plan_coverage,
    entry_register,
    entry_select_secretary,
    entry_survey,
    entry_sync_transfers,
    entry_transfers_done,
    entry_withdraw,
)
from .people import (
    class_create,
    dual_life_record,
    instructor_create,
    lecture_record,
    lecturer_create,
    mentorship_create,
    trainee_record,
    visit_record,
)
from .registry import org_assign_instructor, org_register, org_survey, park_create
from .teams import (
    matter_record,
    matter_solve,
    matter_to_demand,
    problem_act,
    problem_raise,
    problem_solve,
    red_team_create,
    resource_share,
)

__all__ = [
    "activity_record", "booking_cancel", "centre_create", "class_create", "dual_life_record",
    "entry_apply", "entry_approve", "entry_assign_instructor", "entry_first_meeting",
    "entry_join_branch", "entry_plan_coverage", "entry_register", "entry_select_secretary",
    "entry_survey", "entry_sync_transfers", "entry_transfers_done", "entry_withdraw",
    "instructor_create", "lecture_record", "lecturer_create", "matter_record", "matter_solve",
    "matter_to_demand", "mentorship_create", "org_assign_instructor", "org_register",
    "org_survey", "park_create", "problem_act", "problem_raise", "problem_solve",
    "red_team_create", "resource_share", "room_book", "trainee_record", "visit_record",
]
