from .calendar import calendar_page  # noqa: F401
from .meetings import (  # noqa: F401
    attachment_download,
    meeting_act,
    meeting_attachments,
    meeting_attendance,
    meeting_attendees,
    meeting_detail,
    meeting_list,
    meeting_minutes,
    meeting_new,
)
from .votes import vote_new  # noqa: F401
