"""Ship the county's deadline defaults per category and grade (catalogue_data.DEADLINE_DEFAULTS)
as DeadlinePolicy rows; rows an administrator already wrote are kept."""

from decimal import Decimal

from django.db import migrations


def seed(apps, schema_editor):
    from grassroots.demands.catalogue_data import DEADLINE_DEFAULTS

    Category = apps.get_model("demands", "Category")
    DeadlinePolicy = apps.get_model("demands", "DeadlinePolicy")
    by_code = dict(Category.objects.values_list("code", "pk"))
    for (code, grade), (ack, reply) in DEADLINE_DEFAULTS.items():
        category_id = by_code.get(code) if code else None
        if code and category_id is None:
            continue  # an installation without that category
        DeadlinePolicy.objects.get_or_create(
            category_id=category_id, grade=grade,
            defaults={"acknowledge_hours": Decimal(ack), "reply_days": Decimal(reply)})


class Migration(migrations.Migration):
    dependencies = [("demands", "0015_attachment_stored_file")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
