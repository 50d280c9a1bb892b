from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "grassroots.assessment"
    verbose_name = _("平时考核")
    url_prefix = "assessment/"  # mounted by config/urls.py

    def ready(self):
        from grassroots.core.dashboard import register_cards, register_nav
        from grassroots.core.scope import (
            register_role,
            register_scope_dimension,
            register_scope_provider,
        )
        from grassroots.publicity.subjects import register_subject

        from . import policy, transitions  # noqa: F401 - register the tables and the policy
        from .home import home_items, nav
        from .roles import DIMENSIONS, AssessmentRole
        from .scope import assessment_scope

        for code, label in AssessmentRole.choices:
            register_role(code, label)
        for name in DIMENSIONS:
            register_scope_dimension(name)
        register_scope_provider(assessment_scope)
        from .services.excellent import PUBLISHED_LABEL, on_objection_upheld, quota_pii

        register_subject("assessment.quotaallocation", labels=[PUBLISHED_LABEL], pii=quota_pii,
                         on_upheld=on_objection_upheld, url_name="assessment:quota")
        register_nav(nav)
        register_cards(home_items)
