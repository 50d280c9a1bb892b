"""Who may do what in the development pipeline (rules of PartyMembersPolicy)."""

from grassroots.core.policy import Policy


class DevelopmentRules(Policy):
    pass
