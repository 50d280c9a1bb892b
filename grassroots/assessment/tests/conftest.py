import pytest

from grassroots.core.scope import Role
from grassroots.orgs.models import Organization, OrganizationKind
from grassroots.testing.factories import make_member

from ..roles import AssessmentRole
from ..services.scheme import civil_servant_enrol, section_save


class Unit:
    """A unit of three civil servants (a, b and the section leader c) in one section, its head
    (also on the committee), a committee member, and the county authority's officer."""


@pytest.fixture
def unit(county):
    u = Unit()
    u.county = county
    u.org = Organization.objects.create(name="金乡县医疗保障局", short_name="医保局", code="D-MI",
                                        kind=OrganizationKind.DEPARTMENT, is_handling_unit=True)
    authority_org = Organization.objects.create(name="中共金乡县委组织部", code="D-ORG",
                                                kind=OrganizationKind.DEPARTMENT)
    u.head = make_member(username="a_head", organization=u.org, role=Role.UNIT_LEADER,
                         name="局长")
    u.committee = make_member(username="a_committee", organization=u.org,
                              role=AssessmentRole.COMMITTEE, name="考核委员")
    u.authority = make_member(username="a_authority", organization=authority_org,
                              role=AssessmentRole.AUTHORITY, name="主管部门干部")
    u.a = make_member(username="a_a", organization=u.org, role=Role.HANDLER, name="甲")
    u.b = make_member(username="a_b", organization=u.org, role=Role.HANDLER, name="乙")
    u.c = make_member(username="a_c", organization=u.org, role=Role.HANDLER, name="丙科长")
    u.section = section_save(actor=u.head, unit=u.org, name="待遇保障科", leader=u.c.person)
    for user in (u.a, u.b, u.c):
        civil_servant_enrol(actor=u.head, person=user.person, unit=u.org, section=u.section,
                            post="经办")
    for user in (u.a, u.b, u.c, u.head, u.committee, u.authority):
        user.__dict__.pop("_grassroots_scope", None)  # the scope was cached before the section
    return u


@pytest.fixture
def shipped_rules(db):
    """The routine-assessment rule set its migration ships: a transactional test run before on
    the same worker may have flushed it (shipping is idempotent)."""
    from grassroots.rulesets.models import RuleParam, RuleSet

    from .. import rules

    rules.ship(RuleSet, RuleParam)
