"""Every write to demands and assignments. Pages, API and tasks call these, nothing else."""

from .anonymity import anonymous_submitter_reveal
from .catalogue import categories_seed, dispatch_catalogue_seed
from .dispatch import (
    assignment_decide_return,
    assignment_escalate_return,
    assignment_return,
    catalogue_rule_for,
    demand_dispatch,
    demand_dispatch_batch,
    demand_merge,
)
from .followup import demand_follow_up, followup_watch
from .handling import (
    NOTE_KINDS,
    assignment_acknowledge,
    assignment_add_note,
    assignment_decide_extension,
    assignment_reply,
    assignment_request_extension,
    assignment_sign_off,
)
from .intake import (
    citizen_for_phone,
    demand_check,
    demand_create,
    demand_receive_from_city,
    demand_record_from_meeting,
    demand_record_from_phone,
    demand_record_from_visit,
    demand_submit_by_citizen,
)

__all__ = [
    "anonymous_submitter_reveal",
    "categories_seed", "dispatch_catalogue_seed",
    "NOTE_KINDS", "assignment_acknowledge", "assignment_add_note", "assignment_decide_extension",
    "assignment_decide_return", "assignment_escalate_return", "assignment_reply",
    "assignment_sign_off",
    "assignment_request_extension", "assignment_return", "catalogue_rule_for", "citizen_for_phone",
    "demand_check", "demand_create", "demand_dispatch", "demand_dispatch_batch", "demand_follow_up",
    "demand_merge", "demand_receive_from_city", "demand_record_from_meeting",
    "demand_record_from_phone", "demand_record_from_visit", "demand_submit_by_citizen",
    "followup_watch",
]
