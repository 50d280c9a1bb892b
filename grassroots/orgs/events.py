"""The event codes the organisation services write (core.events registry)."""

from django.utils.translation import gettext_lazy as _

from grassroots.core.events import register_event_codes

register_event_codes("orgs", {
    "membership_granted": _("授予职务"),
    "membership_ended": _("终止职务"),
    "signoff_settings": _("修改负责人审核设置"),
})
