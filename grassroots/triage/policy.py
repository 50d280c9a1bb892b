"""Who may do what with text intelligence: models, settings, hot topics, reply quality
(see core/policy.py)."""

from django.utils.translation import gettext_lazy as _

from grassroots.core.policy import Policy, rule


class TriagePolicy(Policy):
    app_label = "triage"

    # ``actor=None`` is the system (the periodic retraining job).
    @rule(_("只有平台管理员可以执行此操作。"), system=True)
    def administer(self, scope, obj=None):
        return scope.is_admin

    @rule(_("只有平台管理员可以管理智能分析模型。"))
    def manage_models(self, scope, obj=None):
        return scope.is_admin

    @rule(_("只有督查、派单人员可以查看热点分析。"))
    def hot_topics(self, scope, obj=None):
        return scope.is_supervisor or scope.is_dispatcher

    @rule(_("只有督查人员可以查看答复质量核查清单。"))
    def review_replies(self, scope, obj=None):
        return scope.is_supervisor

    @rule(_("只有派单中心可以执行此操作。"))
    def see_duplicates(self, scope, obj=None):
        return scope.is_dispatcher

    @rule(_("只有派单中心可以排除疑似重复。"))
    def dismiss_duplicate(self, scope, obj=None):
        return scope.is_dispatcher

    @rule(_("只有派单中心、镇街和网格工作人员可以查看疑似重复。"))
    def intake_duplicates(self, scope, obj=None):
        return bool(scope.is_dispatcher or scope.town_ids or scope.is_secretary)

    @rule(_("只有督查、派单人员可以查看疑似重复发生清单。"))
    def recurrences(self, scope, obj=None):
        return scope.is_supervisor or scope.is_dispatcher
