from django.db import migrations


def forward(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    from grassroots.audit import dbsecurity

    if dbsecurity.truncate_guard_wanted():
        dbsecurity.install_truncate_guard(connection)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        from grassroots.audit import dbsecurity

        with schema_editor.connection.cursor() as cursor:
            cursor.execute(dbsecurity.TRUNCATE_GUARD_UNINSTALL)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only")]
    operations = [migrations.RunPython(forward, backward)]
