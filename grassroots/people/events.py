"""The event codes the people services and importers write (core.events registry)."""

from django.utils.translation import gettext_lazy as _

from grassroots.core.events import register_event_codes

register_event_codes("people", {
    "citizen_registered": _("群众注册"),
    "person_created": _("登记人员"),
    "people_imported": _("批量导入人员"),
    "team_member_assigned": _("安排民情书记"),
    "team_member_replaced": _("更换民情书记"),
    "phone_verified": _("验证手机号"),
    "phone_claim_released": _("解除未验证的手机号"),
})
