from django.utils.translation import gettext_lazy as _

from grassroots.core.timeline import subject_timeline

from .models import ObjectionStatus, PublicityStatus
from .transitions import Action, ObjectionAction

ACTION_LABELS = {
    "publicity_created": _("建立公示"),
    "objection_received": _("受理异议"),
    "objection_closed": _("异议办结"),
    **dict(Action.choices),
    **dict(ObjectionAction.choices),
}


def publicity_timeline(publicity) -> list[dict]:
    return subject_timeline(publicity, actions=ACTION_LABELS, states=PublicityStatus,
                            action_states={"objection_closed": ObjectionStatus})


def objection_timeline(objection) -> list[dict]:
    return subject_timeline(objection, actions=ACTION_LABELS, states=ObjectionStatus)
