from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("talent", "0003_scitech_training")]

    operations = [
        migrations.AddField(
            model_name="enrollment", name="decided_on",
            field=models.DateField(blank=True, null=True, verbose_name="结业认定日期")),
    ]
