"""The event codes routine assessment writes (core.events registry)."""

from django.utils.translation import gettext_lazy as _

from grassroots.core.events import register_event_codes

from .transitions import Action, AnnualAction, ContactAction

register_event_codes("assessment", Action)
register_event_codes("assessment", ContactAction)
register_event_codes("assessment", AnnualAction)
register_event_codes("assessment", {
    "cp_designated": _("确定联系点"),
    "cp_reviewed": _("联系点季度观察"),
    "section_saved": _("保存科室"),
    "civil_servant_enrolled": _("登记公务员名册"),
    "scheme_created": _("制定考核方案"),
    "scheme_approved": _("批准考核方案"),
    "period_opened": _("开启季度考核"),
    "routine_opened": _("建立季度记实"),
    "routine_s1_items": _("诉求办理计入清单事项"),
    "annual_collected": _("汇总平时考核等次"),
    "quota_decided": _("核定优秀名额"),
    "result_used": _("记录考核结果运用"),
    "excellent_publicised": _("公示优秀等次人选"),
    "indicator_scored": _("考核指标评分"),
})
