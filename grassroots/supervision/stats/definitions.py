"""What every figure means: the groupings, the score's weights, the red list's bar and the
definitions shown on the pages and stored in bulletins (docs/rates.md says the same; change both)."""

from django.utils.translation import gettext, gettext_noop

from .rules import DEFAULT_MIN_SAMPLE as RANK_MIN_SAMPLE  # noqa: F401 - the shipped value
from .rules import rank_min_sample  # noqa: F401 - read by units and pages

GROUPS = ("unit", "town", "grid", "category")
# Weights of the composite score used for the ranking (a missing rate is left out and the
# remaining weights are renormalised, so a unit is not punished for having no sample).
SCORE_WEIGHTS = {"response": 40.0, "resolution": 30.0, "satisfaction": 30.0}
# 红榜: the best-ranked units with a score of at least this and nothing overdue. The score is the
# three rates only (a late reply that resolved the matter costs no points), so a unit can rank
# first with an overdue item; the red list, the bulletin and the page say why it is not on it.
RED_LIST_MIN_SCORE = 95.0
RED_LIST_SIZE = 5
# A unit is ranked (and can be on the red list) only with at least this many orders in its
# response sample (应签收): rule-set data the county sets (``stats.rules``, family
# "supervision.ranking", param "rank.min_sample").


# Chinese as stored in bulletins and reports (official documents); pages show them through
# ``definitions_display()`` in the active language.
DEFINITIONS = {
    "response": (
        gettext_noop("响应率"),
        gettext_noop("按时签收件数 ÷ 应签收件数（至统计时点已签收或签收时限已过的派单，"
                     "不含经派单中心同意退回或撤回的工单；尚未到签收时限且未签收的不计入）"),
    ),
    "resolution": (
        gettext_noop("解决率"),
        gettext_noop("主办答复为“已解决”的件数 ÷（已答复件数 + 未答复且已超过时限的件数）"),
    ),
    "satisfaction": (
        gettext_noop("满意率"),
        gettext_noop("首次回访评价为“满意”或“基本满意”的件数 ÷ 首次回访已评价件数（不含回访无应答）；"
                     "重新办理后再评价不改变首次评价，排名、红榜和通报按此率计算"),
    ),
    "satisfaction_final": (
        gettext_noop("最终满意率"),
        gettext_noop("最后一次回访评价为“满意”或“基本满意”的件数 ÷ 最后一次回访已评价件数"
                     "（重新办理后以最后一轮评价为准），与首次满意率并列显示，不参加排名"),
    ),
    "overdue": (
        gettext_noop("超期件"),
        gettext_noop("签收超时、答复超时，或至统计时点仍未办结且已过当前时限的工单，"
                     "未办结的超期件同样计入"),
    ),
    "score": (
        gettext_noop("综合得分"),
        gettext_noop("响应率×40% + 解决率×30% + 满意率×30%（无样本的率不计入并按权重折算），"
                     "得分相同者并列同一名次，下一名次顺延（如1、1、3）；应签收件数不足最低样本量的"
                     "单位不参加排名，名次旁注明样本量n"),
    ),
    "red_list": (
        gettext_noop("红榜"),
        gettext_noop("综合得分不低于95分且本期没有超期件的单位，按名次取前5名；名次并列的单位"
                     "同进同出，因此红榜可能多于5个单位。只有达到最低样本量的单位参加排名。综合得分"
                     "只计三率，答复超时不扣分，因此有超期件的单位可能名次靠前，但不进入红榜"),
    ),
}


def definitions_display(definitions=None) -> list[tuple[str, str]]:
    """(name, text) pairs of the definitions (default: the current ones) in the active language;
    also translates the Chinese copies stored in a bulletin's figures."""
    pairs = (definitions if definitions is not None else DEFINITIONS).values()
    return [(gettext(name), gettext(text)) for name, text in pairs]
