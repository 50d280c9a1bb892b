"""What routine assessment adds to a user's scope (registered in AssessmentConfig.ready)."""

from django.db.models import CharField, Value

from grassroots.core.scope import Role

from .roles import AssessmentRole


def assessment_scope(user, person):
    from grassroots.orgs.models import Membership

    from .models import CivilServant, Section

    roles, dims = set(), {name: set() for name in ("assess_head", "assess_committee",
                                                   "assess_section", "assess_authority",
                                                   "assess_member_unit")}
    # One query: the memberships, the sections led and the units served, tagged (a UNION).
    text = CharField()
    rows = (Membership.objects.filter(person=person, is_active=True).order_by()
            .values_list("role", "organization_id")
            .union(Section.objects.filter(leader=person).order_by()
                   .values_list(Value("section", output_field=text), "pk"),
                   CivilServant.objects.filter(person=person, is_active=True).order_by()
                   .values_list(Value("member_unit", output_field=text), "unit_id"),
                   all=True))
    for tag, pk in rows:
        if tag == Role.UNIT_LEADER:
            dims["assess_head"].add(pk)
        elif tag == AssessmentRole.COMMITTEE:
            dims["assess_committee"].add(pk)
        elif tag == AssessmentRole.AUTHORITY:
            dims["assess_authority"].add(pk)
            roles.add(tag)
        elif tag == "section":
            dims["assess_section"].add(pk)
        elif tag == "member_unit":
            dims["assess_member_unit"].add(pk)
    return roles, dims
