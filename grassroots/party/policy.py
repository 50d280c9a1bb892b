"""Who may see and change the party tree (see core/policy.py). Reading goes through the models'
``restrict()`` (party_org dimensions); changing an organisation or its roll needs it in the
actor's managed subtree (an organisation officer's committee) or the county organisation
department."""

from django.utils.translation import gettext_lazy as _

from grassroots.core.policy import Policy, rule


def manages(scope, org) -> bool:
    return scope.sees_all_party or (org is not None and org.pk in scope.ids("party_org_manage"))


class PartyPolicy(Policy):
    app_label = "party"

    @rule(_("只有党组织管理人员可以查看党组织。"), hidden=True)
    def view(self, scope, obj=None):
        return scope.sees_all_party or bool(
            scope.ids("party_org") or scope.ids("party_org_own"))

    @rule(_("只有县委组织部或上级党（工）委的组织委员可以管理该党组织。"))
    def manage(self, scope, org=None):
        if org is None:
            return scope.sees_all_party or bool(scope.ids("party_org_manage"))
        return manages(scope, org)

    @rule(_("只有县委组织部可以设立县委一级党组织。"))
    def create_root(self, scope, obj=None):
        return scope.sees_all_party

    @rule(_("只有县委组织部或党组织管理人员可以导出党员信息。"))
    def export(self, scope, obj=None):
        return scope.sees_all_party or bool(scope.ids("party_org"))

    @rule(_("只有县委组织部可以导出未脱敏的党员信息。"))
    def export_clear(self, scope, obj=None):
        return scope.sees_all_party

    @rule(_("只有县委组织部可以导入党组织和党员。"))
    def import_roll(self, scope, obj=None):
        return scope.sees_all_party
