"""Ship the title levels, specialities and standards (talent/catalog_data.py)."""

from django.db import migrations


def ship(apps, schema_editor):
    from grassroots.talent.catalog_data import ship as ship_catalog

    ship_catalog(apps.get_model("talent", "TitleLevel"), apps.get_model("talent", "Specialty"),
                 apps.get_model("talent", "Standard"))


class Migration(migrations.Migration):
    dependencies = [("talent", "0001_initial")]
    operations = [migrations.RunPython(ship, migrations.RunPython.noop)]
