"""Who runs grid work county-wide, for the querysets and the services: the rules of the
gridwork policy (policy.py), asked for a scope already computed."""

from grassroots.core.policy import allows
from grassroots.core.scope import Scope


def is_county_manager(scope: Scope) -> bool:
    """The platform admin and the organisation department (``gridwork.manage``)."""
    return allows(scope, "gridwork.manage")


def sees_county(scope: Scope) -> bool:
    """County-wide readers: managers plus supervisors and dispatchers (``gridwork.read_county``)."""
    return allows(scope, "gridwork.read_county")


def grid_q(scope: Scope, prefix: str = "grid__"):
    """Q for rows whose grid the scope covers: the secretary's grids or the town staff's town."""
    from django.db.models import Q

    q = Q(**{f"{prefix}pk__in": scope.grid_ids}) if scope.grid_ids else Q(pk__in=[])
    if scope.town_ids:
        q |= Q(**{f"{prefix}division__town_id__in": scope.town_ids})
    return q
