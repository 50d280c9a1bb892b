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


# Roles and scope dimensions are open: an app registers its own from its AppConfig.ready()
# (a party branch secretary, a park, a contact-point unit ...). The built-in roles above are
# registered here; ``Membership.role`` takes its choices from the registry.
_roles: dict[str, object] = {}
_dimensions: set[str] = set()
_providers: list = []


def register_role(code: str, label) -> None:
    """Make ``code`` a role a membership may hold; ``label`` is its (lazy) translated name."""
    if len(code) > 24:  # Membership.role holds 24 characters
        raise ValueError(f"role code {code!r} is longer than 24 characters")
    if code in _roles and _roles[code] != label:
        raise ValueError(f"role {code!r} is registered twice with different labels")
    _roles[code] = label


def role_choices() -> list[tuple[str, object]]:
    """Every registered role as model-field choices (a callable, so apps may add roles)."""
    return list(_roles.items())


def role_label(code: str):
    return _roles.get(code, code)


def register_scope_dimension(name: str) -> None:
    """A kind of id a user's scope may hold ("unit", "town", "grid", "party_org" ...)."""
    _dimensions.add(name)


def register_scope_provider(provider) -> None:
    """``provider(user, person) -> (roles, {dimension: ids})``: what the user's memberships,
    seats or posts in one app give them. Called once per request per user (the scope is cached
    on the user object). Registering the same provider twice is a no-op."""
    if provider not in _providers:
        _providers.append(provider)


for _code, _label in Role.choices:
    register_role(_code, _label)
for _name in ("unit", "viewer_unit", "town", "grid"):
    register_scope_dimension(_name)


@dataclass(frozen=True)
class Scope:
    user_id: int | None
    roles: frozenset[str] = field(default_factory=frozenset)
    # {dimension: ids}; read through ``ids()`` or the named properties below.
    dims: dict[str, frozenset[int]] = field(default_factory=dict, compare=False, hash=False)
    person_id: int | None = None
    is_citizen: bool = False

    def ids(self, dimension: str) -> frozenset[int]:
        if dimension not in _dimensions:
            raise KeyError(f"unknown scope dimension {dimension!r} (register_scope_dimension)")
        return self.dims.get(dimension, frozenset())

    @property
    def unit_ids(self) -> frozenset[int]:  # units the user works for
        return self.ids("unit")

    @property
    def viewer_unit_ids(self) -> frozenset[int]:  # units the user may only read
        return self.ids("viewer_unit")

    @property
    def town_ids(self) -> frozenset[int]:  # Division ids of towns
        return self.ids("town")

    @property
    def grid_ids(self) -> frozenset[int]:
        return self.ids("grid")

    @property
    def is_admin(self) -> bool:
        return Role.ADMIN in self.roles

    @property
    def sees_all_party(self) -> bool:
        """The platform admin and the county organisation department: every party organisation,
        member, meeting and publicity in the county (the party systems' county-wide readers)."""
        return self.is_admin or Role.ORGANIZATION_DEPT in self.roles

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
    person = getattr(user, "person", None) if hasattr(user, "person") else None
    roles: set[str] = {Role.ADMIN} if user.is_superuser else set()
    dims: dict[str, set[int]] = {}
    if person is not None:
        for provider in _providers:
            more_roles, more_dims = provider(user, person)
            roles |= set(more_roles)
            for name, ids in more_dims.items():
                if name not in _dimensions:
                    raise KeyError(f"unknown scope dimension {name!r} (register_scope_dimension)")
                dims.setdefault(name, set()).update(ids)
    scope = Scope(
        user_id=user.pk,
        roles=frozenset(roles),
        dims={name: frozenset(ids) for name, ids in dims.items()},
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
