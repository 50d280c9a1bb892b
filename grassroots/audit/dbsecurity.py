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
"""

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
