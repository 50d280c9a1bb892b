from .development.policy import DevelopmentRules
from .records.policy import RecordRules


class PartyMembersPolicy(RecordRules, DevelopmentRules):
    app_label = "partymembers"
