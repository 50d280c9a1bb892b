"""What routine assessment adds to a user's scope (registered in AssessmentConfig.ready)."""

from grassroots.core.scope import Role

from .roles import AssessmentRole


def assessment_scope(user, person):
    from grassroots.orgs.models import Membership

    from .models import CivilServant, Section

    roles, dims = set(), {name: set() for name in ("assess_head", "assess_committee",
                                                   "assess_section", "assess_authority",
                                                   "assess_member_unit")}
    for role, org_id in Membership.objects.filter(person=person, is_active=True).values_list(
            "role", "organization_id"):
        if role == Role.UNIT_LEADER:
            dims["assess_head"].add(org_id)
        elif role == AssessmentRole.COMMITTEE:
            dims["assess_committee"].add(org_id)
        elif role == AssessmentRole.AUTHORITY:
            dims["assess_authority"].add(org_id)
            roles.add(role)
    dims["assess_section"].update(Section.objects.filter(leader=person).values_list("pk", flat=True))
    dims["assess_member_unit"].update(CivilServant.objects.filter(
        person=person, is_active=True).values_list("unit_id", flat=True))
    return roles, dims
