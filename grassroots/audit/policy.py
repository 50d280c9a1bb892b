"""Who may read the audit log and reveal a citizen's clear phone or ID number
(docs/security.md, "PII"; see core/policy.py)."""

from django.utils.translation import gettext_lazy as _

from grassroots.core.policy import Policy, rule
from grassroots.core.scope import Role


class AuditPolicy(Policy):
    app_label = "audit"

    # Only the security auditor; the platform administrator deliberately cannot (三员分立).
    @rule(_("只有安全审计员可以查看审计日志。"))
    def read_log(self, scope, obj=None):
        return Role.AUDITOR in scope.roles

    # A person the user may not reveal is the same 404 as a missing one.
    @rule("未找到", hidden=True)
    def reveal_pii(self, scope, person=None):
        """Who needs a citizen's clear phone or ID number:

        - the platform administrator: anyone;
        - the dispatch centre and supervisors (they call citizens for dispatch and follow-up):
          citizens with at least one non-anonymous demand;
        - handlers, unit leaders and grid secretaries: citizens of non-anonymous demands they
          may act on (assigned to their unit, or in their grid).
        Read-only colleagues, town staff, the auditor and citizens never reveal anyone.
        """
        from grassroots.demands.models import Demand
        from grassroots.people.models import PersonKind

        if scope.user_id is None:
            return False
        if scope.is_admin:
            return True
        if person.kind != PersonKind.CITIZEN or scope.is_citizen and not scope.roles:
            return False
        demands = Demand.objects.filter(citizen=person, is_anonymous=False)
        if scope.is_dispatcher or scope.is_supervisor:
            return demands.exists()
        if not (scope.unit_ids or scope.grid_ids):
            return False
        return demands.restrict_scope(scope, "change").exists()
