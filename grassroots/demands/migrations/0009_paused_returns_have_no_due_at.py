"""Returns awaiting a ruling were paused (paused_since) but kept due_at, so the deadline watch
held them overdue; a paused assignment has no due_at (the ruling recomputes it)."""

from django.db import migrations


def clear_due_at(apps, schema_editor):
    Assignment = apps.get_model("demands", "Assignment")
    Assignment.objects.filter(status="ret_requested", paused_since__isnull=False,
                              due_at__isnull=False).update(due_at=None)


class Migration(migrations.Migration):

    dependencies = [
        ("demands", "0008_field_labels"),
    ]

    operations = [
        migrations.RunPython(clear_due_at, migrations.RunPython.noop),
    ]
