"""The rule sets grassroots ships (00-common §1.1–§1.3, §2.1, §2.3; S2 §4.2).

Loaded by the data migration ``0002_shipped_rule_sets`` and by the demo step, through
``ship(RuleSet, RuleParam)``: idempotent — it creates the sets and params that are missing and
never changes a row that exists (an administrator's confirmation stays).

Each param: (key, numerator, denominator, unit, kind, direction, inclusive, article, label, text,
source). ``{value}`` in a text is the param's own value, so a stricter local set reads right.
Sources: [S..] are 00-common §2; *(inferred)* a design choice, *(recalled)* a rule to check
against the official text (00-common §11).
"""

from __future__ import annotations

from datetime import date

H, S = "hard", "soft"
MIN, MAX, EQ = "min", "max", "equal"

_DEV_2014 = "[S1] 2014 细则"
_DEV_2026 = "(recalled) [S3] 2026 修订稿，待核实"


def _dev_params(articles: dict[str, str], source: str) -> list[tuple]:
    """The development rules shared by the 2014 set and the 2026 draft; only articles differ."""
    a = articles.get
    return [
        ("applicant.min_age", 18, 1, "years", H, MIN, True, a("age", ""), "申请入党年龄",
         "申请入党的人须年满{value}周岁。", source),
        ("talk.within_months", 1, 1, "months", S, MAX, True, a("talk", ""), "派人谈话期限",
         "党组织应当在收到入党申请书后{value}个月内派人同入党申请人谈话。", source),
        ("activist.filing_within_months", 1, 1, "months", S, MAX, True, "", "积极分子备案期限",
         "确定入党积极分子后应在{value}个月内报上级党委备案。", "(inferred) S2 §4.2 step 04"),
        ("activist.examination_interval_months", 6, 1, "months", S, MAX, True, a("exam", ""),
         "积极分子考察间隔", "党支部应当每{value}个月对入党积极分子进行一次考察。", source),
        ("activist.min_months", 12, 1, "months", H, MIN, True, a("candidate", ""),
         "积极分子培养考察时间",
         "入党积极分子经过{value}个月以上培养教育和考察，方可列为发展对象。", source),
        ("contacts.min_count", 1, 1, "persons", H, MIN, True, a("contacts", ""), "培养联系人下限",
         "党组织应当指定{value}名以上正式党员作为入党积极分子的培养联系人。", source),
        ("contacts.max_count", 2, 1, "persons", H, MAX, True, a("contacts", ""), "培养联系人上限",
         "培养联系人不超过{value}名正式党员。", source),
        ("introducers.count", 2, 1, "persons", H, EQ, True, a("introducers", ""), "入党介绍人人数",
         "发展党员须有{value}名正式党员作入党介绍人，受留党察看处分尚未恢复党员权利的党员不能作入党介绍人。",
         source),
        ("training.min_days", 3, 1, "days", H, MIN, True, a("training", ""), "集中培训天数",
         "发展对象须经过短期集中培训，培训时间一般不少于{value}天。", source),
        ("training.min_hours", 24, 1, "hours", H, MIN, True, a("training", ""), "集中培训学时",
         "发展对象须经过短期集中培训，培训时间不少于{value}个学时。", source),
        ("admission.leaving_min_months", 3, 1, "months", H, MIN, True, "", "即将离开单位",
         "发展对象未来{value}个月内将离开工作、学习单位的，一般不办理接收预备党员手续。",
         "[S2] 发展党员工作流程图" + ("" if source == _DEV_2014 else "; " + source)),
        ("approval.within_months", 3, 1, "months", S, MAX, True, a("approval", ""), "审批期限",
         "上级党委应当在{value}个月内审批支部大会通过的接收预备党员决议。", source),
        ("approval.special_within_months", 6, 1, "months", S, MAX, True, a("approval", ""),
         "特殊情况审批期限", "因特殊情况可适当延长审批时间，但不得超过{value}个月。",
         source + "; [S4]"),
        ("probation.months", 12, 1, "months", H, EQ, True, a("probation", ""), "预备期",
         "预备党员的预备期为{value}个月，从支部大会通过其为预备党员之日算起。", source),
        ("probation.extension.min_months", 6, 1, "months", H, MIN, True, a("extension", ""),
         "延长预备期下限", "延长预备期不能少于{value}个月。", source),
        ("probation.extension.max_months", 12, 1, "months", H, MAX, True, a("extension", ""),
         "延长预备期上限", "延长预备期最长不超过{value}个月。", source),
        ("probation.extension.max_times", 1, 1, "times", H, MAX, True, a("extension", ""),
         "延长预备期次数", "预备期只能延长{value}次。", source),
        ("conversion.approval_within_months", 3, 1, "months", S, MAX, True, a("conversion", ""),
         "转正审批期限", "上级党委应当在{value}个月内审批预备党员转正。", source),
        ("archive.within_months", 1, 1, "months", S, MAX, True, a("archive", ""), "材料归档期限",
         "发展党员材料应在{value}个月内归档。", "(inferred) S2 §4.2 step 25"),
    ]


_DEV_2014_ARTICLES = {
    "age": "第五条", "talk": "第七条", "exam": "第二章", "candidate": "第十三条",
    "contacts": "第九条", "introducers": "第十四条", "training": "第十八条",
    "approval": "第四章", "probation": "第五章", "extension": "第五章", "conversion": "第五章",
}
# Article numbers as public repositories cite the reported 2026 revision [S3].
_DEV_2026_ARTICLES = {
    "talk": "第七条", "exam": "第八条", "candidate": "第十三条", "training": "第十七条",
    "approval": "第二十五条", "probation": "第二十八条", "extension": "第三十一条",
    "conversion": "第三十三条", "archive": "第三十六条",
}

_DEV_2026_EXTRA = [
    ("publicity.candidate.min_working_days", 5, 1, "working_days", H, MIN, True, "第十三条",
     "发展对象公示期", "确定发展对象前应当公示，公示期不少于{value}个工作日，公示期满无异议方可列为发展对象。",
     _DEV_2026),
    ("branch_meeting.within_months", 1, 1, "months", S, MAX, True, "第十九条",
     "预审后召开支部大会期限", "上级党委预审通过后，党支部应当在{value}个月内召开支部党员大会讨论接收。",
     _DEV_2026),
]

_ORG_SOURCE = "[S7] 支部工作条例; article numbers to verify (00-common §11.5)"
_LIFE_SOURCE = "[S5] 党员教育管理工作条例 (2019)"

SETS: list[dict] = [
    {
        "family": "party.dev", "code": "party.dev.2014", "status": "confirmed",
        "title": "中国共产党发展党员工作细则", "issuer": "中共中央办公厅",
        "doc_number": "中办发〔2014〕33号",
        # 00-common §2.1 [S1]: adopted May 2014, published 11 June 2014.
        "effective_from": date(2014, 6, 11),
        "source_url": "https://honder.com/zzrsc/news/info546.html",
        "source": "[S1]; doc no. as printed on the honder.com reprint (one repository cites 34号, "
                  "verify); articles beyond those cited in [S1] are given by chapter.",
        "params": _dev_params(_DEV_2014_ARTICLES, _DEV_2014),
    },
    {
        "family": "party.dev", "code": "party.dev.2026", "status": "draft",
        "title": "中国共产党发展党员工作细则（2026年5月修订）", "issuer": "中共中央办公厅",
        "doc_number": "", "effective_from": date(2026, 5, 18),
        "source_url": "https://www.12371.cn/",
        "source": "(recalled) [S3]: reported revision, text not read; a draft the county "
                  "organisation department must confirm (00-common §11.1).",
        "params": _dev_params(_DEV_2026_ARTICLES, _DEV_2026) + _DEV_2026_EXTRA,
    },
    {
        "family": "party.vote", "code": "party.vote.2014", "status": "confirmed",
        "title": "中国共产党发展党员工作细则（支部大会表决）", "issuer": "中共中央办公厅",
        "doc_number": "中办发〔2014〕33号", "effective_from": date(2014, 6, 11),
        "source_url": "https://honder.com/zzrsc/news/info546.html",
        "source": "[S1] arts. 20, 33, ch. 4; [S6] art. 7 (probationary members have no vote); "
                  "the same rule serves disposal votes [S16].",
        "params": [
            ("quorum.present_over_should_attend", 1, 2, "fraction", H, MIN, False, "第二十条",
             "到会人数", "有表决权的到会人数必须超过应到会有表决权人数的{value}。", "[S1] art. 20"),
            ("pass.yes_over_should_attend_full", 1, 2, "fraction", H, MIN, False, "第四章",
             "赞成人数", "赞成人数必须超过应到会有表决权的正式党员人数的{value}，"
             "因故不能到会的有表决权的党员书面表示的意见计入。", "[S1] ch. 4, art. 33"),
        ],
    },
    {
        "family": "talent.title.vote", "code": "talent.title.vote.2019", "status": "confirmed",
        "title": "职称评审管理暂行规定", "issuer": "人力资源和社会保障部",
        "doc_number": "人社部令第40号", "effective_from": date(2019, 9, 1),
        "source_url": "http://cnfzjob.com/wt/817af50457d810aa.html",
        "source": "[S21]; the ⅔ quorum/pass and the publicity period are (recalled) "
                  "(00-common §11.3).",
        "params": [
            ("quorum.present_over_members", 2, 3, "fraction", H, MIN, True, "",
             "出席专家人数", "出席评审会议的专家人数不得少于评审委员会专家人数的{value}。",
             "(recalled) [S21]"),
            ("pass.yes_over_present", 2, 3, "fraction", H, MIN, True, "", "同意票数",
             "同意票数达到出席评审会议的评审专家总数{value}以上方为通过。", "(recalled) [S21]"),
            ("publicity.min_working_days", 5, 1, "working_days", H, MIN, True, "",
             "评审结果公示期", "评审结果应当公示，公示期不少于{value}个工作日。",
             "(recalled) [S21]"),
            ("committee.senior_min_experts", 25, 1, "persons", H, MIN, True, "",
             "高级评审委员会专家人数", "高级职称评审委员会评审专家不少于{value}人。", "[S21]"),
        ],
    },
    {
        "family": "party.org", "code": "party.org.2018", "status": "confirmed",
        "title": "中国共产党支部工作条例（试行）", "issuer": "中共中央", "doc_number": "",
        "effective_from": date(2018, 10, 28), "source_url": "http://m.sp522.com/detail/19979",
        "source": "[S7]; organisational-life frequencies also [S5] (2019); chapter references "
                  "to check on the official text (00-common §11.5).",
        "params": [
            ("branch.min_full_members", 3, 1, "persons", H, EQ, True, "第二章", "成立党支部",
             "有正式党员{value}人以上的，应当成立党支部。", _ORG_SOURCE + "; [S6] art. 30"),
            ("joint_branch.max_units", 5, 1, "units", H, MAX, True, "第二章", "联合党支部覆盖单位",
             "联合党支部覆盖单位一般不超过{value}个。", _ORG_SOURCE),
            ("branch.max_members", 50, 1, "persons", S, MAX, True, "第二章", "党支部党员人数",
             "党支部党员人数一般不超过{value}人。", _ORG_SOURCE),
            ("committee.min_full_members", 7, 1, "persons", H, EQ, True, "第六章", "设立支部委员会",
             "正式党员{value}人以上的党支部，应当设立党支部委员会。", _ORG_SOURCE),
            ("committee.max_size", 7, 1, "persons", H, MAX, True, "第六章", "支部委员会委员人数",
             "党支部委员会由3至5人组成，一般不超过{value}人。", _ORG_SOURCE),
            ("term.village_years", 5, 1, "years", H, EQ, True, "第六章", "村、社区党支部任期",
             "村、社区党支部委员会每届任期{value}年。", _ORG_SOURCE),
            ("term.other_years", 3, 1, "years", H, EQ, True, "第六章", "其他党支部任期",
             "其他党支部委员会每届任期{value}年。", _ORG_SOURCE),
            ("life.general_meeting_months", 3, 1, "months", S, MAX, True, "第四章", "支部党员大会",
             "支部党员大会一般每{value}个月召开1次。", _ORG_SOURCE),
            ("life.committee_meeting_months", 1, 1, "months", S, MAX, True, "第四章", "支部委员会会议",
             "支部委员会会议一般每{value}个月召开1次。", _ORG_SOURCE),
            ("life.group_meeting_months", 1, 1, "months", S, MAX, True, "第四章", "党小组会",
             "党小组会一般每{value}个月召开1次。", _ORG_SOURCE),
            ("life.lecture_months", 3, 1, "months", S, MAX, True, "第四章", "党课",
             "党课每{value}个月至少1次。", _ORG_SOURCE),
            ("life.theme_day_months", 1, 1, "months", S, MAX, True, "第十六条", "主题党日",
             "党支部应当每{value}个月开展1次主题党日。", _LIFE_SOURCE + " art. 16"),
            ("life.org_life_meeting_months", 12, 1, "months", S, MAX, True, "第十七条", "组织生活会",
             "组织生活会每{value}个月至少召开1次。", _LIFE_SOURCE + " art. 17"),
            ("life.appraisal_months", 12, 1, "months", S, MAX, True, "第十八条", "民主评议党员",
             "民主评议党员每{value}个月开展1次。", _LIFE_SOURCE + " art. 18"),
            ("training.min_hours_year", 32, 1, "hours", S, MIN, True, "第二十条", "党员年度集中学习培训",
             "党员每年集中学习培训时间一般不少于{value}学时。", _LIFE_SOURCE + " art. 20"),
        ],
    },
    {
        "family": "publicity", "code": "publicity.2014", "status": "confirmed",
        "title": "公示期限（发展党员等事项的公示）", "issuer": "县委组织部",
        "doc_number": "", "effective_from": date(2014, 6, 11), "source_url": "",
        "source": "(inferred) county practice: 拟接收预备党员公示 ≥5 working days [S4]; "
                  "the 2026 draft sets the same for 发展对象 [S3].",
        "params": [
            ("min_working_days", 5, 1, "working_days", H, MIN, True, "", "公示期",
             "公示期不少于{value}个工作日，公示期满且无未处理的异议方可进入下一环节。",
             "(inferred) [S4]"),
        ],
    },
]

_PARAM_FIELDS = ("key", "numerator", "denominator", "unit", "kind", "direction", "inclusive",
                 "article", "label", "text", "source")


def ship(RuleSet, RuleParam, sets=None) -> int:  # noqa: N803 - model classes (historical)
    """Create the sets and params of ``sets`` (default: these, rulesets' own) that are missing —
    never changing an existing row; returns how many rows it created. An app that ships its own
    family calls it from its data migration with its own ``sets`` (same spec shape)."""
    created = 0
    for spec in SETS if sets is None else sets:
        fields = {k: v for k, v in spec.items() if k not in ("code", "params")}
        rule_set, made = RuleSet.objects.get_or_create(code=spec["code"], defaults=fields)
        created += made
        have = set(RuleParam.objects.filter(rule_set=rule_set).values_list("key", flat=True))
        missing = [RuleParam(rule_set=rule_set, **dict(zip(_PARAM_FIELDS, row, strict=True)))
                   for row in spec["params"] if row[0] not in have]
        RuleParam.objects.bulk_create(missing)
        created += len(missing)
    return created
