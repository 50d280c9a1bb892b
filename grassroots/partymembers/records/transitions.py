"""The case lives of the records: a transfer letter and a hardship reduction of dues."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from grassroots.core.policy import can
from grassroots.core.transitions import Transition, TransitionTable

from .models import DuesReduction, ReductionStatus, Transfer, TransferStatus


class TransferAction(models.TextChoices):
    ACCEPT = "transfer_accept", _("接收")
    RETURN = "transfer_return", _("退回")
    EXPIRE = "transfer_expire", _("过期")
    CANCEL = "transfer_cancel", _("撤销")


def transfer_who(user, transfer) -> list[str]:
    who = []
    if can(user, "partymembers.transfer_receive", transfer):
        who.append("receiver")
    if can(user, "partymembers.transfer_cancel", transfer):
        who.append("sender")
    return who


T = TransferStatus
# issued → accepted | returned | expired | cancelled. Expiry is the daily job's (system).
TRANSFER_TABLE = TransitionTable(
    [
        Transition(T.ISSUED, TransferAction.ACCEPT, "receiver", T.ACCEPTED),
        Transition(T.ISSUED, TransferAction.RETURN, "receiver", T.RETURNED),
        Transition(T.ISSUED, TransferAction.CANCEL, "sender", T.CANCELLED),
        Transition(T.ISSUED, TransferAction.EXPIRE, "system", T.EXPIRED),
    ],
    name="partymembers.transfer", model=Transfer, states=TransferStatus, actions=TransferAction,
    who_of=transfer_who, hidden=[TransferAction.EXPIRE],
    refusal=_("介绍信当前状态为“%(state)s”，不能%(action)s。"),
)


class ReductionAction(models.TextChoices):
    APPROVE = "dues_reduction_approve", _("批准")
    REJECT = "dues_reduction_reject", _("不同意")


def reduction_who(user, reduction) -> list[str]:
    return ["upper"] if can(user, "partymembers.dues_reduction_decide", reduction) else []


R = ReductionStatus
REDUCTION_TABLE = TransitionTable(
    [
        Transition(R.PROPOSED, ReductionAction.APPROVE, "upper", R.APPROVED),
        Transition(R.PROPOSED, ReductionAction.REJECT, "upper", R.REJECTED),
    ],
    name="partymembers.dues_reduction", model=DuesReduction, states=ReductionStatus,
    actions=ReductionAction, who_of=reduction_who,
)
