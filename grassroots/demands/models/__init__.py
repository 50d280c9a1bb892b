from .assignment import ACTIVE_STATUSES as ACTIVE_STATUSES_ASSIGNMENT
from .assignment import SIGNOFF_STATUSES, Assignment, AssignmentRole, AssignmentStatus
from .catalogue import Category, DeadlinePolicy, DispatchRule
from .demand import (
    ANONYMOUS_TYPES,
    OPEN_STATUSES,
    AnonymousSubmitter,
    Attachment,
    Channel,
    Demand,
    DemandStatus,
    DemandType,
    FollowUp,
    Grade,
    Outcome,
    Satisfaction,
)

__all__ = [
    "ANONYMOUS_TYPES", "OPEN_STATUSES",
    "ACTIVE_STATUSES_ASSIGNMENT", "SIGNOFF_STATUSES", "AnonymousSubmitter",
    "Assignment", "AssignmentRole", "AssignmentStatus", "Attachment", "Category", "Channel",
    "DeadlinePolicy", "Demand", "DemandStatus", "DemandType", "DispatchRule",
    "FollowUp", "Grade", "Outcome", "Satisfaction",
]
