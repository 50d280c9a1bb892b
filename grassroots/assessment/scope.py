"""What routine assessment adds to a user's scope (registered in AssessmentConfig.ready)."""

from grassroots.core.scope import Role

from .roles import AssessmentRole


def assessment_scope(user, person):
    """One query (a union): the person's head / committee / authority memberships, the
    sections he leads and the unit of his roster entry."""
    from django.db.models import CharField, Value

    from grassroots.orgs.models import Membership

    from .models import CivilServant, Section

    roles, dims = set(), {name: set() for name in ("assess_head", "assess_committee",
                                                   "assess_section", "assess_authority",
                                                   "assess_member_unit")}
    kind = {Role.UNIT_LEADER: "assess_head", AssessmentRole.COMMITTEE: "assess_committee",
            AssessmentRole.AUTHORITY: "assess_authority"}
    rows = Membership.objects.filter(person=person, is_active=True, role__in=list(kind)).order_by().values_list(
        "role", "organization_id").union(
        Section.objects.filter(leader=person).order_by().values_list(
            Value("section", output_field=CharField()), "pk"),
        CivilServant.objects.filter(person=person, is_active=True).order_by().values_list(
            Value("member", output_field=CharField()), "unit_id"), all=True)
    for tag, pk in rows:
        if tag == "section":
            dims["assess_section"].add(pk)
        elif tag == "member":
            dims["assess_member_unit"].add(pk)
        else:
            dims[kind[tag]].add(pk)
            if tag == AssessmentRole.AUTHORITY:
                roles.add(tag)
    return roles, dims
