"""`check --deploy` refuses a serving database role that could wipe the audit log; the TRUNCATE
guard; the serving-role grants of the two-role set-up."""

import pytest
from django.core.management import call_command
from django.db import DatabaseError, OperationalError, connection, transaction

from grassroots.audit import checks, dbsecurity
from grassroots.audit.models import AuditLog
from grassroots.audit.services import audit_record

on_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
ALWAYS = ["audit_auditlog_append_only:A", "audit_auditlog_no_truncate:A"]


class FakeCursor:
    def __init__(self, row):
        self.row = row

    def execute(self, sql, params=None):
        assert "pg_has_role" in sql

    def fetchone(self):
        return self.row


def row(*, superuser=False, member=False, update=False, delete=False, truncate=False,
        triggers=ALWAYS):
    return (superuser, "grassroots_owner", member, update, delete, truncate, triggers,
            "grassroots_app")


def test_a_locked_down_serving_role_has_no_problem():
    assert dbsecurity.deploy_problems(FakeCursor(row())) == []


def test_each_way_to_wipe_the_log_is_named():
    problems = dbsecurity.deploy_problems(FakeCursor(row(
        superuser=True, member=True, update=True, truncate=True,
        triggers=["audit_auditlog_append_only:O"])))
    assert problems == [
        "the serving role grassroots_app is a PostgreSQL superuser",
        "the serving role grassroots_app owns audit_auditlog (owner: grassroots_owner) and could "
        "drop its triggers or grant itself any privilege",
        "the serving role grassroots_app holds UPDATE, TRUNCATE on audit_auditlog",
        "trigger audit_auditlog_append_only is missing or not ENABLE ALWAYS on audit_auditlog",
        "trigger audit_auditlog_no_truncate is missing or not ENABLE ALWAYS on audit_auditlog",
    ]


def test_missing_table_asks_for_migrate():
    with pytest.raises(LookupError):
        dbsecurity.deploy_problems(FakeCursor(None))


class FakeConnection:
    vendor = "postgresql"

    def __init__(self, cursor=None, error=None):
        self._cursor, self._error = cursor, error

    def cursor(self):
        if self._error:
            raise self._error
        return self

    def __enter__(self):
        return self._cursor

    def __exit__(self, *exc):
        return False


def test_deploy_check_errors_name_the_problem(monkeypatch):
    monkeypatch.setattr(checks, "connection", FakeConnection(FakeCursor(row(member=True))))
    [error] = checks.audit_log_database_role()
    assert error.id == "audit.E001" and error.level == 40
    assert error.msg.startswith("The audit log can be wiped: the serving role grassroots_app owns")
    assert "db_serving_role" in error.hint


def test_deploy_check_warns_when_it_cannot_look(monkeypatch):
    monkeypatch.setattr(checks, "connection", FakeConnection(error=OperationalError("refused")))
    [warning] = checks.audit_log_database_role()
    assert warning.id == "audit.W001" and "refused" in warning.msg
    monkeypatch.setattr(checks, "connection", FakeConnection(FakeCursor(None)))
    assert [w.id for w in checks.audit_log_database_role()] == ["audit.W002"]


def test_deploy_check_is_silent_off_postgresql():
    if connection.vendor == "postgresql":
        pytest.skip("SQLite only")
    assert checks.audit_log_database_role() == []


def test_serving_role_sql_for_the_dba(capsys):
    call_command("db_serving_role", "--role", "grassroots_app", "--sql")
    out = capsys.readouterr().out.splitlines()
    assert "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " \
           '"grassroots_app";' in out
    assert 'REVOKE UPDATE, DELETE, TRUNCATE ON audit_auditlog FROM "grassroots_app";' in out
    # The lock-down comes after the blanket grant, so it wins.
    assert out.index('REVOKE UPDATE, DELETE, TRUNCATE ON audit_auditlog FROM "grassroots_app";') \
        > out.index('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO '
                    '"grassroots_app";')


@on_postgres
def test_deploy_check_refuses_a_superuser_connection(db):
    errors = checks.audit_log_database_role()
    assert any("is a PostgreSQL superuser" in e.msg for e in errors)


@on_postgres
def test_truncate_guard_refuses_even_a_superuser_in_replica_mode(db):
    audit_record(category="auth", action="login", actor_name="x")
    dbsecurity.install_truncate_guard()  # rolled back with the test's transaction
    with connection.cursor() as cursor:
        for setup in ("", "SET LOCAL session_replication_role = replica"):
            with pytest.raises(DatabaseError, match="TRUNCATE refused"), transaction.atomic():
                if setup:
                    cursor.execute(setup)
                cursor.execute("TRUNCATE audit_auditlog")
        # ENABLE ALWAYS: the row trigger fires in replica mode too.
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            cursor.execute("SET LOCAL session_replication_role = replica")
            cursor.execute("DELETE FROM audit_auditlog")
    assert AuditLog.objects.count() == 1


@on_postgres
def test_the_serving_role_of_the_two_role_set_up_passes_the_check(transactional_db):
    import uuid

    import psycopg

    role = f"grassroots_app_{uuid.uuid4().hex[:8]}"
    name = connection.settings_dict["NAME"]
    params = connection.get_connection_params()
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {role} LOGIN NOSUPERUSER")
        cursor.execute(f'GRANT CONNECT ON DATABASE "{name}" TO {role}')
    try:
        dbsecurity.grant_serving_role(role)
        dbsecurity.install_truncate_guard()
        with psycopg.connect(host=params.get("host") or "127.0.0.1",
                             port=params.get("port") or 5432, dbname=name, user=role,
                             autocommit=True) as conn, conn.cursor() as cursor:
            assert dbsecurity.deploy_problems(cursor) == []
            cursor.execute("UPDATE core_jobrun SET last_status = 'ok' WHERE false")
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                cursor.execute("TRUNCATE audit_auditlog")
    finally:
        with connection.cursor() as cursor:
            cursor.execute(dbsecurity.TRUNCATE_GUARD_UNINSTALL)
            cursor.execute(f"DROP OWNED BY {role}")
            cursor.execute(f"DROP ROLE {role}")
