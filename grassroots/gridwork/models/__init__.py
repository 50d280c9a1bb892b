"""Grid work: visits, the monthly rhythm, trainings, volunteering and pioneer selection."""

from .pioneer import (
    Nomination,
    NominationLevel,
    NominationStatus,
    PioneerRound,
    RoundStatus,
    Score,
    nomination_entry_key,
)
from .rhythm import MonthlyReport, MonthlyTheme
from .training import Attendance, TrainingKind, TrainingMaterial, TrainingSession
from .visits import ORIGIN_VISIT, Visit, VisitForm, VisitPhoto
from .volunteer import VolunteerActivity, VolunteerKind

__all__ = [
    "ORIGIN_VISIT", "Attendance", "MonthlyReport", "MonthlyTheme", "Nomination", "NominationLevel",
    "NominationStatus", "PioneerRound", "RoundStatus", "Score",
    "TrainingKind", "TrainingMaterial", "TrainingSession", "Visit", "VisitForm", "VisitPhoto",
    "VolunteerActivity", "VolunteerKind", "nomination_entry_key",
]
