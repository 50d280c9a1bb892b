"""Reads about organisations and who holds which role in them."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet


def users_with_role(role: str | Iterable[str], *, organization=None,
                    organization_kind: str | None = None) -> QuerySet:
    """Active users holding ``role`` (one role or several) through an active membership,
    optionally only in ``organization`` or in organisations of ``organization_kind``.

    The one way to find the recipients of a role ("every supervisor", "the dispatch centre",
    "the county leaders"), so notifications and escalations agree on who that is.
    """
    from grassroots.people.models import User

    roles = [role] if isinstance(role, str) else list(role)
    filters = {"is_active": True, "person__memberships__is_active": True,
               "person__memberships__role__in": roles}
    if organization is not None:
        filters["person__memberships__organization"] = organization
    if organization_kind is not None:
        filters["person__memberships__organization__kind"] = organization_kind
    return User.objects.filter(**filters).distinct()
