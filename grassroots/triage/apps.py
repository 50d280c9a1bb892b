from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

WEEK = 7 * 24 * 3600


class TriageConfig(AppConfig):
    name = "grassroots.triage"
    verbose_name = _("智能分析")

    def ready(self):
        from grassroots.core.dashboard import register_nav
        from grassroots.core.periodic import register_job
        from grassroots.demands.advisors import register_dispatch_advisor, register_reply_flags
        from grassroots.demands.services.common import register_lifecycle_hook

        from .selectors import dispatch_suggestions, duplicates_for_demands, reply_gate_reasons
        from .services.hooks import on_lifecycle

        register_lifecycle_hook(on_lifecycle)
        register_dispatch_advisor(suggestions=dispatch_suggestions,
                                  duplicates=duplicates_for_demands)
        register_reply_flags(reply_gate_reasons)
        register_job("triage_retrain", "grassroots.triage.tasks:retrain_periodic", WEEK)
        register_nav(_nav)


def _nav(user, scope):
    from django.urls import reverse

    from grassroots.core.policy import allows

    items = []
    if allows(scope, "triage.hot_topics"):
        items.append({"label": _("热点"), "url": reverse("triage:hot"), "section": "supervision"})
    if allows(scope, "triage.recurrences"):
        items.append({"label": _("重复发生"), "url": reverse("triage:recurrences"),
                      "section": "supervision"})
    if allows(scope, "triage.review_replies"):
        items.append({"label": _("答复质量"), "url": reverse("triage:replies"), "section": "supervision"})
    if allows(scope, "triage.manage_models"):
        items.append({"label": _("智能模型"), "url": reverse("triage:models"), "section": "admin"})
    return items
