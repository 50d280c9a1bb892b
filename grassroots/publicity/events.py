from django.utils.translation import gettext_lazy as _

from grassroots.core.events import register_event_codes

from .transitions import Action, ObjectionAction

register_event_codes("publicity", {
    "publicity_created": _("建立公示"),
    "objection_received": _("受理异议"),
    "objection_closed": _("异议办结"),
    **dict(Action.choices),
    **dict(ObjectionAction.choices),
})
