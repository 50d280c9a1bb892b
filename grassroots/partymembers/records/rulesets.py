"""The records' rule sets (00-common §1.1, §2.1 [S8], [S5], [S11]), shipped like
``rulesets/shipped.py`` ships party.dev.2014: the data migration ``0001_records`` calls
``ship_records`` (idempotent: only what is missing is created, a confirmed row is never changed).

* ``party.dues.2008`` — the 2008 dues bands by category [S8]: in-work members (and, inferred,
  self-employed and "other" on their declared income) 0.5 % up to 3,000, 1 % up to 5,000, 1.5 %
  up to 10,000, 2 % above (bands inclusive of their upper bound); retirees 0.5 % up to 5,000,
  1 % above; farmers 0.2–1 yuan a month; students, laid-off and relief recipients 0.2 yuan.
* ``party.records.2019`` — lost contact 6 months → suspension, 2 more years → removal as
  自行脱党 [S5 art. 24]; a transfer letter valid at most 3 months [S11]; away ≥ 6 months
  without a transfer = "口袋党员" [S5 art. 25]; the 6-month counters of disposal criteria
  C15–C17 [S6 art. 9]; the arrears reminder after 1 unpaid month *(inferred)*.
"""

from __future__ import annotations

from datetime import date

from grassroots.rulesets.shipped import ship

H, S = "hard", "soft"
MIN, MAX, EQ = "min", "max", "equal"
_S8 = "[S8] 中组部党费规定 (2008)"
_S5 = "[S5] 中国共产党党员教育管理工作条例 (2019)"

DUES_FAMILY = "party.dues"
RECORDS_FAMILY = "party.records"

SETS: list[dict] = [
    {
        "family": DUES_FAMILY, "code": "party.dues.2008", "status": "confirmed",
        "title": "关于中国共产党党费收缴、使用和管理的规定", "issuer": "中共中央组织部",
        "doc_number": "组通字〔2008〕3号", "effective_from": date(2008, 4, 1),
        "source_url": "https://w.sf024.com/info/923586000291194779.html",
        "source": "[S8] arts. 1–6, 10–11; bands inclusive of their upper bound. Self-employed and "
                  "other members on the in-work bands (inferred).",
        "params": [
            ("employed.band1.max", 3000, 1, "yuan", H, EQ, True, "第二条", "在职第一档上限",
             "月工资收入（税后）{value}元以下（含）者，交纳月工资收入的0.5%。", _S8),
            ("employed.band1.rate", 1, 200, "fraction", H, MIN, True, "第二条", "在职第一档比例",
             "第一档按月工资收入的{value}交纳党费。", _S8),
            ("employed.band2.max", 5000, 1, "yuan", H, EQ, True, "第二条", "在职第二档上限",
             "月工资收入{value}元以下（含）者，交纳1%。", _S8),
            ("employed.band2.rate", 1, 100, "fraction", H, MIN, True, "第二条", "在职第二档比例",
             "第二档按月工资收入的{value}交纳党费。", _S8),
            ("employed.band3.max", 10000, 1, "yuan", H, EQ, True, "第二条", "在职第三档上限",
             "月工资收入{value}元以下（含）者，交纳1.5%。", _S8),
            ("employed.band3.rate", 3, 200, "fraction", H, MIN, True, "第二条", "在职第三档比例",
             "第三档按月工资收入的{value}交纳党费。", _S8),
            ("employed.band4.rate", 1, 50, "fraction", H, MIN, True, "第二条", "在职第四档比例",
             "月工资收入10000元以上者，交纳{value}。", _S8),
            ("retired.band1.max", 5000, 1, "yuan", H, EQ, True, "第五条", "离退休第一档上限",
             "离退休费{value}元以下（含）者，交纳0.5%。", _S8),
            ("retired.band1.rate", 1, 200, "fraction", H, MIN, True, "第五条", "离退休第一档比例",
             "离退休第一档按离退休费的{value}交纳党费。", _S8),
            ("retired.band2.rate", 1, 100, "fraction", H, MIN, True, "第五条", "离退休第二档比例",
             "离退休费5000元以上者，交纳{value}。", _S8),
            ("farmer.min_monthly", 1, 5, "yuan", H, MIN, True, "第六条", "农民党员下限",
             "农民党员每月交纳党费不少于{value}元。", _S8),
            ("farmer.max_monthly", 1, 1, "yuan", H, EQ, True, "第六条", "农民党员上限",
             "农民党员每月交纳党费0.2元至{value}元。", _S8),
            ("fixed.monthly", 1, 5, "yuan", H, MIN, True, "第六条", "学生、下岗失业、低保党员",
             "学生党员、下岗失业党员、享受最低生活保障的党员每月交纳党费{value}元。", _S8),
        ],
    },
    {
        "family": RECORDS_FAMILY, "code": "party.records.2019", "status": "confirmed",
        "title": "中国共产党党员教育管理工作条例", "issuer": "中共中央",
        "doc_number": "", "effective_from": date(2019, 5, 6),
        "source_url": "",
        "source": "[S5] arts. 24–25; [S6] art. 9; [S11] letter validity; the reminder is "
                  "(inferred).",
        "params": [
            ("lost_contact.suspend_after_months", 6, 1, "months", H, MIN, True, "第二十四条",
             "失联停止党籍", "党员与党组织失去联系{value}个月以上、经认真查找仍无音讯的，"
             "可以停止其党籍。", _S5 + " art. 24"),
            ("lost_contact.remove_after_months", 24, 1, "months", H, MIN, True, "第二十四条",
             "停止党籍后除名", "停止党籍{value}个月后确实无法取得联系的，按照自行脱党予以除名。",
             _S5 + " art. 24"),
            ("transfer.valid_max_months", 3, 1, "months", H, MAX, True, "", "介绍信有效期",
             "组织关系介绍信有效期最长不超过{value}个月。", "[S11]"),
            ("transfer.away_months", 6, 1, "months", H, MAX, True, "第二十五条", "应转接组织关系",
             "党员外出{value}个月以上、地点相对固定的，应当将组织关系转出。", _S5 + " art. 25"),
            ("counter.disposal_months", 6, 1, "months", H, MAX, True, "第九条",
             "连续六个月（组织生活、党费、工作）", "连续{value}个月不参加党的组织生活，或不交纳党费，"
             "或不做党所分配的工作，又无正当理由的，就被认为是自行脱党。", "[S6] art. 9"),
            ("mobile.contact_interval_months", 3, 1, "months", S, MAX, True, "第三十三条",
             "流动党员联系间隔", "党组织应当明确专人与流动党员保持联系，至少每{value}个月联系一次。",
             "(inferred) " + _S5 + " art. 33"),
            ("dues.reminder_after_months", 1, 1, "months", S, MAX, True, "", "欠缴提醒",
             "欠缴党费{value}个月即提醒党员和党支部。", "(inferred)"),
        ],
    },
]


def ship_records(RuleSet, RuleParam) -> int:  # noqa: N803 - model classes (historical)
    return ship(RuleSet, RuleParam, sets=SETS)
