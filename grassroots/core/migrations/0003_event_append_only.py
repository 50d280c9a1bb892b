from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION grassroots_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'table % is append-only', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER core_event_append_only BEFORE UPDATE OR DELETE ON core_event
    FOR EACH ROW EXECUTE FUNCTION grassroots_refuse_change();
"""
BACKWARD = "DROP TRIGGER IF EXISTS core_event_append_only ON core_event;"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD, params=None)


class Migration(migrations.Migration):
    dependencies = [("core", "0002_initial")]
    operations = [migrations.RunPython(forward, backward)]
