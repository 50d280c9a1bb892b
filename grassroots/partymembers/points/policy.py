"""Who may do what in the points sub-area (rules of PartyMembersPolicy)."""

from grassroots.core.policy import Policy


class PointsRules(Policy):
    pass
