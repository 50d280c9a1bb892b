"""What memberships add to a user's scope: the roles held, the units worked for or read, the
towns served (registered with ``core.scope`` in ``OrgsConfig.ready``)."""

from grassroots.core.scope import Role


def membership_scope(user, person):
    from .models import Membership, OrganizationKind

    roles, dims = set(), {"unit": set(), "viewer_unit": set(), "town": set(),
                         "leader_unit": set()}
    for m in Membership.objects.filter(person=person, is_active=True).select_related(
            "organization"):
        roles.add(m.role)
        org = m.organization
        if m.role in (Role.HANDLER, Role.UNIT_LEADER):
            dims["unit"].add(org.pk)
            if m.role == Role.UNIT_LEADER:
                dims["leader_unit"].add(org.pk)  # the units whose sign-off queue is theirs
        elif m.role == Role.VIEWER:
            dims["viewer_unit"].add(org.pk)
        elif m.role == Role.TOWN_STAFF and org.kind == OrganizationKind.TOWN and org.division_id:
            dims["town"].add(org.division_id)
    return roles, dims
