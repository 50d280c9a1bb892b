"""Ship the five contact-point fields and the routine-assessment rule set (idempotent)."""

from django.db import migrations

FIELDS = [("comprehensive", "综合管理"), ("livelihood", "民生经济"), ("fieldwork", "外出作业"),
          ("justice", "司法执法"), ("window", "窗口服务")]


def ship(apps, schema_editor):
    from grassroots.assessment.rules import ship as ship_sets

    field = apps.get_model("assessment", "AssessmentField")
    for order, (code, name) in enumerate(FIELDS, start=1):
        field.objects.get_or_create(code=code, defaults={"name": name, "order": order})
    ship_sets(apps.get_model("rulesets", "RuleSet"), apps.get_model("rulesets", "RuleParam"))


class Migration(migrations.Migration):
    dependencies = [("assessment", "0001_initial"), ("rulesets", "0002_shipped_rule_sets")]
    operations = [migrations.RunPython(ship, migrations.RunPython.noop)]
