"""Who may do what in the development pipeline (rules of PartyMembersPolicy). The steps of a
case are the transition table's (``transitions.case_who``); these rules are the rest."""

from django.utils.translation import gettext_lazy as _

from grassroots.core.policy import Policy, rule
from grassroots.party.roles import PartyRole


def _branch_staff(scope, org=None) -> bool:
    """A branch secretary (his subtree) or an officer of a committee above."""
    if scope.sees_all_party:
        return True
    if org is None:
        return bool(scope.ids("party_org_manage")) or (
            PartyRole.BRANCH_SECRETARY in scope.roles and bool(scope.ids("party_org")))
    return org.pk in scope.ids("party_org_manage") or (
        PartyRole.BRANCH_SECRETARY in scope.roles and org.pk in scope.ids("party_org"))


def _town(scope, org=None) -> bool:
    if scope.sees_all_party:
        return True
    if org is None:
        return bool(scope.ids("party_org_manage"))
    return org.pk in scope.ids("party_org_manage")


class DevelopmentRules(Policy):
    @rule(_("只有党组织书记、组织委员和县委组织部可以查看发展党员工作。"), hidden=True)
    def dev_view(self, scope, obj=None):
        return _branch_staff(scope)

    @rule(_("只有本党支部书记或上级党（工）委组织委员可以登记入党申请。"))
    def dev_apply(self, scope, org=None):
        return _branch_staff(scope, org)

    @rule(_("请先登录并完成实名信息后再递交入党申请。"))
    def dev_apply_self(self, scope, obj=None):
        return bool(scope.person_id)

    @rule(_("只有本党支部书记或上级党（工）委组织委员可以登记考察和发起公示。"))
    def dev_branch_work(self, scope, case=None):
        return _branch_staff(scope, getattr(case, "organisation", None))

    @rule(_("只有上级党（工）委组织委员或县委组织部可以办理政审、联审和负面清单。"))
    def dev_town_work(self, scope, org=None):
        return _town(scope, org)

    @rule(_("只有本部门的政审人员可以回复该政审函。"), hidden=True)
    def dev_review_answer(self, scope, check=None):
        if check is None:
            from .models import ReviewDepartment

            return bool(scope.unit_ids) and ReviewDepartment.objects.filter(
                organization_id__in=scope.unit_ids, is_active=True).exists()
        return check.department.organization_id in scope.unit_ids

    @rule(_("只有上级党（工）委组织委员或县委组织部可以查看超期预警。"), hidden=True)
    def dev_overdue(self, scope, obj=None):
        return _town(scope)

    @rule(_("只有县委组织部可以查看部门政审超期情况和全县统计。"), hidden=True)
    def dev_county(self, scope, obj=None):
        return scope.sees_all_party

    @rule(_("只有县委组织部可以配置政审部门和年度发展计划。"))
    def dev_configure(self, scope, obj=None):
        return scope.sees_all_party

    @rule(_("只有上级党（工）委组织委员或县委组织部可以办理发展党员的组织关系转接。"), system=True)
    def dev_transfer(self, scope, case=None):
        return _town(scope, getattr(case, "organisation", None))
