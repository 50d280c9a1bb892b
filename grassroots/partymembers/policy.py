from .development.policy import DevelopmentRules
from .disposal.policy import DisposalRules
from .points.policy import PointsRules
from .records.policy import RecordRules


class PartyMembersPolicy(RecordRules, DevelopmentRules, PointsRules, DisposalRules):
    app_label = "partymembers"
