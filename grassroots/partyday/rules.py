"""What each kind of attendee may do at a theme party day (S3 §5.1, 00-common §1.3).

Every invitee sits in as a guest of the meeting (``meetings.AttendanceRole.GUEST``): the party
vote rule counts full members only, so none of them is ever counted as a voter. Non-members
(mass representatives, activists) speak and propose; attending organ party members (the town's
guide) also hold the four rights in the branch they sink into (知情权、话语权、参与权、监督权).
"""

from django.utils.translation import gettext_lazy as _

from .models import InviteeKind

FOUR_RIGHTS = {"know": _("知情权"), "speak": _("话语权"), "participate": _("参与权"),
               "supervise": _("监督权")}
# how many working days a suggestion may wait before it is routed (inferred, S3 §5.3)
ROUTE_WORKING_DAYS = 2


def rights_of(kind: str) -> list[str]:
    """The rights recorded on an invitation of ``kind``."""
    if kind == InviteeKind.TOWN_STAFF:
        return list(FOUR_RIGHTS)
    return ["speak"]


def may_vote(kind: str) -> bool:
    """No invitee votes on the branch's party matters (S6 art. 7 a fortiori, inferred)."""
    return False


def may_propose(kind: str) -> bool:
    return True
