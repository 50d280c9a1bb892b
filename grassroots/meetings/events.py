from django.utils.translation import gettext_lazy as _

from grassroots.core.events import register_event_codes

EVENT_LABELS = {
    "meeting_plan": _("登记会议"),
    "meeting_hold": _("会议已召开"),
    "meeting_record_minutes": _("录入会议纪要"),
    "meeting_cancel": _("取消会议"),
    "meeting_attendance_record": _("登记到会情况"),
    "meeting_attendee_add": _("增加参会人员"),
    "meeting_attachment_add": _("上传会议附件"),
    "meeting_vote_record": _("登记表决结果"),
    "meeting_calendar_generate": _("生成应开会议"),
}

register_event_codes("meetings", EVENT_LABELS)
