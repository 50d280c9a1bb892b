"""The event codes the supervision services write (core.events registry)."""

from django.utils.translation import gettext_lazy as _

from grassroots.core.events import register_event_codes

from .transitions import Action

register_event_codes("supervision", Action)
register_event_codes("supervision", {
    # special reports and meetings (services/reports.py); "compile" is the table's
    "meeting_created": _("登记会议"),
    "meeting_item_created": _("登记会议事项"),
    "complete": _("完成会议事项"),
})
