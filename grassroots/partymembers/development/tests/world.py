"""A small development world on the party tree of grassroots/party/tests/world.py, and a
walker that takes a case along the table through the real services with the clock moved."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from grassroots.core import clock
from grassroots.meetings.services.meetings import meeting_create
from grassroots.meetings.services.votes import vote_record
from grassroots.party.models import PartyMember
from grassroots.party.tests.world import PartyTree, build_party_tree
from grassroots.testing.factories import PersonFactory
from grassroots.workcal.clock import SHANGHAI

from .. import services
from ..models import DepartmentAnswer, DevelopmentCase, ReviewCheck, Step
from ..transitions import Action as A


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


def _publicity(world, case, stage, day):
    with at(day):
        services.case_publicity_start(actor=world.tree.org_dept, case=case, stage=stage,
                                      contact_phone="0537-8721234")
    return day + timedelta(days=10)  # 5 working days are over


def walk(world: DevWorld, case: DevelopmentCase, until: str, *, start: date | None = None):
    """Take ``case`` along the main line until it reaches step ``until``. Returns the case
    and the day after the last step."""
    actor, day = world.tree.org_dept, start or case.applied_on + timedelta(days=7)
    members = full_members(case.organisation)

    def step(action, **data):
        nonlocal case
        with at(day):
            case = services.case_step(actor=actor, case=case, action=action, on=day, **data)

    order = [
        (A.TALK, {}), (A.ACTIVIST, {"recommendation": "党员推荐"}), (A.ACTIVIST_FILE, {}),
        (A.CONTACTS, {"contacts": [members[0].pk]}),
    ]
    for action, data in order:
        if case.step == until:
            return case, day
        step(action, **data)
        day += timedelta(days=7)
    if case.step == until:
        return case, day
    for months in (5, 10):  # the half-yearly examinations (they do not move the case)
        exam_day = case.activist_on + timedelta(days=30 * months)
        with at(exam_day):
            services.periodic_record(actor=actor, case=case, kind="examination",
                                     summary="表现良好", on=exam_day)
    day = max(day, case.activist_on.replace(year=case.activist_on.year + 1) + timedelta(days=1))
    step(A.CANDIDATE, opinions="党小组、联系人、群众意见均同意")
    if case.step == until:
        return case, day
    day = _publicity(world, case, "candidate", day)
    step(A.CANDIDATE_PUBLICITY)
    if case.step == until:
        return case, day
    if case.needs_joint_review:
        with at(day):
            review = services.joint_review_request(actor=actor, case=case, on=day)
            services.joint_review_act(actor=actor, review=review, action="dev_jr_town",
                                      opinion="同意", on=day)
            services.joint_review_act(actor=actor, review=review, action="dev_jr_agree",
                                      opinion="同意", on=day)
    step(A.CANDIDATE_FILE)
    day += timedelta(days=3)
    if case.step == until:
        return case, day
    step(A.INTRODUCERS, introducers=[members[1].pk, members[2].pk])
    if case.step == until:
        return case, day
    with at(day):
        services.review_dispatch(actor=actor, case=case, on=day)
    for check in ReviewCheck.objects.filter(case=case).select_related("department"):
        user = world.county.handler if check.department == world.water_dept \
            else world.county.outsider
        with at(day):
            services.review_answer(actor=user, check=check, answer=DepartmentAnswer.NO_PROBLEM)
    day += timedelta(days=3)
    step(A.REVIEW_CONCLUDE, conclusion="政审合格")
    day += timedelta(days=3)
    rest = [(A.TRAINING, {"days": 3, "hours": 24}), (A.COMMITTEE_REVIEW, {}),
            (A.PRE_REVIEW, {"result": "同意"}),
            (A.VOLUNTEER_BOOK, {"volunteer_book_no": f"NO{case.pk:06d}"})]
    for action, data in rest:
        if case.step == until:
            return case, day
        step(action, **data)
        day += timedelta(days=3)
    if case.step == until:
        return case, day
    day = _publicity(world, case, "admission", day)
    step(A.ADMISSION_PUBLICITY)
    if case.step == until:
        return case, day
    with at(day):
        vote = passed_vote(world, case, day)
    step(A.ADMIT, vote=vote)
    for action in (A.UPPER_TALK, A.APPROVE, A.COUNTY_FILE, A.PLACE, A.OATH):
        if case.step == until:
            return case, day
        day += timedelta(days=5)
        step(action)
    if case.step == until:
        return case, day
    day = case.probation_end_on - timedelta(days=7)
    step(A.CONVERSION_APPLY)
    if case.step == until:
        return case, day
    day = _publicity(world, case, "conversion", day)
    step(A.CONVERSION_PUBLICITY)
    if case.step == until:
        return case, day
    day = max(day, case.probation_end_on)
    with at(day):
        vote = passed_vote(world, case, day)
    step(A.CONVERSION_VOTE, vote=vote, decision="convert")
    if case.step == until:
        return case, day
    day += timedelta(days=10)
    step(A.CONVERT)
    if case.step == until:
        return case, day
    day += timedelta(days=10)
    step(A.ARCHIVE)
    assert case.step == Step.COMPLETED
    return case, day
