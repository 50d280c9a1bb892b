"""Who may do what with member records, dues and transfers (rules of PartyMembersPolicy).

Reading follows the party tree (00-common §9): the county organisation department everything,
a town's organisation officer his committee's tree, a branch secretary his branch, a member
his own record. Writing on a member's record is for the officers who see his branch (the
branch secretary, the town officer, the county); what needs the upper committee (a hardship
reduction, suspension and removal) is for the officers who *manage* the branch
(``party_org_manage``: the town's organisation officer) or the county."""

from django.utils.translation import gettext_lazy as _

from grassroots.core.policy import Policy, rule


def _org_id(obj):
    if obj is None:
        return None
    if hasattr(obj, "organisation_id"):  # a PartyMember
        return obj.organisation_id
    if hasattr(obj, "member"):  # a bill, reduction, search …
        return obj.member.organisation_id
    return obj.pk  # a PartyOrganisation


def _sees(scope, obj) -> bool:
    return scope.sees_all_party or _org_id(obj) in scope.ids("party_org")


class RecordRules(Policy):
    @rule(_("只有党组织书记、组织委员或县委组织部可以查看党员档案。"), hidden=True)
    def records_view(self, scope, obj=None):
        if obj is None:
            return scope.sees_all_party or bool(scope.ids("party_org"))
        return _sees(scope, obj)

    @rule(_("只能查看本人或本支部党员的档案。"), hidden=True)
    def member_view(self, scope, member=None):
        if member is not None and scope.person_id and member.person_id == scope.person_id:
            return True
        if member is None:
            return scope.sees_all_party or bool(scope.ids("party_org") or scope.ids("party_org_own"))
        return _sees(scope, member)

    @rule(_("只有本支部书记、上级党（工）委组织委员或县委组织部可以办理该党员的事项。"))
    def member_manage(self, scope, obj=None):
        if obj is None:
            return scope.sees_all_party or bool(scope.ids("party_org"))
        return _sees(scope, obj)

    @rule(_("须由上级党（工）委（组织委员）或县委组织部决定。"))
    def member_decide(self, scope, obj=None):
        if scope.sees_all_party:
            return True
        if obj is None:
            return bool(scope.ids("party_org_manage"))
        return _org_id(obj) in scope.ids("party_org_manage")

    @rule(_("党费减免须由上级党（工）委审批。"))
    def dues_reduction_decide(self, scope, reduction=None):
        return self.member_decide(scope, reduction)

    @rule(_("只有转入党组织的书记、上级组织委员或县委组织部可以接收或退回组织关系。"))
    def transfer_receive(self, scope, transfer=None):
        if transfer is None:
            return scope.sees_all_party or bool(scope.ids("party_org"))
        return scope.sees_all_party or transfer.to_org_id in scope.ids("party_org")

    @rule(_("只有转出党组织的书记、上级组织委员或县委组织部可以撤销介绍信。"))
    def transfer_cancel(self, scope, transfer=None):
        if transfer is None:
            return scope.sees_all_party or bool(scope.ids("party_org"))
        return scope.sees_all_party or transfer.from_org_id in scope.ids("party_org")
