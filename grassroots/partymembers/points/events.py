"""Event codes of the points sub-area (register_event_codes("partymembers", {...}))."""

from django.utils.translation import gettext_lazy as _

from grassroots.core.events import register_event_codes

register_event_codes("partymembers", {
    "points_scheme_create": _("起草积分实施方案"),
    "points_scheme_publish": _("发布积分实施方案"),
    "points_scheme_close": _("结束积分年度"),
    "points_item_set": _("修改积分项目"),
    "points_item_add": _("增加积分项目"),
    "points_item_remove": _("删除积分项目"),
    "points_scheme_set": _("修改积分方案的权重、等次和上限"),
    "points_entry_propose": _("登记积分"),
    "points_entry_confirm": _("确认积分"),
    "points_entry_dispute": _("对积分提出异议"),
    "points_entry_uphold": _("异议不成立，维持积分"),
    "points_entry_void": _("作废积分"),
    "points_nightly": _("自动积分"),
    "points_round_open": _("开启党员互评"),
    "points_round_close": _("结束党员互评"),
    "points_peer_rated": _("参加党员互评"),
    "points_org_rate": _("组织评定"),
    "points_posted": _("公示支部积分"),
    "points_results_computed": _("计算年度积分结果"),
})
