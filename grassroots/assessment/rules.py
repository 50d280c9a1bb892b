"""The routine-assessment rule set (S5 §7.1, §7.3, §7.5) shipped as data, and its readers.

Every number a county may change lives here as a param of ``assessment.routine.2019``
(family ``assessment.routine``); a county tightens it through the rule-set pages. Loaded by
this app's migration 0002 with ``ship`` (idempotent, same shape as rulesets/shipped.py).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

FAMILY = "assessment.routine"

H, S = "hard", "soft"
MIN, MAX, EQ = "min", "max", "equal"
_S19 = "(recalled) [S19] 公务员平时考核办法（试行） and a local implementation"
_S18 = "(recalled) [S18] 公务员考核规定"
_INF = "(inferred) S5 §7.3"
_S1 = "(inferred) S5 §7.5 default item values"

SETS = [{
    "family": FAMILY, "code": "assessment.routine.2019", "status": "confirmed",
    "title": "公务员平时考核办法（试行）及县级实施细则", "issuer": "中共中央组织部",
    "doc_number": "", "effective_from": date(2019, 1, 1), "source_url": "",
    "source": "[S17]–[S19] (recalled); grade bands, the 40 % cap and the excellent "
              "prerequisite from local implementations; deadlines and S1 values (inferred).",
    "params": [
        ("grade.good.min_score", 90, 1, "times", H, MIN, True, "", "“好”等次分数线",
         "平时考核得分{value}分以上为“好”等次。", _S19),
        ("grade.fairly_good.min_score", 80, 1, "times", H, MIN, True, "", "“较好”等次分数线",
         "平时考核得分{value}分以上为“较好”等次。", _S19),
        ("grade.average.min_score", 60, 1, "times", H, MIN, True, "", "“一般”等次分数线",
         "平时考核得分{value}分以上为“一般”等次，以下为“较差”。", _S19),
        ("good.max_share", 2, 5, "fraction", S, MAX, True, "", "“好”等次比例",
         "“好”等次人数一般不超过本单位参加平时考核人数的{value}（本季度已评“好”{good}人，"
         "参加考核{total}人）。", _S19),
        ("self_summary.within_working_days", 5, 1, "working_days", S, MAX, True, "",
         "个人小结期限", "个人小结应在季度结束后{value}个工作日内提交。", _INF),
        ("review.within_working_days", 10, 1, "working_days", S, MAX, True, "", "评鉴期限",
         "直接领导应在季度结束后{value}个工作日内完成评鉴。", _INF),
        ("approve.within_working_days", 15, 1, "working_days", S, MAX, True, "", "审核期限",
         "单位负责人应在季度结束后{value}个工作日内审核。", _INF),
        ("feedback.within_working_days", 20, 1, "working_days", S, MAX, True, "", "反馈期限",
         "应在季度结束后{value}个工作日内反馈结果。", _INF),
        ("appeal.within_working_days", 5, 1, "working_days", H, MAX, True, "", "申诉期限",
         "对平时考核结果有异议的，应在反馈后{value}个工作日内提出申诉。", _INF),
        ("poor.requires_talk", 1, 1, "times", H, MIN, True, "", "“较差”须谈话",
         "平时考核为“较差”等次的，应当进行反馈谈话。", _INF),
        ("negative.requires_evidence", 1, 1, "times", H, MIN, True, "", "负面事项须有佐证",
         "记录负面清单事项须附佐证材料。", _INF),
        ("excellent.base_ratio", 1, 5, "fraction", H, MAX, True, "", "优秀等次基础比例",
         "年度考核优秀等次人数一般掌握在参加考核人数的{value}以内。", _S18),
        ("excellent.min_slots", 1, 1, "persons", H, MIN, True, "", "小单位最少名额",
         "参加考核人数较少的单位，优秀名额不少于{value}名。", "(inferred) S5 §7.2"),
        ("excellent.max_uplift_points", 10, 1, "times", H, MAX, True, "", "优秀比例上浮上限",
         "联系点单位优秀比例上浮不超过{value}个百分点。", "(inferred) S5 §7.1"),
        ("excellent.slots", 0, 1, "persons", H, MAX, True, "", "优秀名额",
         "优秀等次不得超过本单位名额（{slots}名）。", _S18),
        ("excellent.good_quarters_share", 1, 2, "fraction", H, MIN, True, "", "优秀须“好”等次季度数",
         "年度考核确定为优秀等次的，平时考核“好”等次应不少于全年季度数的{value}。", _S19),
        ("excellent.max_low_quarters", 0, 1, "times", H, MAX, True, "", "优秀不得有“一般/较差”",
         "平时考核有“一般”或“较差”等次的，不得确定为优秀等次。", _S19),
        ("s1.on_time", 1, 2, "fraction", S, EQ, True, "", "按时办结工单加分",
         "按时答复办结工单每件加{value}分。", _S1),
        ("s1.satisfied", 1, 2, "fraction", S, EQ, True, "", "回访满意加分",
         "群众回访满意（含基本满意）每件加{value}分。", _S1),
        ("s1.unjustified_return", 1, 1, "fraction", S, EQ, True, "", "无正当理由退单扣分",
         "退单经派单中心裁定应由本单位承办的，每件扣{value}分。", _S1),
        ("s1.reopened", 2, 1, "fraction", S, EQ, True, "", "重新办理扣分",
         "答复后群众不满意被重新办理的，每件扣{value}分。", _S1),
        ("s1.notice", 2, 1, "fraction", S, EQ, True, "", "督办通知扣分",
         "所办诉求被督办通知点名的，每件扣{value}分。", _S1),
    ],
}]

def ship(RuleSet, RuleParam) -> int:  # noqa: N803 - model classes (historical in migrations)
    """Create the sets and params that are missing (never changes an existing row)."""
    from grassroots.rulesets.shipped import ship as ship_sets

    return ship_sets(RuleSet, RuleParam, sets=SETS)


def value(rule_set, key: str) -> Fraction | int:
    from grassroots.rulesets.selectors import rule_param

    return rule_param(rule_set, key).value


def dec(rule_set, key: str) -> Decimal:
    v = Fraction(value(rule_set, key))
    return Decimal(v.numerator) / Decimal(v.denominator)


def grade_for(rule_set, score: Decimal) -> str:
    """The grade of a score from the set's bands (好 ≥ 90, 较好 ≥ 80, 一般 ≥ 60, else 较差)."""
    from .models import Grade

    for key, grade in (("grade.good.min_score", Grade.GOOD),
                       ("grade.fairly_good.min_score", Grade.FAIRLY_GOOD),
                       ("grade.average.min_score", Grade.AVERAGE)):
        if score >= dec(rule_set, key):
            return grade
    return Grade.POOR


def excellent_slots(rule_set, participants: int, uplift_points: Decimal) -> int:
    """floor(participants × (base + uplift)), at least the minimum when anyone takes part."""
    base = Fraction(value(rule_set, "excellent.base_ratio"))
    ratio = base + Fraction(Decimal(uplift_points)) / 100
    slots = int(participants * ratio)  # floor: both are non-negative
    if participants:
        slots = max(slots, int(value(rule_set, "excellent.min_slots")))
    return min(slots, participants)
