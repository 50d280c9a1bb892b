"""Ship the rule sets of shipped.py (idempotent: creates only what is missing)."""

from django.db import migrations


def ship(apps, schema_editor):
    from grassroots.rulesets.shipped import ship as ship_sets

    ship_sets(apps.get_model("rulesets", "RuleSet"), apps.get_model("rulesets", "RuleParam"))


class Migration(migrations.Migration):
    dependencies = [("rulesets", "0001_initial")]
    operations = [migrations.RunPython(ship, migrations.RunPython.noop)]
