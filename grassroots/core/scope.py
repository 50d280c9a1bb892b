"""Who may see and change what.

Every scoped model's queryset is a ``RestrictQuerySet`` whose ``restrict(user, action)`` narrows it
to the rows the user's organisation scope allows. ``action`` is ``"view"`` or ``"change"``.
The scope itself is computed once per request from the user's memberships and team seats.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("平台管理员")
    SUPERVISOR = "supervisor", _("督查人员")
    DISPATCHER = "dispatcher", _("派单员")
    HANDLER = "handler", _("承办人")
    UNIT_LEADER = "unit_leader", _("单位负责人")
    VIEWER = "viewer", _("只读人员")
    TOWN_STAFF = "town_staff", _("镇街工作人员")
    AUDITOR = "auditor", _("安全审计员")
    ORGANIZATION_DEPT = "organization_dept", _("组织部工作人员")


@dataclass(frozen=True)
class Scope:
    user_id: int | None
    roles: frozenset[str] = field(default_factory=frozenset)
    unit_ids: frozenset[int] = field(default_factory=frozenset)  # units the user works for
    viewer_unit_ids: frozenset[int] = field(default_factory=frozenset)  # read-only units
    town_ids: frozenset[int] = field(default_factory=frozenset)  # Division ids of towns
    grid_ids: frozenset[int] = field(default_factory=frozenset)
    person_id: int | None = None
    is_citizen: bool = False

    @property
    def is_admin(self) -> bool:
        return Role.ADMIN in self.roles

    @property
    def county_wide_view(self) -> bool:
        return bool(self.roles & {Role.ADMIN, Role.SUPERVISOR, Role.DISPATCHER})

    @property
    def is_dispatcher(self) -> bool:
        return bool(self.roles & {Role.DISPATCHER, Role.ADMIN})

    @property
    def is_supervisor(self) -> bool:
        return bool(self.roles & {Role.SUPERVISOR, Role.ADMIN})

    @property
    def is_secretary(self) -> bool:
        return bool(self.grid_ids)

    @property
    def is_staff_member(self) -> bool:
        return bool(self.roles) or self.is_secretary

    def all_unit_ids(self) -> frozenset[int]:
        return self.unit_ids | self.viewer_unit_ids


ANONYMOUS = Scope(user_id=None)


def get_scope(user) -> Scope:
    """The user's scope, cached on the user object for the request."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ANONYMOUS
    cached = getattr(user, "_grassroots_scope", None)
    if cached is not None:
        return cached
    from grassroots.orgs.models import Membership, OrganizationKind
    from grassroots.people.models import ServiceTeamMember

    person = getattr(user, "person", None) if hasattr(user, "person") else None
    roles, unit_ids, viewer_unit_ids, town_ids, grid_ids = set(), set(), set(), set(), set()
    if user.is_superuser:
        roles.add(Role.ADMIN)
    if person is not None:
        memberships = Membership.objects.filter(person=person, is_active=True).select_related(
            "organization"
        )
        for m in memberships:
            roles.add(m.role)
            org = m.organization
            if m.role in (Role.HANDLER, Role.UNIT_LEADER):
                unit_ids.add(org.pk)
            elif m.role == Role.VIEWER:
                viewer_unit_ids.add(org.pk)
            elif m.role == Role.TOWN_STAFF and org.kind == OrganizationKind.TOWN and org.division_id:
                town_ids.add(org.division_id)
        grid_ids = set(
            ServiceTeamMember.objects.filter(person=person, ended_at__isnull=True).values_list(
                "team__grid_id", flat=True
            )
        )
    scope = Scope(
        user_id=user.pk,
        roles=frozenset(roles),
        unit_ids=frozenset(unit_ids),
        viewer_unit_ids=frozenset(viewer_unit_ids),
        town_ids=frozenset(town_ids),
        grid_ids=frozenset(grid_ids),
        person_id=person.pk if person else None,
        is_citizen=bool(person and person.kind == "citizen"),
    )
    user._grassroots_scope = scope
    return scope


class RestrictQuerySet(models.QuerySet):
    """A queryset that knows how to narrow itself to a user's scope."""

    def restrict(self, user, action: str = "view"):
        scope = get_scope(user)
        if scope.user_id is None:
            return self.none()
        return self.restrict_scope(scope, action)

    def restrict_scope(self, scope: Scope, action: str = "view"):  # pragma: no cover - abstract
        raise NotImplementedError
