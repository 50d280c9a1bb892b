"""The lives of a points scheme (draft → published → closed) and of an entry (proposed →
confirmed | disputed → upheld | voided), read by services, pages and the generated tests."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from grassroots.core.policy import can
from grassroots.core.transitions import Transition, TransitionTable

from .models import EntryStatus, PointEntry, PointsScheme, SchemeStatus


class SchemeAction(models.TextChoices):
    PUBLISH = "points_scheme_publish", _("发布")
    CLOSE = "points_scheme_close", _("结束年度")


def scheme_who(user, scheme) -> list[str]:
    return ["county"] if can(user, "partymembers.points_configure") else []


S = SchemeStatus
SCHEME_TABLE = TransitionTable(
    [
        Transition(S.DRAFT, SchemeAction.PUBLISH, "county", S.PUBLISHED),
        Transition(S.PUBLISHED, SchemeAction.CLOSE, "county", S.CLOSED),
    ],
    name="partymembers.points_scheme", model=PointsScheme, states=SchemeStatus,
    actions=SchemeAction, who_of=scheme_who,
    refusal=_("积分方案当前为“%(state)s”，不能%(action)s。"),
)


class EntryAction(models.TextChoices):
    CONFIRM = "points_entry_confirm", _("确认")
    DISPUTE = "points_entry_dispute", _("提出异议")
    UPHOLD = "points_entry_uphold", _("维持")
    VOID = "points_entry_void", _("作废")


def entry_who(user, entry) -> list[str]:
    who = []
    person = getattr(user, "person", None) if getattr(user, "is_authenticated", False) else None
    if person is not None and entry.member.person_id == person.pk:
        who.append("member")
    if can(user, "partymembers.points_record", entry.member):
        who.append("branch")
    return who


E = EntryStatus
# The member disputes a proposed or confirmed entry; the branch (organiser, secretary,
# committee) confirms, voids a proposal, and rules on a dispute (upheld: the entry stands).
ENTRY_TABLE = TransitionTable(
    [
        Transition(E.PROPOSED, EntryAction.CONFIRM, "branch", E.CONFIRMED),
        Transition(E.PROPOSED, EntryAction.VOID, "branch", E.VOIDED),
        Transition(E.PROPOSED, EntryAction.DISPUTE, "member", E.DISPUTED),
        Transition(E.CONFIRMED, EntryAction.DISPUTE, "member", E.DISPUTED),
        Transition(E.DISPUTED, EntryAction.UPHOLD, "branch", E.UPHELD),
        Transition(E.DISPUTED, EntryAction.VOID, "branch", E.VOIDED),
    ],
    name="partymembers.points_entry", model=PointEntry, states=EntryStatus,
    actions=EntryAction, who_of=entry_who,
    refusal=_("该积分当前为“%(state)s”，不能%(action)s。"),
)
