from django.db import transaction
from django.utils.translation import gettext as _

from grassroots.core import clock
from grassroots.core.errors import ApplicationError
from grassroots.core.events import event_record
from grassroots.core.policy import require

from ..models import TriageSettings


def triage_settings_update(*, actor, auto_dispatch_enabled: bool,
                           auto_dispatch_threshold: float) -> TriageSettings:
    """Turn auto-dispatch on or off and set its confidence threshold (administrators only)."""
    require(actor, "triage.administer", message=_("只有平台管理员可以修改智能派单设置。"))
    try:
        threshold = float(auto_dispatch_threshold)
    except (TypeError, ValueError):
        raise ApplicationError(_("置信度下限应为0.5至0.999之间的小数。"),
                               field="auto_dispatch_threshold") from None
    if not 0.5 <= threshold <= 0.999:
        raise ApplicationError(_("置信度下限应为0.5至0.999之间的小数。"),
                               field="auto_dispatch_threshold")
    with transaction.atomic():
        obj, _created = TriageSettings.objects.select_for_update().get_or_create(pk=1)
        before = {"enabled": obj.auto_dispatch_enabled, "threshold": obj.auto_dispatch_threshold}
        obj.auto_dispatch_enabled = bool(auto_dispatch_enabled)
        obj.auto_dispatch_threshold = threshold
        obj.updated_at = clock.now()
        obj.updated_by = actor
        obj.save(update_fields=["auto_dispatch_enabled", "auto_dispatch_threshold",
                                "updated_at", "updated_by"])
        event_record(subject=obj, actor=actor, action="triage_settings",
                     note=f"自动派单：{'启用' if obj.auto_dispatch_enabled else '关闭'}，"
                          f"置信度下限 {threshold:.3f}",
                     extra={"before": before, "after": {"enabled": obj.auto_dispatch_enabled,
                                                        "threshold": threshold}})
    return obj
