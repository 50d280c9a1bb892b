"""Counts of what the demo county (or any installation) holds, for ``manage.py summary``.

Later systems add theirs from their ``demo.py``::

    from grassroots.demo.summary import register_counts

    @register_counts
    def demand_counts():
        return {"demands": Demand.objects.count()}

Every count is one database query (no Python loops over rows).
"""

from __future__ import annotations

from collections.abc import Callable

CountsFunc = Callable[[], "dict[str, int]"]

_COUNTERS: list[CountsFunc] = []
LABELS: dict[str, str] = {
    "towns": "镇（街道）",
    "communities": "社区",
    "villages": "村",
    "grids": "网格",
    "service_teams": "民情书记服务队",
    "complete_service_teams": "“1+2+3”完整服务队",
    "secretaries": "在岗民情书记",
    "units": "承办单位",
    "users": "登录用户",
}


def register_counts(func: CountsFunc | None = None, *, labels: dict[str, str] | None = None):
    """Register a function returning ``{key: count}``; usable as ``@register_counts``."""
    if labels:
        LABELS.update(labels)

    def add(f: CountsFunc) -> CountsFunc:
        if f not in _COUNTERS:
            _COUNTERS.append(f)
        return f

    return add(func) if func is not None else add


def core_counts() -> dict[str, int]:
    from grassroots.orgs.models import Organization
    from grassroots.people.models import ServiceTeam, ServiceTeamMember, User
    from grassroots.people.services import complete_teams
    from grassroots.places.models import Division, DivisionLevel, Grid

    return {
        "towns": Division.objects.towns().count(),
        "communities": Division.objects.filter(level=DivisionLevel.COMMUNITY).count(),
        "villages": Division.objects.filter(level=DivisionLevel.VILLAGE).count(),
        "grids": Grid.objects.count(),
        "service_teams": ServiceTeam.objects.count(),
        "complete_service_teams": complete_teams().count(),
        "secretaries": ServiceTeamMember.objects.filter(ended_at__isnull=True)
        .values("person").distinct().count(),
        "units": Organization.objects.handling_units().count(),
        "users": User.objects.count(),
    }


def collect() -> dict[str, int]:
    from .registry import discover

    discover()
    counts = core_counts()
    for func in _COUNTERS:
        counts.update(func())
    return counts
