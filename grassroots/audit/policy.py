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
        - otherwise only a citizen, and only when a registered record source allows it
          (demands: the dispatch centre and supervisors for citizens with a non-anonymous
          demand; handlers, unit leaders and grid secretaries for citizens of non-anonymous
          demands they may act on). Audit does not import those apps (selectors.register_pii_source).
        Read-only colleagues, town staff, the auditor and citizens never reveal anyone.
        """
        from grassroots.people.models import PersonKind

        from .selectors import _pii_sources

        if scope.user_id is None:
            return False
        if scope.is_admin:
            return True
        if person.kind != PersonKind.CITIZEN or scope.is_citizen and not scope.roles:
            return False
        return any(revealable(scope, person) for _v, revealable, _m in _pii_sources.values())
