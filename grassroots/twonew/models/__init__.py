"""S6 models, one module per sub-area: the register and parks (registry), park entries with the
four synchronisations (entry), instructors, training, lecturers (people), the service centre
(centre), red teams, worker matters and shared resources (teams)."""

from .centre import CenterActivity, FunctionRoom, RoomBooking, ServiceCenter, Zone
from .entry import EntryMember, EntryStatus, ParkEntry, SyncKind, SyncStatus, SyncTask
from .people import (
    DualOrgLife,
    Instructor,
    InstructorVisit,
    Lecture,
    Lecturer,
    Mentorship,
    Trainee,
    TrainingClass,
)
from .registry import (
    CoverageMode,
    CoverageSettings,
    OperatingStatus,
    OrgKind,
    Park,
    ParkStaff,
    TwoNewOrg,
)
from .teams import (
    ProblemStatus,
    RedTeam,
    RedTeamKind,
    RedTeamMember,
    SharedResource,
    TeamProblem,
    WorkerMatter,
)

__all__ = [
    "CenterActivity", "CoverageMode", "CoverageSettings", "DualOrgLife", "EntryMember",
    "EntryStatus", "FunctionRoom", "Instructor", "InstructorVisit", "Lecture", "Lecturer",
    "Mentorship", "OperatingStatus", "OrgKind", "Park", "ParkEntry", "ParkStaff", "ProblemStatus",
    "RedTeam", "RedTeamKind", "RedTeamMember", "RoomBooking", "ServiceCenter", "SharedResource",
    "SyncKind", "SyncStatus", "SyncTask", "TeamProblem", "Trainee", "TrainingClass",
    "TwoNewOrg", "WorkerMatter", "Zone",
]
