from .catalog import Specialty, Standard, TitleLevel  # noqa: F401
from .committee import Committee, Expert, ExpertRelative  # noqa: F401
from .register import RuralTalent  # noqa: F401
from .scitech import (  # noqa: F401
    FollowUpPhoto,
    FollowUpVisit,
    Platform,
    PostStatus,
    Rotation,
    SciTechPost,
    TalentProject,
)
from .titles import (  # noqa: F401
    Application,
    ApplicationStatus,
    CommitteeVote,
    EvaluationRound,
    ExpertAssignment,
    PriorityFlag,
    PriorityKind,
    Recusal,
    RoundQuota,
    Score,
    ScoreStage,
    SubsidyPayment,
    TitleAward,
)
from .training import (  # noqa: F401
    BaseStatus,
    Enrollment,
    IncubationCase,
    TrainingBase,
    TrainingCourse,
)
