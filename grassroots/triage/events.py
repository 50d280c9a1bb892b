"""The event codes the triage services write (core.events registry)."""

from django.utils.translation import gettext_lazy as _

from grassroots.core.events import register_event_codes

register_event_codes("triage", {
    "recurrence_flagged": _("疑似重复发生"),  # on a demand
    "duplicate_dismissed": _("排除疑似重复"),  # on a demand: "不是重复"
    "triage_settings": _("修改分类设置"),
    "triage_train_start": _("开始训练分类模型"),
    "triage_train_failed": _("分类模型训练失败"),
    "triage_trained": _("分类模型训练完成"),
    "triage_activate": _("启用分类模型"),
})
