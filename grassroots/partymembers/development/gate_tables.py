"""The lives of the joint review and the close-relative report (S2 §4.4) as tables."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from grassroots.core.scope import get_scope
from grassroots.core.transitions import Transition, TransitionTable

from .models import CloseRelativeReport, CloseRelativeStatus, JointReview, JointReviewStatus


class GateWho(models.TextChoices):
    TOWN = "town", _("镇（街道）党（工）委")
    COUNTY = "county", _("县委组织部")


class JointAction(models.TextChoices):
    TOWN = "dev_jr_town", _("镇（街道）联审意见")
    AGREE = "dev_jr_agree", _("县委组织部同意")
    REJECT = "dev_jr_reject", _("县委组织部不同意")
    RETURN = "dev_jr_return", _("退回补充材料")


class RelativeAction(models.TextChoices):
    INSPECT = "dev_cr_inspect", _("镇（街道）考察")
    APPROVE = "dev_cr_approve", _("县委组织部同意")
    REJECT = "dev_cr_reject", _("县委组织部不同意")


def gate_who(user, gate) -> list[str]:
    scope = get_scope(user)
    if scope.sees_all_party:
        return [GateWho.TOWN, GateWho.COUNTY]
    if gate.case.organisation_id in scope.ids("party_org_manage"):
        return [GateWho.TOWN]
    return []


J, JA, R, RA = JointReviewStatus, JointAction, CloseRelativeStatus, RelativeAction
JOINT_REVIEW_TABLE = TransitionTable(
    [Transition(J.REQUESTED, JA.TOWN, GateWho.TOWN, J.TOWN_REVIEWED),
     Transition(J.TOWN_REVIEWED, JA.AGREE, GateWho.COUNTY, J.AGREED),
     Transition(J.TOWN_REVIEWED, JA.REJECT, GateWho.COUNTY, J.REJECTED),
     Transition(J.TOWN_REVIEWED, JA.RETURN, GateWho.COUNTY, J.RETURNED)],
    name="partymembers.joint_review", model=JointReview, states=J, actions=JA,
    who_of=gate_who)

CLOSE_RELATIVE_TABLE = TransitionTable(
    [Transition(R.REPORTED, RA.INSPECT, GateWho.TOWN, R.INSPECTED),
     Transition(R.INSPECTED, RA.APPROVE, GateWho.COUNTY, R.APPROVED),
     Transition(R.INSPECTED, RA.REJECT, GateWho.COUNTY, R.REJECTED)],
    name="partymembers.close_relative", model=CloseRelativeReport, states=R, actions=RA,
    who_of=gate_who)
