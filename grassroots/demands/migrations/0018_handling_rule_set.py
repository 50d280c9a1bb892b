"""Ship the ``demands.handling`` rule set: the leader sign-off deadlines (idempotent)."""

from django.db import migrations


def ship(apps, schema_editor):
    from grassroots.demands.rules import ship as ship_sets

    ship_sets(apps.get_model("rulesets", "RuleSet"), apps.get_model("rulesets", "RuleParam"))


class Migration(migrations.Migration):
    dependencies = [("demands", "0017_leader_signoff_states"),
                    ("rulesets", "0002_shipped_rule_sets")]
    operations = [migrations.RunPython(ship, migrations.RunPython.noop)]
