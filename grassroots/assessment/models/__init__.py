from .annual import (
    AnnualAssessment,
    AnnualGrade,
    AnnualStatus,
    QuotaAllocation,
    ResultUse,
    ResultUseKind,
)
from .contact import AssessmentField, ContactPoint, ContactPointReview, ContactPointStatus
from .routine import (
    Grade,
    IndicatorScore,
    ItemEvent,
    ItemSource,
    Period,
    RoutineRecord,
    RoutineStatus,
    WorkLogEntry,
)
from .scheme import (
    AssessmentScheme,
    CivilServant,
    Indicator,
    IndicatorKind,
    Polarity,
    SchemeItem,
    SchemeKind,
    SchemeStatus,
    Section,
)

__all__ = [
    "AnnualAssessment", "AnnualGrade", "AnnualStatus", "AssessmentField", "AssessmentScheme",
    "CivilServant", "ContactPoint", "ContactPointReview", "ContactPointStatus", "Grade",
    "Indicator", "IndicatorKind", "IndicatorScore", "ItemEvent", "ItemSource", "Period", "Polarity",
    "QuotaAllocation", "ResultUse", "ResultUseKind", "RoutineRecord", "RoutineStatus",
    "SchemeItem", "SchemeKind", "SchemeStatus", "Section", "WorkLogEntry",
]
