"""The points rule set (S2 §4.6), shipped like ``records/rulesets.py``: the data migration
``0003_points`` calls ``ship_points`` (idempotent; a confirmed row is never changed).

* ``party.points.2026`` — the composite's weights (daily 0.70, peer 0.15, organisation 0.15,
  [A1]'s rule), the grade bands as shares of the full score (优秀 ≥ 90 %, 合格 ≥ 75 %, 基本合格 ≥ 60 %,
  不合格 below), the aspect caps as shares of the daily full score (30/20/20/20/10 %) and the posting period (≥ 5 working days) — all
  *(inferred)*: Sishui's numbers are not public. A scheme copies them when it is drafted; the
  county edits the scheme's copy, or adds a county set.
"""

from __future__ import annotations

from datetime import date

from grassroots.rulesets.shipped import ship

H, S = "hard", "soft"
MIN, MAX, EQ = "min", "max", "equal"
_SRC = "(inferred) S2 §4.6, after [A1] and [S14]"

POINTS_FAMILY = "party.points"

SETS: list[dict] = [
    {
        "family": POINTS_FAMILY, "code": "party.points.2026", "status": "confirmed",
        "title": "党员分类亮化记分实施方案（默认值）", "issuer": "县委组织部",
        "doc_number": "", "effective_from": date(2020, 1, 1), "source_url": "",
        "source": _SRC + "; every number a default the county replaces.",
        "params": [
            ("weights.daily", 7, 10, "fraction", S, EQ, True, "", "日常积分权重",
             "年度综合得分中日常积分占{value}。", _SRC),
            ("weights.peer", 3, 20, "fraction", S, EQ, True, "", "党员互评权重",
             "年度综合得分中党员互评占{value}。", _SRC),
            ("weights.organisation", 3, 20, "fraction", S, EQ, True, "", "组织评定权重",
             "年度综合得分中组织评定占{value}；缺少某项时按其余权重重新折算。", _SRC),
            ("grade.excellent.min", 9, 10, "fraction", S, MIN, True, "", "优秀分数线",
             "综合得分达到满分的{value}以上为优秀。", _SRC),
            ("grade.qualified.min", 3, 4, "fraction", S, MIN, True, "", "合格分数线",
             "综合得分达到满分的{value}以上为合格。", _SRC),
            ("grade.basic.min", 3, 5, "fraction", S, MIN, True, "", "基本合格分数线",
             "综合得分达到满分的{value}以上为基本合格，以下为不合格。", _SRC),
            ("cap.basic_obligation", 3, 10, "fraction", S, MAX, True, "", "基本义务上限",
             "基本义务积分不超过日常积分满分的{value}。", _SRC),
            ("cap.daily_conduct", 1, 5, "fraction", S, MAX, True, "", "日常表现上限",
             "日常表现积分不超过日常积分满分的{value}。", _SRC),
            ("cap.org_task", 1, 5, "fraction", S, MAX, True, "", "组织任务上限",
             "组织任务积分不超过日常积分满分的{value}。", _SRC),
            ("cap.duty", 1, 5, "fraction", S, MAX, True, "", "履职尽责上限",
             "履职尽责积分不超过日常积分满分的{value}。", _SRC),
            ("cap.volunteering", 1, 10, "fraction", S, MAX, True, "", "志愿奉献上限",
             "志愿奉献积分不超过日常积分满分的{value}。", _SRC),
            ("posting.min_working_days", 5, 1, "working_days", H, MIN, True, "", "积分公示期",
             "支部积分公示期不少于{value}个工作日。", _SRC),
        ],
    },
]


def ship_points(RuleSet, RuleParam) -> int:  # noqa: N803 - model classes (historical)
    return ship(RuleSet, RuleParam, sets=SETS)
