from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("places", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="division",
            name="boundary",
            field=models.JSONField(blank=True, null=True, verbose_name="边界（GeoJSON）"),
        ),
    ]
