"""Who may do what in the disposal sub-area (rules of PartyMembersPolicy)."""

from grassroots.core.policy import Policy


class DisposalRules(Policy):
    pass
