"""Who may do what in the points sub-area (rules of PartyMembersPolicy), after 00-common §9:
the member his own entries; the branch (secretary, organiser) records, confirms and rules on
its members' entries; the town's officer his tree; the county organisation department the
scheme and everything."""

from django.utils.translation import gettext_lazy as _

from grassroots.core.policy import Policy, rule
from grassroots.party.roles import PartyRole


def _org_id(obj):
    if obj is None:
        return None
    if hasattr(obj, "organisation_id"):  # a PartyMember, a round, a posting
        return obj.organisation_id
    if hasattr(obj, "member"):  # an entry, a rating
        return obj.member.organisation_id
    return obj.pk  # a PartyOrganisation


def branch_staff(scope, obj=None) -> bool:
    """A branch secretary (his branch) or an officer of a committee above; the county."""
    if scope.sees_all_party:
        return True
    org_id = _org_id(obj)
    if org_id is None:
        return bool(scope.ids("party_org_manage")) or (
            PartyRole.BRANCH_SECRETARY in scope.roles and bool(scope.ids("party_org")))
    return org_id in scope.ids("party_org_manage") or (
        PartyRole.BRANCH_SECRETARY in scope.roles and org_id in scope.ids("party_org"))


class PointsRules(Policy):
    @rule(_("只有党组织书记、组织委员和县委组织部可以查看党员积分。"), hidden=True)
    def points_view(self, scope, obj=None):
        return branch_staff(scope, obj)

    @rule(_("只有本党支部书记、上级党（工）委组织委员可以登记和确认该党员的积分。"))
    def points_record(self, scope, obj=None):
        return branch_staff(scope, obj)

    @rule(_("只有县委组织部可以制定和发布积分实施方案。"))
    def points_configure(self, scope, obj=None):
        return scope.sees_all_party

    @rule(_("只有上级党（工）委组织委员或县委组织部可以查看积分统计。"), hidden=True)
    def points_stats(self, scope, obj=None):
        return scope.sees_all_party or bool(scope.ids("party_org_manage"))

    @rule(_("请以本人党员身份参加互评。"))
    def points_rate(self, scope, obj=None):
        return bool(scope.person_id)
