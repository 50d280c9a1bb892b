"""Fixtures shared by the talent tests."""

import pytest

from grassroots.orgs.models import Organization, OrganizationKind
from grassroots.testing.factories import PersonFactory, make_member

from ..roles import TalentRole
from ..services import setup, training
from ..services.common import today

PHONE = "13900002222"


@pytest.fixture
def course_world(county):
    office = make_member(username="t_office_e", organization=Organization.objects.get(code="GOV"),
                         role=TalentRole.TALENT_OFFICE, name="人才办")
    coop = Organization.objects.create(name="义桥乡村振兴培训中心", code="C-YIQIAO",
                                       kind=OrganizationKind.DEPARTMENT)
    operator = make_member(username="t_operator_e", organization=coop,
                           role=TalentRole.BASE_OPERATOR, name="基地管理员")
    base = training.base_create(actor=office, name="义桥乡村振兴培训基地", town=county.town_a,
                                specialty="乡村振兴", operator="义桥乡村振兴培训中心",
                                operator_org=coop)
    base = training.base_transition(actor=office, base=base, action="base_recognise")
    course = training.course_create(actor=operator, base=base, title="设施蔬菜田间实操",
                                    mode="offline", practice=True, lecturer="王守田",
                                    lecturer_kind="expert", hours=8, held_on=today())
    person = PersonFactory(name="李种植")
    person.set_phone(PHONE)
    person.save(update_fields=["phone", "phone_hash", "phone_masked"])
    talent = setup.talent_register(actor=county.admin, person=person, town=county.town_a,
                                   category="planting")
    return office, operator, course, talent
