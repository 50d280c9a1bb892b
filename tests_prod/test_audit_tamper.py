"""The audit log under the documented two-role set-up: every way the serving role could wipe or
rewrite it is refused, the owner's and a superuser's plain TRUNCATE/DELETE are refused too (also
with session_replication_role = replica), and `check --deploy` passes for the serving role and
fails for the owner."""

import contextlib

import psycopg
import pytest

from .conftest import db_url
from .stack import TwoRoleDatabase, manage, production_env

pytestmark = pytest.mark.slow

INSERT = ("INSERT INTO audit_auditlog (at, actor_name, category, action, outcome, target_type, "
          "target_id, target_repr, reason, user_agent, extra) VALUES (now(), 'svc', 'auth', "
          "'login', 'success', '', '', '', '', '', '{}') RETURNING id")


@pytest.fixture(scope="module")
def database():
    import uuid

    db = TwoRoleDatabase(db_url("postgres"), f"grassroots_tamper_{uuid.uuid4().hex[:8]}")
    try:
        env = production_env(db.app_url, redis_db=10)
        db.migrate(env)
        yield db, env
    finally:
        db.drop()


def connect(url):
    return psycopg.connect(url.replace("postgres://", "postgresql://"), autocommit=True)


@pytest.mark.parametrize("statement", [
    "TRUNCATE audit_auditlog",
    "DELETE FROM audit_auditlog",
    "UPDATE audit_auditlog SET action = 'tampered'",
    "DROP TRIGGER audit_auditlog_append_only ON audit_auditlog",
    "DROP TRIGGER audit_auditlog_no_truncate ON audit_auditlog",
    "ALTER TABLE audit_auditlog DISABLE TRIGGER ALL",
    "ALTER TABLE audit_auditlog DISABLE TRIGGER audit_auditlog_no_truncate",
    "ALTER TABLE audit_auditlog OWNER TO CURRENT_USER",
    "DROP TABLE audit_auditlog",
    "SET session_replication_role = replica",
    "DROP FUNCTION grassroots_audit_guard() CASCADE",
    "CREATE OR REPLACE FUNCTION grassroots_audit_guard() RETURNS trigger AS "
    "$$ BEGIN RETURN OLD; END; $$ LANGUAGE plpgsql",
])
def test_the_serving_role_cannot_tamper(database, statement):
    db, _env = database
    with connect(db.app_url) as conn, conn.cursor() as cursor:
        cursor.execute(INSERT)
        pk = cursor.fetchone()[0]
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            cursor.execute(statement)
        cursor.execute("SELECT action FROM audit_auditlog WHERE id = %s", [pk])
        assert cursor.fetchone() == ("login",)
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        assert cursor.fetchone() == (False,)


def test_the_serving_role_cannot_grant_itself_more(database):
    """Without grant options PostgreSQL answers GRANT with a warning ("no privileges were
    granted") rather than an error: what matters is that nothing was granted."""
    db, _env = database
    with connect(db.app_url) as conn, conn.cursor() as cursor:
        with contextlib.suppress(psycopg.errors.InsufficientPrivilege):
            cursor.execute("GRANT TRUNCATE, UPDATE, DELETE ON audit_auditlog TO CURRENT_USER")
        for privilege in ("TRUNCATE", "UPDATE", "DELETE"):
            cursor.execute("SELECT has_table_privilege(current_user, 'audit_auditlog', %s)",
                           [privilege])
            assert cursor.fetchone() == (False,), privilege
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            cursor.execute("TRUNCATE audit_auditlog")


@pytest.mark.parametrize("who", ["owner", "superuser"])
@pytest.mark.parametrize("replica", [False, True])
@pytest.mark.parametrize("statement", ["TRUNCATE audit_auditlog", "DELETE FROM audit_auditlog",
                                       "UPDATE audit_auditlog SET action = 'x'"])
def test_owner_and_superuser_plain_statements_are_refused(database, who, replica, statement):
    db, _env = database
    url = db.owner_url if who == "owner" else db.superuser_url.rsplit("/", 1)[0] + "/" + db.name
    with connect(db.app_url) as conn, conn.cursor() as cursor:
        cursor.execute(INSERT)
    with connect(url) as conn, conn.cursor() as cursor:
        if replica:
            if who == "owner":
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    cursor.execute("SET session_replication_role = replica")
                return
            cursor.execute("SET session_replication_role = replica")
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="append-only"):
            cursor.execute(statement)
        cursor.execute("SELECT count(*) FROM audit_auditlog")
        assert cursor.fetchone()[0] > 0


def test_the_serving_role_works_and_purges_only_old_rows(database):
    db, _env = database
    with connect(db.app_url) as conn, conn.cursor() as cursor:
        cursor.execute(INSERT)
        cursor.execute("SELECT grassroots_audit_purge(1)")
        assert cursor.fetchone() == (0,)
        cursor.execute("UPDATE core_jobrun SET last_status = 'ok' WHERE false")
        cursor.execute("SELECT count(*) FROM django_migrations")
        assert cursor.fetchone()[0] > 10


def test_check_deploy_passes_for_the_serving_role_and_fails_for_the_owner(database):
    db, env = database
    https = {"DJANGO_SECURE_SSL_REDIRECT": "true", "DJANGO_SECURE_COOKIES": "true"}
    out = manage({**env, **https}, "check", "--deploy", "--fail-level", "WARNING")
    assert "no issues" in out
    result_env = {**env, **https, "DATABASE_URL": db.owner_url}
    with pytest.raises(RuntimeError) as failed:
        manage(result_env, "check", "--deploy")
    assert "(audit.E001) The audit log can be wiped: the serving role" in str(failed.value)
    assert f"owns audit_auditlog (owner: {db.owner})" in str(failed.value)
