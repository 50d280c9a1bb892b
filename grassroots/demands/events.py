"""The event codes the demand services write (core.events registry)."""

from django.utils.translation import gettext_lazy as _

from grassroots.core.events import register_event_codes

from .transitions import Action

register_event_codes("demands", Action)
register_event_codes("demands", {
    "create": _("受理登记"),  # a demand recorded (intake); the only "create"
    "status": _("状态变更"),
    "categorized": _("派单时确定分类"),
    "unconsolidated": _("未汇总协办答复即答复"),  # the lead's written reason
})
