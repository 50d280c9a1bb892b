"""Who may do what with member records, dues and transfers (rules of PartyMembersPolicy)."""

from grassroots.core.policy import Policy


class RecordRules(Policy):
    pass
