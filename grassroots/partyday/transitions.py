"""The lives of a theme party day, a suggestion and a demonstration site (S3 §5.3)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from grassroots.core.policy import allows
from grassroots.core.scope import get_scope
from grassroots.core.transitions import Transition, TransitionTable

from .models import DayStatus as D
from .models import DemonstrationSite, Suggestion, ThemePartyDay
from .models import SiteStatus as T
from .models import SuggestionStatus as S


class DayAction(models.TextChoices):
    INVITE = "themeday_invite", _("发出列席邀请")
    HOLD = "themeday_hold", _("登记开展情况")
    RECORD_SUGGESTIONS = "themeday_record_suggestions", _("登记意见建议")
    CLOSE = "themeday_close", _("办结")


def _recorder(user, case) -> list[str]:
    return ["branch"] if allows(get_scope(user), "partyday.record", case) else []


DAY_TABLE = TransitionTable(
    [Transition(D.PLANNED, DayAction.INVITE, "branch", D.INVITED),
     Transition(D.INVITED, DayAction.INVITE, "branch", D.INVITED),
     Transition(D.PLANNED, DayAction.HOLD, "branch", D.HELD),
     Transition(D.INVITED, DayAction.HOLD, "branch", D.HELD),
     Transition(D.HELD, DayAction.RECORD_SUGGESTIONS, "branch", D.SUGGESTIONS_RECORDED),
     Transition(D.SUGGESTIONS_RECORDED, DayAction.RECORD_SUGGESTIONS, "branch",
                D.SUGGESTIONS_RECORDED),
     # closed by the system when every suggestion is closed (or none was raised)
     Transition(D.HELD, DayAction.CLOSE, "system", D.CLOSED),
     Transition(D.SUGGESTIONS_RECORDED, DayAction.CLOSE, "system", D.CLOSED)],
    name="partyday.themeday", model=ThemePartyDay, states=D, actions=DayAction,
    who_of=_recorder, hidden=[DayAction.INVITE, DayAction.HOLD, DayAction.RECORD_SUGGESTIONS])


class SuggestionAction(models.TextChoices):
    TO_DEMAND = "suggestion_to_demand", _("转为群众诉求")
    DECIDE = "suggestion_decide", _("研究决定")
    FEEDBACK = "suggestion_feedback", _("反馈答复")
    RELAY = "suggestion_relay", _("群众代表已转告")


SUGGESTION_TABLE = TransitionTable(
    [Transition(S.RECORDED, SuggestionAction.TO_DEMAND, "branch", S.ROUTED),
     Transition(S.RECORDED, SuggestionAction.DECIDE, "branch", S.DECIDED),
     Transition(S.ROUTED, SuggestionAction.FEEDBACK, "branch", S.ANSWERED),
     Transition(S.DECIDED, SuggestionAction.FEEDBACK, "branch", S.ANSWERED),
     Transition(S.ANSWERED, SuggestionAction.RELAY, "branch", S.CLOSED)],
    name="partyday.suggestion", model=Suggestion, states=S, actions=SuggestionAction,
    who_of=lambda user, s: _recorder(user, s.theme_day),
    hidden=[SuggestionAction.DECIDE, SuggestionAction.FEEDBACK])


class SiteAction(models.TextChoices):
    NAME = "site_name", _("命名")
    REVIEW = "site_review", _("复核")
    KEEP = "site_keep", _("保留")
    REVOKE = "site_revoke", _("撤销")


def _county(user, site) -> list[str]:
    return ["county"] if allows(get_scope(user), "partyday.manage_sites") else []


SITE_TABLE = TransitionTable(
    [Transition(T.CANDIDATE, SiteAction.NAME, "county", T.NAMED),
     Transition(T.NAMED, SiteAction.REVIEW, "county", T.REVIEWED),
     Transition(T.KEPT, SiteAction.REVIEW, "county", T.REVIEWED),
     Transition(T.REVIEWED, SiteAction.KEEP, "county", T.KEPT),
     Transition(T.REVIEWED, SiteAction.REVOKE, "county", T.REVOKED)],
    name="partyday.site", model=DemonstrationSite, states=T, actions=SiteAction,
    who_of=_county)
