"""Who runs grid work county-wide, shared by the querysets and the services."""

from grassroots.core.scope import Role, Scope


def is_county_manager(scope: Scope) -> bool:
    """The platform admin and the organisation department run grid work for the whole county."""
    return scope.is_admin or Role.ORGANIZATION_DEPT in scope.roles


def sees_county(scope: Scope) -> bool:
    """County-wide readers: managers plus supervisors and dispatchers (read-only here)."""
    return is_county_manager(scope) or scope.county_wide_view


def grid_q(scope: Scope, prefix: str = "grid__"):
    """Q for rows whose grid the scope covers: the secretary's grids or the town staff's town."""
    from django.db.models import Q

    q = Q(**{f"{prefix}pk__in": scope.grid_ids}) if scope.grid_ids else Q(pk__in=[])
    if scope.town_ids:
        q |= Q(**{f"{prefix}division__town_id__in": scope.town_ids})
    return q
