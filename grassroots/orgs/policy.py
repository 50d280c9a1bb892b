"""Who may change organisations' memberships, the basis of everyone's scope (see core/policy.py)."""

from django.utils.translation import gettext_lazy as _

from grassroots.core.policy import Policy, rule


class OrgsPolicy(Policy):
    app_label = "orgs"

    # ``actor=None`` is a system job (importer, demo builder, migration) running with no user.
    @rule(_("只有平台管理员可以调整人员的任职。"), system=True)
    def manage_memberships(self, scope, obj=None):
        return scope.is_admin

    # Leader sign-off settings: the unit's own leader, or the county's administrator and the
    # dispatch centre.
    @rule(_("只有本单位负责人、派单中心或平台管理员可以修改审核设置。"), system=True)
    def signoff_settings(self, scope, unit=None):
        leads = scope.ids("leader_unit")
        return scope.is_dispatcher or (bool(leads) if unit is None else unit.pk in leads)
