"""The event codes the integration services write (core.events registry)."""

from django.utils.translation import gettext_lazy as _

from grassroots.core.events import register_event_codes

register_event_codes("integrations", {
    "api_token_created": _("创建接口令牌"),
    "revoke": _("吊销接口令牌"),
})
