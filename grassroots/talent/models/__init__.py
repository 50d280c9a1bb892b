from .catalog import Specialty, Standard, TitleLevel  # noqa: F401
from .committee import Committee, Expert, ExpertRelative  # noqa: F401
from .register import RuralTalent  # noqa: F401
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
