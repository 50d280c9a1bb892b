"""Give "create" events their own code.

``create`` meant three things (a demand recorded, a meeting or meeting item recorded, an API
token created); event codes are now declared per app and one code means one thing, so the
stored rows of API tokens are renamed. ``core_event`` is append-only on PostgreSQL (trigger of
core/0003): the migration, run by the table's owner, lifts the trigger for this one correction
inside its transaction (as demands/0011 does).
"""

from django.db import migrations

TRIGGER = "core_event_append_only"
RENAMES = {
    "apitoken": ("create", "api_token_created"),
}


def _rename(apps, schema_editor, *, backwards):
    Event = apps.get_model("core", "Event")
    ContentType = apps.get_model("contenttypes", "ContentType")
    rows = []
    for model, (old, new) in RENAMES.items():
        if backwards:
            old, new = new, old
        ct = ContentType.objects.filter(app_label="integrations", model=model).first()
        if ct is not None:
            rows.append((Event.objects.filter(content_type=ct, action=old), new))
    rows = [(qs, new) for qs, new in rows if qs.exists()]
    if not rows:
        return  # a fresh database, or nothing recorded yet
    postgres = schema_editor.connection.vendor == "postgresql"
    if postgres:
        # ALTER TABLE refuses to run while the table has pending (deferred) trigger events.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        schema_editor.execute(f"ALTER TABLE core_event DISABLE TRIGGER {TRIGGER}")
    for qs, new in rows:
        qs.update(action=new)
    if postgres:
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        schema_editor.execute(f"ALTER TABLE core_event ENABLE TRIGGER {TRIGGER}")


def forwards(apps, schema_editor):
    _rename(apps, schema_editor, backwards=False)


def backwards(apps, schema_editor):
    _rename(apps, schema_editor, backwards=True)


class Migration(migrations.Migration):
    dependencies = [
        ("integrations", "0003_mask_phones_in_raw_items"),
        ("core", "0008_seriescounter"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
