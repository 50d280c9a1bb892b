from .bulletins import (
    bulletin_action,
    bulletin_detail,
    bulletin_download,
    bulletin_edit,
    bulletin_list,
)
from .meetings import meeting_create, meeting_detail, meeting_item_complete, meeting_list
from .notices import notice_action, notice_create, notice_detail, notice_download, notice_list
from .reports import report_create, report_detail, report_download, report_list
from .stats import dashboard, stats_page

__all__ = [
    "bulletin_action", "bulletin_detail", "bulletin_download", "bulletin_edit", "bulletin_list",
    "dashboard", "meeting_create", "meeting_detail", "meeting_item_complete", "meeting_list",
    "notice_action", "notice_create", "notice_detail", "notice_download", "notice_list",
    "report_create", "report_detail", "report_download", "report_list", "stats_page",
]
