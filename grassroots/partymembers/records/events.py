"""Event codes of the records sub-area (register_event_codes("partymembers", {...}))."""

from django.utils.translation import gettext_lazy as _

from grassroots.core.events import register_event_codes

register_event_codes("partymembers", {
    "member_profile_updated": _("更新党员档案"),
    "member_exempted": _("批准免于参加组织生活"),
    "member_mobile_set": _("登记流动党员"),
    "member_mobile_ended": _("流动党员返回"),
    "member_lost_contact": _("登记失联"),
    "member_contact_searched": _("查找失联党员"),
    "member_contact_restored": _("恢复联系"),
    "member_suspended": _("停止党籍"),
    "member_lapsed_removed": _("按自行脱党除名"),
    "member_restored": _("恢复党籍"),
    "member_mobile_contacted": _("联系流动党员"),
    "member_probation": _("登记留党察看"),
    "member_probation_restored": _("留党察看期满恢复党员权利"),
    "member_work_assigned": _("布置工作任务"),
    "member_work_done": _("完成工作任务"),
    "dues_base_declared": _("申报党费基数"),
    "dues_bills_issued": _("生成党费账单"),
    "dues_paid": _("缴纳党费"),
    "dues_reduction_propose": _("提出党费减免"),
    "dues_reduction_approve": _("批准党费减免"),
    "dues_reduction_reject": _("不同意党费减免"),
    "transfer_issue": _("开具组织关系介绍信"),
    "transfer_accept": _("接收组织关系"),
    "transfer_return": _("退回组织关系介绍信"),
    "transfer_expire": _("介绍信过期"),
    "transfer_cancel": _("撤销组织关系介绍信"),
})
