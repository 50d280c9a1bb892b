import os

from django.conf import settings
from django.db import migrations


def forward(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    from grassroots.audit import dbsecurity

    with connection.cursor() as cursor:
        cursor.execute(dbsecurity.INSTALL)
    app_role = getattr(settings, "GRASSROOTS_DB_APP_ROLE", "") or os.environ.get(
        "GRASSROOTS_DB_APP_ROLE", "")
    if app_role:
        # Two roles (recommended): the owner migrates, the serving role only reads and appends.
        dbsecurity.lock_down(app_role, connection)
    elif not dbsecurity.is_superuser(connection):
        # One non-superuser role owns and serves: it gives up UPDATE and TRUNCATE on the log.
        # DELETE stays with the owner so the SECURITY DEFINER purge can run; the trigger still
        # refuses any row younger than 180 days. docs/security.md explains the two-role set-up.
        with connection.cursor() as cursor:
            cursor.execute(f"REVOKE UPDATE, TRUNCATE ON {dbsecurity.TABLE} FROM CURRENT_USER")


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        from grassroots.audit import dbsecurity

        with schema_editor.connection.cursor() as cursor:
            cursor.execute(dbsecurity.UNINSTALL)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
