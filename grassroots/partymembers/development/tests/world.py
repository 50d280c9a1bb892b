"""A small development world on the party tree of grassroots/party/tests/world.py, and a
walker that takes a case along the table through the real services with the clock moved."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from grassroots.core import clock
from grassroots.meetings.services.meetings import meeting_create
from grassroots.meetings.services.votes import vote_record
from grassroots.party.models import PartyMember
from grassroots.party.tests.world import PartyTree, build_party_tree
from grassroots.testing.factories import PersonFactory
from grassroots.workcal.clock import SHANGHAI

from .. import services
from ..models import DevelopmentCase
from ..walker import Walker


@dataclass
class DevWorld:
    tree: PartyTree
    county: object
    applicant: object  # a person with a login, applying at branch A1
    water_dept: object  # review department (the water bureau; its handler answers)
    housing_dept: object


def build_dev_world(county) -> DevWorld:
    tree = build_party_tree(county)
    water = services.department_set(actor=tree.org_dept, organization=county.water,
                                    question="是否有违法违规用水记录", order=1)
    housing = services.department_set(actor=tree.org_dept, organization=county.housing,
                                      question="是否有违法建设记录", order=2)
    applicant = PersonFactory(name="申请人甲", user__username="t_dev_applicant")
    return DevWorld(tree=tree, county=county, applicant=applicant, water_dept=water,
                    housing_dept=housing)


def at(day: date):
    return clock.travel(datetime.combine(day, time(10, 0), tzinfo=SHANGHAI))


def full_members(org) -> list:
    return [m.person for m in PartyMember.objects.filter(organisation=org, status="full",
                                                         is_active=True)
            .select_related("person").order_by("pk")]


def apply(world: DevWorld, on: date, *, person=None, org=None, sector="community",
          birth=date(1995, 5, 1), **kw) -> DevelopmentCase:
    with at(on):
        return services.case_apply(actor=world.tree.org_dept, person=person or world.applicant,
                                   organisation=org or world.tree.branch_a1, sector=sector,
                                   birth_date=birth, applied_on=on, gender="女",
                                   education="大学本科", **kw)


def passed_vote(world, case, day):
    actor = world.tree.org_dept
    meeting = meeting_create(actor=actor, org=case.organisation, kind="general_meeting",
                             title="支部党员大会", held_at=datetime.combine(
                                 day, time(9, 0), tzinfo=SHANGHAI), held=True)
    should = len(full_members(case.organisation))
    return vote_record(actor=actor, meeting=meeting, subject_label=f"{case.person.name}",
                       ballot="secret", present_voting=should, yes=should, no=0, abstain=0,
                       subject=case)


def walk(world: DevWorld, case: DevelopmentCase, until: str, *, start: date | None = None):
    """Take ``case`` along the main line until it reaches step ``until``; returns the case
    and the next day."""
    answerers = {world.water_dept.pk: world.county.handler,
                 world.housing_dept.pk: world.county.outsider}
    return Walker(world.tree.org_dept, answerers).walk(case, until, start=start)
