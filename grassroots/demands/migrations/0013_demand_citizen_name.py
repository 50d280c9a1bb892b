from django.db import migrations, models


def fill_citizen_name(apps, schema_editor):
    """Demands recorded so far keep the name their citizen profile had (what the caller or the
    citizen gave), before a later proven account can adopt them."""
    Demand = apps.get_model("demands", "Demand")
    Person = apps.get_model("people", "Person")
    name = Person.objects.filter(pk=models.OuterRef("citizen_id")).values("name")[:1]
    Demand.objects.filter(citizen__isnull=False, is_anonymous=False).update(
        citizen_name=models.Subquery(name))


class Migration(migrations.Migration):

    dependencies = [
        ('demands', '0012_delete_demandcounter'),
    ]

    operations = [
        migrations.AddField(
            model_name='demand',
            name='citizen_name',
            field=models.CharField(blank=True, max_length=40, verbose_name='诉求人姓名'),
        ),
        migrations.RunPython(fill_citizen_name, migrations.RunPython.noop, elidable=True),
    ]
