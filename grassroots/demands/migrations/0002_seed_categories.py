from django.db import migrations


def seed(apps, schema_editor):
    from grassroots.demands.services.catalogue import categories_seed

    categories_seed(apps.get_model("demands", "Category"))


class Migration(migrations.Migration):
    dependencies = [("demands", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
