"""A small disposal world on the party tree of grassroots/party/tests/world.py: branch A1 of
town A (4 full members), the town's 8th branch with its secretary (a login), and the walker."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from grassroots.party import services as party_services
from grassroots.party.models import MemberStatus, PartyMember
from grassroots.party.tests.world import PartyTree, build_party_tree
from grassroots.testing.factories import PersonFactory

from .. import services
from ..models import DisposalCase, Source
from ..walker import Walker, at


@dataclass
class World:
    tree: PartyTree
    walker: Walker
    eighth_secretary: object  # user: secretary of town A's 8th branch
    subject: PartyMember  # a full member of branch A1 with a login (the disposed member)


def build_world(county) -> World:
    tree = build_party_tree(county)
    actor = tree.org_dept
    sec = PersonFactory(name="第八支部书记", user__username="t_eighth_secretary")
    party_services.member_add(actor=actor, org=tree.eighth_a, person=sec,
                              status=MemberStatus.FULL, joined_on=date(2000, 7, 1),
                              full_on=date(2001, 7, 1))
    party_services.secretary_set(actor=actor, org=tree.eighth_a, person=sec)
    person = PersonFactory(name="被处置党员", user__username="t_disposed_member")
    subject, _w = party_services.member_add(
        actor=actor, org=tree.branch_a1, person=person, status=MemberStatus.FULL,
        joined_on=date(2012, 3, 1), full_on=date(2013, 3, 1))
    return World(tree=tree, walker=Walker(actor), eighth_secretary=sec.user, subject=subject)


def flag(world: World, day: date, *, member=None, code="C12", evidence="拒不接受支部分配的任务",
         start=None, **kw) -> DisposalCase:
    with at(day):
        return services.candidate_flag(
            actor=world.tree.org_dept, member=member or world.subject, source=Source.COMPLAINT,
            criteria=[(code, evidence, start or date(day.year, 1, 1), day)], on=day, **kw)
