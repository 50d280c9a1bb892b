"""Takes a case along the main line through the real services, the clock moved to each step's
day: the demo's live cohort and the tests' worlds use it. ``answerers`` maps a review
department's id to a user of that department (who answers its letter)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db.models import Q

from grassroots.core import clock
from grassroots.party.models import MemberStatus, PartyMember
from grassroots.rulesets.checks import add_natural_months
from grassroots.workcal.clock import SHANGHAI

from . import services
from .models import DepartmentAnswer, DevelopmentCase, ReviewCheck, Step
from .transitions import Action as A

PHONE = "0537-8721234"


def at(day: date):
    return clock.travel(datetime.combine(day, time(10, 0), tzinfo=SHANGHAI))


def full_members_on(org, day: date) -> list:
    """The branch's full members on ``day`` (those with a vote at a meeting that day)."""
    return [m.person for m in PartyMember.objects.filter(
        Q(full_on__isnull=True) | Q(full_on__lte=day), organisation=org, is_active=True,
        status=MemberStatus.FULL, joined_on__lte=day).select_related("person").order_by("pk")]


class Walker:
    def __init__(self, actor, answerers: dict):
        self.actor = actor
        self.answerers = answerers

    def vote(self, case, day):
        from grassroots.meetings.services.meetings import meeting_create
        from grassroots.meetings.services.votes import vote_record

        meeting = meeting_create(actor=self.actor, org=case.organisation, kind="general_meeting",
                                 title="支部党员大会", held=True, held_at=datetime.combine(
                                     day, time(9, 0), tzinfo=SHANGHAI))
        should = len(full_members_on(case.organisation, day))
        return vote_record(actor=self.actor, meeting=meeting, subject_label=case.person.name,
                           ballot="secret", present_voting=should, yes=should, no=0, abstain=0,
                           subject=case)

    def walk(self, case: DevelopmentCase, until: str, *, start: date | None = None):
        """Move ``case`` on until it reaches step ``until``; returns (case, next day)."""
        actor, day = self.actor, start or case.applied_on + timedelta(days=7)
        state = {"case": case}

        def step(action, **data):
            with at(day):
                state["case"] = services.case_step(actor=actor, case=state["case"],
                                                   action=action, on=day, **data)
            return state["case"].step == until

        def publicity(stage):
            with at(day):
                publicity = services.case_publicity_start(
                    actor=actor, case=state["case"], stage=stage, contact_phone=PHONE)
            return max(day + timedelta(days=10), publicity.end_on + timedelta(days=1))

        def reached():
            return state["case"].step == until

        if reached():
            return case, day
        members = full_members_on(case.organisation, day)
        for action, data in ((A.TALK, {}), (A.ACTIVIST, {"recommendation": "党员推荐"}),
                             (A.ACTIVIST_FILE, {}), (A.CONTACTS, {"contacts": [members[0].pk]})):
            if step(action, **data):
                return state["case"], day + timedelta(days=7)
            day += timedelta(days=7)
        case = state["case"]
        for months in (5, 10):  # the half-yearly examinations (they do not move the case)
            exam_day = add_natural_months(case.activist_on, months)
            with at(exam_day):
                services.periodic_record(actor=actor, case=case, kind="examination",
                                         summary="学习认真，表现良好", on=exam_day)
        day = max(day, add_natural_months(case.activist_on, 12) + timedelta(days=1))
        if step(A.CANDIDATE, opinions="党小组、培养联系人、党员和群众意见均同意"):
            return state["case"], day
        day = publicity("candidate")
        if step(A.CANDIDATE_PUBLICITY):
            return state["case"], day
        if state["case"].needs_joint_review:
            with at(day):
                review = services.joint_review_request(actor=actor, case=state["case"], on=day)
                services.joint_review_act(actor=actor, review=review, action="dev_jr_town",
                                          opinion="同意", on=day)
                services.joint_review_act(actor=actor, review=review, action="dev_jr_agree",
                                          opinion="同意", on=day)
        if step(A.CANDIDATE_FILE):
            return state["case"], day
        day += timedelta(days=3)
        members = full_members_on(state["case"].organisation, day)
        if step(A.INTRODUCERS, introducers=[members[1].pk, members[2].pk]):
            return state["case"], day
        with at(day):
            services.review_dispatch(actor=actor, case=state["case"], on=day)
            for check in ReviewCheck.objects.filter(case=state["case"]):
                services.review_answer(actor=self.answerers[check.department_id], check=check,
                                       answer=DepartmentAnswer.NO_PROBLEM, on=day)
        day += timedelta(days=3)
        if step(A.REVIEW_CONCLUDE, conclusion="政治审查合格"):
            return state["case"], day
        for action, data in ((A.TRAINING, {"days": 3, "hours": 24}), (A.COMMITTEE_REVIEW, {}),
                             (A.PRE_REVIEW, {"result": "同意接收"}),
                             (A.VOLUNTEER_BOOK,
                              {"volunteer_book_no": f"37{state['case'].pk:08d}"})):
            day += timedelta(days=3)
            if step(action, **data):
                return state["case"], day
        day += timedelta(days=3)
        day = publicity("admission")
        if step(A.ADMISSION_PUBLICITY):
            return state["case"], day
        with at(day):
            vote = self.vote(state["case"], day)
        if step(A.ADMIT, vote=vote):
            return state["case"], day
        for action in (A.UPPER_TALK, A.APPROVE, A.COUNTY_FILE, A.PLACE, A.OATH):
            day += timedelta(days=5)
            if step(action):
                return state["case"], day
        day = max(day + timedelta(days=1), state["case"].probation_end_on - timedelta(days=7))
        if step(A.CONVERSION_APPLY):
            return state["case"], day
        day = publicity("conversion")
        if step(A.CONVERSION_PUBLICITY):
            return state["case"], day
        day = max(day, state["case"].probation_end_on)
        with at(day):
            vote = self.vote(state["case"], day)
        if step(A.CONVERSION_VOTE, vote=vote, decision="convert"):
            return state["case"], day
        day += timedelta(days=10)
        if step(A.CONVERT):
            return state["case"], day
        day += timedelta(days=10)
        step(A.ARCHIVE)
        assert state["case"].step == Step.COMPLETED
        return state["case"], day


# Days from the application to each step on the walker's calendar (its own constants; a case
# for the live cohort at step X applies about this long before today).
DAYS_TO = {
    Step.APPLIED: 0, Step.TALKED: 7, Step.ACTIVIST: 14, Step.ACTIVIST_FILED: 21,
    Step.CONTACTS: 28, Step.CANDIDATE: 382, Step.CANDIDATE_PUBLICISED: 392,
    Step.CANDIDATE_FILED: 392, Step.INTRODUCERS: 395, Step.REVIEWED: 398, Step.TRAINED: 401,
    Step.COMMITTEE_REVIEWED: 404, Step.PRE_REVIEWED: 407, Step.VOLUNTEER_BOOK: 410,
    Step.ADMISSION_PUBLICISED: 423, Step.ADMITTED: 423, Step.UPPER_TALKED: 428,
    Step.APPROVED: 433, Step.COUNTY_FILED: 438, Step.PLACED: 443, Step.SWORN: 448,
    Step.CONVERSION_APPLIED: 782, Step.CONVERSION_PUBLICISED: 792,
    Step.CONVERSION_VOTED: 792, Step.CONVERTED: 802,
}
