"""Grid work: visits, the monthly rhythm, trainings, volunteering and pioneer selection."""

from .pioneer import (
    Nomination,
    NominationLevel,
    NominationStatus,
    Objection,
    ObjectionStatus,
    PioneerRound,
    RoundStatus,
    Score,
)
from .rhythm import MonthlyReport, MonthlyTheme
from .training import Attendance, TrainingKind, TrainingMaterial, TrainingSession
from .visits import ORIGIN_VISIT, Visit, VisitForm, VisitPhoto
from .volunteer import VolunteerActivity, VolunteerKind

__all__ = [
    "ORIGIN_VISIT", "Attendance", "MonthlyReport", "MonthlyTheme", "Nomination", "NominationLevel",
    "NominationStatus", "Objection", "ObjectionStatus", "PioneerRound", "RoundStatus", "Score",
    "TrainingKind", "TrainingMaterial", "TrainingSession", "Visit", "VisitForm", "VisitPhoto",
    "VolunteerActivity", "VolunteerKind",
]
