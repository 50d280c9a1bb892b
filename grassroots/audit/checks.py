"""`manage.py check --deploy`: the serving database role must not be able to wipe the audit log
(PostgreSQL; see dbsecurity.py and docs/operations.md, "Database roles")."""

from django.core.checks import Error, Warning, register
from django.db import DatabaseError, connection

from . import dbsecurity


@register(deploy=True)
def audit_log_database_role(app_configs=None, **kwargs):
    if connection.vendor != "postgresql":
        return []
    hint = ("Serve with a role that owns nothing and is no superuser (two-role set-up: "
            "docs/operations.md, \"Database roles\"; manage.py db_serving_role).")
    try:
        with connection.cursor() as cursor:
            problems = dbsecurity.deploy_problems(cursor)
    except LookupError:
        return [Warning("The audit log table does not exist yet: run migrate (as the owner role), "
                        "then check again.", id="audit.W002")]
    except DatabaseError as exc:
        return [Warning(f"Could not check the database role of the audit log: {exc}".strip(),
                        hint="Run the deploy check with the serving DATABASE_URL.",
                        id="audit.W001")]
    return [Error(f"The audit log can be wiped: {problem}.", hint=hint, id="audit.E001")
            for problem in problems]
