"""What the party tree adds to a user's scope (registered in PartyConfig.ready).

An organisation officer of a committee sees and manages its whole subtree; a secretary sees his
organisation's subtree (a general branch's secretary its branches too); a member sees his own
organisation (the ``party_org_own`` dimension; ``PartyRole.MEMBER`` is for labels, not a
scope role). The tree is the party's, not the divisions': a member of a park's two-new branch
belongs to the park committee wherever he lives. One query for a user with no party post, two
for an officer or secretary."""

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q

from .roles import PartyRole


def party_scope(user, person):
    from .models import PartyMember, PartyOrganisation, PartyPost

    rows = list(
        PartyOrganisation.objects.filter(is_active=True)
        .annotate(
            is_secretary=ExpressionWrapper(Q(secretary_id=person.pk),
                                           output_field=BooleanField()),
            is_officer=Exists(PartyPost.objects.filter(
                organisation=OuterRef("pk"), person_id=person.pk, is_active=True)),
            is_member=Exists(PartyMember.objects.filter(
                organisation=OuterRef("pk"), person_id=person.pk, is_active=True)),
        )
        .filter(Q(is_secretary=True) | Q(is_officer=True) | Q(is_member=True))
        .values_list("pk", "path", "is_secretary", "is_officer", "is_member"))
    roles, dims = set(), {"party_org": set(), "party_org_own": set(), "party_org_manage": set()}
    if not rows:
        return roles, dims
    officer_paths = [path for _pk, path, _s, officer, _m in rows if officer]
    secretary_paths = [path for _pk, path, secretary, _o, _m in rows if secretary]
    # A member gets his organisation, not a role: a role would make him platform staff
    # (Scope.is_staff_member), and most members are citizens.
    for pk, _path, _s, _o, member in rows:
        if member:
            dims["party_org_own"].add(pk)
    if officer_paths:
        roles.add(PartyRole.ORG_OFFICER)
    if secretary_paths:
        roles.add(PartyRole.BRANCH_SECRETARY)
    paths = officer_paths + secretary_paths
    if paths:
        q = Q()
        for path in paths:
            q |= Q(path__startswith=path)
        for pk, path in PartyOrganisation.objects.filter(q).values_list("pk", "path"):
            dims["party_org"].add(pk)
            if any(path.startswith(p) for p in officer_paths):
                dims["party_org_manage"].add(pk)
    return roles, dims
