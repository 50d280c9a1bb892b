"""The sci-tech post conditions as a rule set (talent.scitech), shipped by this app (docs/
rulesets.md): idempotent, never changes a row that exists."""

from datetime import date

from django.db import migrations

RULE_SET = {
    "family": "talent.scitech", "code": "talent.scitech.2019", "status": "confirmed",
    "title": "山东省科技副职选派工作（参照）", "issuer": "中共山东省委组织部、山东省科学技术厅",
    "doc_number": "", "effective_from": date(2019, 1, 1),
    # Shandong's scheme is the only source: it is the family's base set (a local set needs a
    # base), so a county tightens it with its own local set.
    "scope": "national",
    "source_url": "",
    "source": "[S25] (recalled): ≤45, PhD or 副高+, ≥2 years' work, one-year terms; check the "
              "official text (00-common §11).",
}
PARAMS = [
    # key, numerator, denominator, unit, kind, direction, inclusive, article, label, text, source
    ("expert.max_age", 45, 1, "years", "hard", "max", True, "", "选派年龄",
     "选派人员年龄一般不超过{value}周岁。", "(recalled) [S25]"),
    ("expert.min_work_years", 2, 1, "years", "hard", "min", True, "", "工作年限",
     "选派人员须有{value}年以上工作经历。", "(recalled) [S25]"),
    ("expert.min_title_rank", 2, 1, "units", "hard", "min", True, "", "学历职称",
     "选派人员须具有博士学位或副高级以上职称。", "(recalled) [S25]; rank 2 = 副高"),
    ("term.months", 12, 1, "months", "soft", "equal", True, "", "挂职期限",
     "挂职期限一般为{value}个月。", "(recalled) [S25]"),
]
FIELDS = ("key", "numerator", "denominator", "unit", "kind", "direction", "inclusive",
          "article", "label", "text", "source")


def ship(apps, schema_editor):
    RuleSet = apps.get_model("rulesets", "RuleSet")  # noqa: N806
    RuleParam = apps.get_model("rulesets", "RuleParam")  # noqa: N806
    fields = {k: v for k, v in RULE_SET.items() if k != "code"}
    rule_set, _made = RuleSet.objects.get_or_create(code=RULE_SET["code"], defaults=fields)
    have = set(RuleParam.objects.filter(rule_set=rule_set).values_list("key", flat=True))
    RuleParam.objects.bulk_create([RuleParam(rule_set=rule_set, **dict(zip(FIELDS, row,
                                                                           strict=True)))
                                   for row in PARAMS if row[0] not in have])


class Migration(migrations.Migration):
    dependencies = [("talent", "0003_scitech_training"), ("rulesets", "0002_shipped_rule_sets")]
    operations = [migrations.RunPython(ship, migrations.RunPython.noop)]
