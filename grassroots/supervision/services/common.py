"""Helpers shared by the supervision services: numbers, actors, recipients."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils.translation import gettext as _

from grassroots.core import clock
from grassroots.core.errors import NotInScope
from grassroots.core.scope import Role, get_scope
from grassroots.orgs.selectors import users_with_role

from ..models import DocumentCounter


def now():
    return clock.now()


def next_seq(kind: str, year: int, *, taken=None) -> int:
    """The next free number of a per-year series; concurrent callers never get the same number.

    ``taken``: the documents of that year already numbered (a queryset with a ``seq`` column).
    The counter normally knows the last number; if documents were numbered past it without it
    (imported, entered by hand, a counter row lost), the series continues after the highest.
    Call inside the caller's transaction: the incremented row stays locked until it commits, so
    the check and the jump happen while no other caller can allocate.
    """
    seq = _increment(kind, year)
    if taken is not None:
        top = taken.aggregate(top=Max("seq"))["top"] or 0
        if seq <= top:
            DocumentCounter.objects.filter(kind=kind, year=year).update(last=top + 1)
            seq = top + 1
    return seq


def _increment(kind: str, year: int) -> int:
    for _attempt in range(3):
        if DocumentCounter.objects.filter(kind=kind, year=year).update(last=F("last") + 1):
            return DocumentCounter.objects.filter(kind=kind, year=year) \
                .values_list("last", flat=True).get()
        try:
            with transaction.atomic():
                DocumentCounter.objects.create(kind=kind, year=year, last=1)
            return 1
        except IntegrityError:
            continue  # another caller created this year's counter first; increment it instead
    raise RuntimeError(f"could not allocate a {kind} number")


def office_name() -> str:
    return getattr(settings, "GRASSROOTS_BULLETIN_OFFICE", "金乡县民生服务中心")


def supervision_office_name() -> str:
    return getattr(settings, "GRASSROOTS_SUPERVISION_OFFICE", "金乡县督查室")


def require_office(actor):
    if not get_scope(actor).is_supervisor:
        raise NotInScope(_("只有督查室工作人员可以执行此操作。"))


def supervisor_users():
    return users_with_role(Role.SUPERVISOR)


def county_leader_users():
    """Leaders of the county government (县领导): receive escalated supervision."""
    from grassroots.orgs.models import OrganizationKind

    return users_with_role((Role.UNIT_LEADER, Role.ADMIN),
                           organization_kind=OrganizationKind.COUNTY_GOVERNMENT)
