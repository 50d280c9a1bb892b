"""Raw 12345 items kept for reconciliation hold the caller's phone only masked."""

from django.db import migrations

from grassroots.people.pii import mask_phones_in_data, mask_phones_in_text


def mask(apps, schema_editor):
    CityItem = apps.get_model("integrations", "CityItem")
    RejectedItem = apps.get_model("integrations", "RejectedItem")
    for item in CityItem.objects.only("pk", "payload").iterator():
        if not isinstance(item.payload, dict):
            continue
        masked = {k: v if k == "id" else mask_phones_in_data(v) for k, v in item.payload.items()}
        if masked != item.payload:
            CityItem.objects.filter(pk=item.pk).update(payload=masked)
    for item in RejectedItem.objects.only("pk", "body").iterator():
        masked = mask_phones_in_text(item.body)
        if masked != item.body:
            RejectedItem.objects.filter(pk=item.pk).update(body=masked)


class Migration(migrations.Migration):

    dependencies = [
        ("integrations", "0002_field_labels"),
    ]

    operations = [
        migrations.RunPython(mask, migrations.RunPython.noop, elidable=True),
    ]
