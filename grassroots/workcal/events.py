"""The event codes the working-calendar services write (core.events registry)."""

from django.utils.translation import gettext_lazy as _

from grassroots.core.events import register_event_codes

register_event_codes("workcal", {
    "calendar_day_set": _("设置工作日历"),
    "calendar_year_mark_complete": _("标记年度日历完整"),
    "calendar_year_seeded": _("导入年度日历"),
    "work_schedule_set": _("设置作息时间"),
})
