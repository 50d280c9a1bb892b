"""PostgreSQL protection of the audit log (installed by migration 0002; see docs/security.md).

- A trigger refuses every UPDATE and every DELETE of a row younger than 180 days, whoever runs it
  (even the table owner, unless they drop the trigger — which needs the owner role, not the
  application role).
- ``grassroots_audit_purge(keep_days)`` is a SECURITY DEFINER function owned by the migrating
  role: the retention job's only way to delete, and it deletes only rows older than
  ``max(keep_days, 180)`` days.
- The application's serving role gets SELECT and INSERT, EXECUTE on the purge function, and no
  UPDATE, DELETE or TRUNCATE (``lock_down(role)``; run by the migration when
  ``GRASSROOTS_DB_APP_ROLE`` names it, or by ``manage.py audit_db_lockdown --role``).
- A ``BEFORE TRUNCATE`` trigger refuses TRUNCATE, even for the owner and a superuser (migration
  0003). Both triggers are ``ENABLE ALWAYS``: they fire under ``session_replication_role =
  replica`` too, so a superuser session cannot switch them off by that setting.

The documented production set-up has two roles (README, docs/operations.md): an owner that runs
``migrate`` and owns every table, and a serving role that owns nothing, is no superuser and holds
only the grants of ``serving_role_grants_sql`` (``manage.py db_serving_role``). Only the owner or a
superuser can drop or disable a trigger, alter the table or grant privileges on it, so their
credentials are kept out of the serving environment; ``check --deploy`` refuses to pass when the
serving connection is a superuser, owns the table (or is a member of its owner) or may update,
delete or truncate it (``deploy_problems``).
"""

from django.conf import settings
from django.db import connection as default_connection

from .models import MIN_RETENTION_DAYS

TABLE = "audit_auditlog"

INSTALL = f"""
CREATE OR REPLACE FUNCTION grassroots_audit_guard() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND OLD.at < now() - interval '{MIN_RETENTION_DAYS} days' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit log is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS audit_auditlog_append_only ON {TABLE};
CREATE TRIGGER audit_auditlog_append_only BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION grassroots_audit_guard();

CREATE OR REPLACE FUNCTION grassroots_audit_purge(keep_days integer) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    n bigint;
BEGIN
    DELETE FROM {TABLE}
        WHERE at < now() - make_interval(days => GREATEST(keep_days, {MIN_RETENTION_DAYS}));
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END;
$$;
REVOKE ALL ON FUNCTION grassroots_audit_purge(integer) FROM PUBLIC;
REVOKE UPDATE, DELETE, TRUNCATE ON {TABLE} FROM PUBLIC;
"""

UNINSTALL = f"""
DROP TRIGGER IF EXISTS audit_auditlog_append_only ON {TABLE};
DROP FUNCTION IF EXISTS grassroots_audit_guard();
DROP FUNCTION IF EXISTS grassroots_audit_purge(integer);
"""


def lock_down_sql(role: str, quote=default_connection.ops.quote_name) -> list[str]:
    """The statements a DBA runs (as the owner) for the serving role ``role``."""
    r = quote(role)
    return [
        f"REVOKE UPDATE, DELETE, TRUNCATE ON {TABLE} FROM {r}",
        f"GRANT SELECT, INSERT ON {TABLE} TO {r}",
        f"GRANT USAGE, SELECT ON SEQUENCE {TABLE}_id_seq TO {r}",
        f"GRANT EXECUTE ON FUNCTION grassroots_audit_purge(integer) TO {r}",
    ]


def lock_down(role: str, connection=default_connection) -> None:
    with connection.cursor() as cursor:
        for statement in lock_down_sql(role, connection.ops.quote_name):
            cursor.execute(statement)


def is_superuser(connection=default_connection) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        row = cursor.fetchone()
    return bool(row and row[0])


# --- the TRUNCATE guard (migration 0003) ----------------------------------------------------------
TRUNCATE_GUARD = f"""
CREATE OR REPLACE FUNCTION grassroots_audit_truncate_guard() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit log is append-only: TRUNCATE refused'
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS audit_auditlog_no_truncate ON {TABLE};
CREATE TRIGGER audit_auditlog_no_truncate BEFORE TRUNCATE ON {TABLE}
    FOR EACH STATEMENT EXECUTE FUNCTION grassroots_audit_truncate_guard();
ALTER TABLE {TABLE} ENABLE ALWAYS TRIGGER audit_auditlog_no_truncate;
"""
# Fires under session_replication_role = replica as well.
ALWAYS_APPEND_ONLY = f"ALTER TABLE {TABLE} ENABLE ALWAYS TRIGGER audit_auditlog_append_only"
TRUNCATE_GUARD_UNINSTALL = f"""
DROP TRIGGER IF EXISTS audit_auditlog_no_truncate ON {TABLE};
DROP FUNCTION IF EXISTS grassroots_audit_truncate_guard();
ALTER TABLE {TABLE} ENABLE TRIGGER audit_auditlog_append_only;
"""


def truncate_guard_wanted() -> bool:
    """Off only in the test settings: Django empties the database between transactional tests
    with TRUNCATE (the guard's own tests install it inside a rolled-back transaction)."""
    return bool(getattr(settings, "GRASSROOTS_AUDIT_TRUNCATE_GUARD", True))


def install_truncate_guard(connection=default_connection) -> None:
    with connection.cursor() as cursor:
        cursor.execute(TRUNCATE_GUARD)
        cursor.execute(ALWAYS_APPEND_ONLY)


# --- the serving role of the two-role set-up --------------------------------------------------------
def serving_role_grants_sql(role: str, owner: str | None = None,
                            quote=default_connection.ops.quote_name) -> list[str]:
    """What the owner grants the serving role: read and write every table and sequence of the
    schema (now and, through default privileges, tables later migrations create), then the
    audit log's lock-down (select and insert only)."""
    r = quote(role)
    for_owner = f"FOR ROLE {quote(owner)} " if owner else ""
    return [
        f"GRANT USAGE ON SCHEMA public TO {r}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {r}",
        f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {r}",
        f"ALTER DEFAULT PRIVILEGES {for_owner}IN SCHEMA public "
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {r}",
        f"ALTER DEFAULT PRIVILEGES {for_owner}IN SCHEMA public "
        f"GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO {r}",
        f"REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public FROM {r}",
        *lock_down_sql(role, quote),
        f"REVOKE TRIGGER, REFERENCES ON {TABLE} FROM {r}",
    ]


def grant_serving_role(role: str, connection=default_connection) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        owner = cursor.fetchone()[0]
        if owner == role:
            raise ValueError("the serving role cannot grant itself: run this as the owner")
        for statement in serving_role_grants_sql(role, owner, connection.ops.quote_name):
            cursor.execute(statement)


# --- what `check --deploy` verifies ------------------------------------------------------------------
PROBLEM_QUERY = f"""
SELECT r.rolsuper, c.relowner::regrole::text, pg_has_role(current_user, c.relowner, 'MEMBER'),
       has_table_privilege(current_user, c.oid, 'UPDATE'),
       has_table_privilege(current_user, c.oid, 'DELETE'),
       has_table_privilege(current_user, c.oid, 'TRUNCATE'),
       (SELECT array_agg(t.tgname::text || ':' || t.tgenabled::text ORDER BY t.tgname)
          FROM pg_trigger t WHERE t.tgrelid = c.oid AND NOT t.tgisinternal),
       current_user
FROM pg_roles r, pg_class c
WHERE r.rolname = current_user AND c.oid = to_regclass('{TABLE}')
"""
TRIGGERS = ("audit_auditlog_append_only", "audit_auditlog_no_truncate")


def deploy_problems(cursor) -> list[str]:
    """Why the connection of ``cursor`` could wipe or rewrite the audit log (empty: it cannot).
    Raises LookupError when the table does not exist yet (migrate first)."""
    cursor.execute(PROBLEM_QUERY)
    row = cursor.fetchone()
    if row is None:
        raise LookupError(TABLE)
    superuser, owner, member, update, delete, truncate, triggers, user = row
    problems = []
    if superuser:
        problems.append(f"the serving role {user} is a PostgreSQL superuser")
    if member:
        problems.append(f"the serving role {user} owns {TABLE} (owner: {owner}) and could drop "
                        "its triggers or grant itself any privilege")
    granted = [name for name, has in (("UPDATE", update), ("DELETE", delete),
                                      ("TRUNCATE", truncate)) if has]
    if granted:
        problems.append(f"the serving role {user} holds {', '.join(granted)} on {TABLE}")
    enabled = dict(t.split(":", 1) for t in (triggers or []))
    for name in TRIGGERS:
        if enabled.get(name) != "A":
            problems.append(f"trigger {name} is missing or not ENABLE ALWAYS on {TABLE}")
    return problems
