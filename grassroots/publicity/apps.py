from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicityConfig(AppConfig):
    name = "grassroots.publicity"
    verbose_name = _("公示")
    url_prefix = "publicity/"  # mounted by config/urls.py

    def ready(self):
        from grassroots.core.dashboard import register_cards, register_nav
        from grassroots.core.periodic import register_job
        from grassroots.core.timeline import register_action_labels

        from . import transitions  # noqa: F401 - registers the two tables
        from .dashboard import nav
        from .home import home_items
        from .timeline import ACTION_LABELS

        register_action_labels(ACTION_LABELS)
        register_nav(nav)
        register_cards(home_items)
        register_job("publicity_end_due", "grassroots.publicity.services:publicity_end_due", 3600)
        _register_organization_subject()


def _register_organization_subject():
    """A unit, village committee or town office publicises something of its own (the officers'
    "new publicity" page): names, results, decisions — never ID numbers, addresses or phones.
    The labels are the published data's own (stored with each entry), so they are not translated."""
    from .subjects import register_subject

    register_subject("orgs.organization", labels=[
        "事项", "姓名", "性别", "出生年月", "学历", "工作单位及职务",
        "所在村（社区）", "所在党支部", "推荐等次", "主要事迹", "拟定结果", "说明"])
