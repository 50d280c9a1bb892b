"""On PostgreSQL the audit log is append-only for everyone and read/append-only for the
application role (a non-superuser role, connected separately, is refused UPDATE and DELETE)."""

import uuid

import pytest
from django.db import DatabaseError, connection, transaction

from grassroots.audit import dbsecurity
from grassroots.audit.models import AuditLog
from grassroots.audit.services import audit_record

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")


def test_trigger_refuses_update_and_young_delete_even_for_the_owner(db):
    row = audit_record(category="auth", action="login", actor_name="x")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditLog.objects.filter(pk=row.pk).update(action="tampered")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditLog.objects.filter(pk=row.pk).delete()
    assert AuditLog.objects.get(pk=row.pk).action == "login"


@pytest.fixture
def app_role(transactional_db):
    """A non-superuser role granted everything a careless DBA would, then locked down."""
    import psycopg

    role = f"grassroots_app_{uuid.uuid4().hex[:8]}"
    name = connection.settings_dict["NAME"]
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {role} LOGIN NOSUPERUSER")
        cursor.execute(f'GRANT CONNECT ON DATABASE "{name}" TO {role}')
        cursor.execute(f"GRANT USAGE ON SCHEMA public TO {role}")
        cursor.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES "
                       f"IN SCHEMA public TO {role}")
        cursor.execute(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {role}")
    dbsecurity.lock_down(role)
    params = connection.get_connection_params()
    conn = psycopg.connect(host=params.get("host") or "127.0.0.1", port=params.get("port") or 5432,
                           dbname=name, user=role, autocommit=True)
    yield conn
    conn.close()
    with connection.cursor() as cursor:
        cursor.execute(f"DROP OWNED BY {role}")
        cursor.execute(f"DROP ROLE {role}")


def test_application_role_cannot_update_or_delete_the_log(app_role):
    import psycopg

    with app_role.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        assert cursor.fetchone()[0] is False
        # It appends and reads, as the application must.
        cursor.execute("INSERT INTO audit_auditlog (at, actor_name, category, action, outcome, "
                       "target_type, target_id, target_repr, reason, user_agent, extra) VALUES "
                       "(now(), 'svc', 'auth', 'login', 'success', '', '', '', '', '', '{}') "
                       "RETURNING id")
        pk = cursor.fetchone()[0]
        for statement in (f"UPDATE audit_auditlog SET action = 'x' WHERE id = {pk}",
                          f"DELETE FROM audit_auditlog WHERE id = {pk}",
                          "TRUNCATE audit_auditlog"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                cursor.execute(statement)
        # Its only delete path: the purge function, which spares anything younger than 180 days.
        cursor.execute("SELECT grassroots_audit_purge(1)")
        assert cursor.fetchone()[0] == 0
        cursor.execute("SELECT action FROM audit_auditlog WHERE id = %s", [pk])
        assert cursor.fetchone()[0] == "login"
    # The other tables stay writable for the role: only the log is locked down.
    with app_role.cursor() as cursor:
        cursor.execute("UPDATE core_jobrun SET last_status = 'ok' WHERE false")


def test_purge_function_deletes_old_rows_for_the_application_role(app_role):
    young = audit_record(category="auth", action="young")
    old = audit_record(category="auth", action="old")
    with connection.cursor() as cursor:  # back-dating needs the owner to lift the trigger
        cursor.execute("ALTER TABLE audit_auditlog DISABLE TRIGGER audit_auditlog_append_only")
        cursor.execute("UPDATE audit_auditlog SET at = now() - interval '200 days' WHERE id = %s",
                       [old.pk])
        cursor.execute("ALTER TABLE audit_auditlog ENABLE TRIGGER audit_auditlog_append_only")
    with app_role.cursor() as cursor:
        cursor.execute("SELECT grassroots_audit_purge(180)")
        assert cursor.fetchone()[0] == 1
    assert list(AuditLog.objects.values_list("pk", flat=True)) == [young.pk]


def test_lockdown_command_prints_the_dba_snippet(capsys):
    from django.core.management import call_command

    call_command("audit_db_lockdown", "--role", "grassroots_app", "--sql")
    out = capsys.readouterr().out
    assert 'REVOKE UPDATE, DELETE, TRUNCATE ON audit_auditlog FROM "grassroots_app";' in out
