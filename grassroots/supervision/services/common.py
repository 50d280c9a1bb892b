"""Helpers shared by the supervision services: numbers, actors, recipients."""

from django.conf import settings

from grassroots.core import clock
from grassroots.core.numbering import series_next
from grassroots.core.scope import Role
from grassroots.orgs.selectors import users_with_role


def now():
    return clock.now()


def next_seq(kind: str, year: int, *, taken=None) -> int:
    """The next free number of a per-year document series (see ``core.numbering``)."""
    return series_next(kind, str(year), taken=taken)


def office_name() -> str:
    return getattr(settings, "GRASSROOTS_BULLETIN_OFFICE", "金乡县民生服务中心")


def supervision_office_name() -> str:
    return getattr(settings, "GRASSROOTS_SUPERVISION_OFFICE", "金乡县督查室")


def supervisor_users():
    return users_with_role(Role.SUPERVISOR)


def county_leader_users():
    """Leaders of the county government (县领导): receive escalated supervision."""
    from grassroots.orgs.models import OrganizationKind

    return users_with_role((Role.UNIT_LEADER, Role.ADMIN),
                           organization_kind=OrganizationKind.COUNTY_GOVERNMENT)
