"""How every two-new queryset narrows itself to a user (see roles.py): county-wide readers see
all; a park's staff their parks; an instructor his assigned organisations. ``org_path`` is the
lookup from a model to its ``TwoNewOrg`` (``""`` for the organisation itself), ``park_path`` to
its ``Park``."""

from django.db.models import Q

from grassroots.core.scope import Role, Scope

from ..roles import TwoNewRole


def county_wide(scope: Scope) -> bool:
    return scope.is_admin or bool(scope.roles & {Role.ORGANIZATION_DEPT, TwoNewRole.COMMITTEE})


def scope_q(scope: Scope, action: str, *, park_path: str, org_path: str | None = None) -> Q | None:
    """None: everything; else the filter. ``change`` is for park officers (and the county);
    an instructor changes only what is his (visits), checked by the policy."""
    if county_wide(scope):
        return None
    parks = scope.ids("twonew_park_manage") if action != "view" else scope.ids("twonew_park")
    q = Q(**{f"{park_path}__in": parks}) if parks else Q(pk__in=[])
    if action == "view" and org_path is not None:
        orgs = scope.ids("twonew_org")
        if orgs:
            q |= Q(**{f"{org_path}__in" if org_path else "pk__in": orgs})
    return q


def restricted(qs, scope: Scope, action: str, *, park_path: str, org_path: str | None = None):
    q = scope_q(scope, action, park_path=park_path, org_path=org_path)
    return qs if q is None else qs.filter(q)
