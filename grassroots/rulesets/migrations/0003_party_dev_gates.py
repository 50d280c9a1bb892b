"""Parameters of Sishui's development gates (S2 §4.4) added to the party.dev sets: the
department answer and joint-review deadlines, the close-relative decision deadline, the
publicity minimum of every development publicity, and the negative-list warning thresholds.
All (inferred) county practice; idempotent (only missing keys are created)."""

from django.db import migrations

S, H = "soft", "hard"
SOURCE = "(inferred) S2 §4.4 Sishui gates"
PARAMS = [
    # key, numerator, denominator, unit, kind, direction, inclusive, article, label, text, source
    ("review.department_answer_working_days", 5, 1, "working_days", S, "max", True, "",
     "部门政审回复期限", "联审部门应当在{value}个工作日内回复政治审查意见。", SOURCE),
    ("joint_review.within_working_days", 10, 1, "working_days", S, "max", True, "",
     "县乡联审期限", "县乡联审应当在{value}个工作日内完成。", SOURCE),
    ("close_relative.decision_within_days", 7, 1, "days", S, "max", True, "",
     "近亲属入党特别报告答复期限", "县委组织部应当在{value}日内答复近亲属入党特别报告。",
     SOURCE + ", after 曲沃"),
    ("publicity.min_working_days", 5, 1, "working_days", H, "min", True, "", "发展党员公示期",
     "发展党员各环节公示期不少于{value}个工作日，公示期满无异议方可办理。",
     "(inferred) [S4] Shandong practice; 2026 draft [S3]"),
    ("negative.yellow_min_open", 1, 1, "times", S, "max", True, "", "负面清单黄色预警",
     "镇（街道）负面清单未整改条目达到{value}条为黄色预警。", SOURCE + ", after 泰州 [S13]"),
    ("negative.red_min_open", 3, 1, "times", S, "max", True, "", "负面清单红色预警",
     "镇（街道）负面清单未整改条目达到{value}条，或12个月内有带病入党、近亲繁殖问题，为红色预警。",
     SOURCE + ", after 泰州 [S13]"),
]
FIELDS = ("key", "numerator", "denominator", "unit", "kind", "direction", "inclusive",
          "article", "label", "text", "source")


def add(apps, schema_editor):
    RuleSet = apps.get_model("rulesets", "RuleSet")  # noqa: N806
    RuleParam = apps.get_model("rulesets", "RuleParam")  # noqa: N806
    for rule_set in RuleSet.objects.filter(family="party.dev"):
        have = set(RuleParam.objects.filter(rule_set=rule_set).values_list("key", flat=True))
        RuleParam.objects.bulk_create([
            RuleParam(rule_set=rule_set, **dict(zip(FIELDS, row, strict=True)))
            for row in PARAMS if row[0] not in have])


class Migration(migrations.Migration):
    dependencies = [("rulesets", "0002_shipped_rule_sets")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
