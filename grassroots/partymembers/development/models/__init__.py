"""Models of the development sub-area (imported by ../models.py so Django finds them)."""

from .case import (
    JOINT_REVIEW_SECTORS,
    STAGE_OF_STEP,
    CaseStatus,
    DevelopmentCase,
    PeriodicKind,
    PeriodicRecord,
    Sector,
    Step,
    StepRecord,
)
from .gates import (
    CloseRelativeReport,
    CloseRelativeStatus,
    DepartmentAnswer,
    DevelopmentPlan,
    JointReview,
    JointReviewStatus,
    NegativeCategory,
    NegativeListEntry,
    NegativeStatus,
    ReviewCheck,
    ReviewDepartment,
)

__all__ = [
    "JOINT_REVIEW_SECTORS", "STAGE_OF_STEP", "CaseStatus", "DevelopmentCase", "PeriodicKind",
    "PeriodicRecord", "Sector", "Step", "StepRecord", "CloseRelativeReport",
    "CloseRelativeStatus", "DepartmentAnswer", "DevelopmentPlan", "JointReview",
    "JointReviewStatus", "NegativeCategory", "NegativeListEntry", "NegativeStatus",
    "ReviewCheck", "ReviewDepartment",
]
