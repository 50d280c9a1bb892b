"""The pioneer round's life, in one table read by the services, the pages and the tests."""

from django.utils.translation import gettext_lazy as _

from .models import RoundStatus

S = RoundStatus


class RoundAction:
    START_NOMINATING = "start_nominating"
    START_REVIEW = "start_review"
    PUBLICIZE = "publicize"
    PUBLISH = "publish"
    CANCEL = "cancel"


ACTION_LABELS = {
    RoundAction.START_NOMINATING: _("开始推荐"),
    RoundAction.START_REVIEW: _("结束推荐，开始评审"),
    RoundAction.PUBLICIZE: _("按评分排名并公示"),
    RoundAction.PUBLISH: _("公示期满，正式公布"),
    RoundAction.CANCEL: _("取消本轮选树"),
}

# (from status, action) -> to status. Anything not listed is refused.
ROUND: dict[tuple[str, str], str] = {
    (S.OPEN, RoundAction.START_NOMINATING): S.NOMINATING,
    (S.NOMINATING, RoundAction.START_REVIEW): S.REVIEWING,
    (S.REVIEWING, RoundAction.PUBLICIZE): S.PUBLICITY,
    (S.PUBLICITY, RoundAction.PUBLISH): S.PUBLISHED,
    (S.OPEN, RoundAction.CANCEL): S.CANCELLED,
    (S.NOMINATING, RoundAction.CANCEL): S.CANCELLED,
    (S.REVIEWING, RoundAction.CANCEL): S.CANCELLED,
    (S.PUBLICITY, RoundAction.CANCEL): S.CANCELLED,
}

ALL_ACTIONS = (RoundAction.START_NOMINATING, RoundAction.START_REVIEW, RoundAction.PUBLICIZE,
               RoundAction.PUBLISH, RoundAction.CANCEL)


def round_target(status: str, action: str) -> str | None:
    return ROUND.get((status, action))


def round_actions(status: str) -> list[str]:
    return [a for a in ALL_ACTIONS if (status, a) in ROUND]
