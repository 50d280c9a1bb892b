"""Ship the ``offline.outbox`` rule set: how long a record may wait on a phone (idempotent)."""

from django.db import migrations


def ship(apps, schema_editor):
    from grassroots.offline.rules import ship as ship_sets

    ship_sets(apps.get_model("rulesets", "RuleSet"), apps.get_model("rulesets", "RuleParam"))


class Migration(migrations.Migration):
    dependencies = [("rulesets", "0003_party_dev_gates")]
    operations = [migrations.RunPython(ship, migrations.RunPython.noop)]
