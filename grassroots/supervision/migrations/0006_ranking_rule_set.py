"""Ship the ``supervision.ranking`` rule set: the minimum sample to be ranked (idempotent)."""

from django.db import migrations


def ship(apps, schema_editor):
    from grassroots.supervision.stats.rules import ship as ship_sets

    ship_sets(apps.get_model("rulesets", "RuleSet"), apps.get_model("rulesets", "RuleParam"))


class Migration(migrations.Migration):
    dependencies = [("supervision", "0005_rename_create_events"),
                    ("rulesets", "0002_shipped_rule_sets")]
    operations = [migrations.RunPython(ship, migrations.RunPython.noop)]
