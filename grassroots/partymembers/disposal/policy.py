"""Who may do what in the disposal sub-area (rules of PartyMembersPolicy). The steps of a case
are the transition table's (``transitions.case_who``); these rules are the rest."""

from django.utils.translation import gettext_lazy as _

from grassroots.core.policy import Policy, rule
from grassroots.party.roles import PartyRole

from ..development.policy import _branch_staff as _staff
from ..development.policy import _town as _manages


class DisposalRules(Policy):
    @rule(_("只有党组织书记、组织委员和县委组织部可以查看不合格党员处置。"), hidden=True)
    def dsp_view(self, scope, obj=None):
        return _staff(scope)

    @rule(_("只有本党支部书记或上级党（工）委组织委员可以登记处置线索和正当理由。"))
    def dsp_flag(self, scope, member=None):
        return _staff(scope, getattr(member, "organisation", None))

    @rule(_("只有第八党支部书记或镇（街道）党（工）委组织委员可以登记教育转化记录。"))
    def dsp_educate(self, scope, case=None):
        if case is None or case.eighth_branch_id is None:
            return _manages(scope)
        return case.eighth_branch_id in scope.ids("party_org_manage") or scope.sees_all_party or (
            PartyRole.BRANCH_SECRETARY in scope.roles
            and case.eighth_branch_id in scope.ids("party_org"))

    @rule(_("只有镇（街道）党（工）委组织委员或县委组织部可以设立第八党支部。"))
    def dsp_eighth_create(self, scope, town=None):
        return _manages(scope, town)

    @rule(_("只有镇（街道）党（工）委组织委员或县委组织部可以查看处置统计。"), hidden=True)
    def dsp_statistics(self, scope, obj=None):
        return _manages(scope)

    @rule(_("请先登录。"), hidden=True)
    def dsp_mine(self, scope, obj=None):
        return bool(scope.person_id)
