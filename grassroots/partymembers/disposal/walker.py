"""Take a disposal case along the table through the real services with the clock moved (the
demo's history and the tests): the branch meeting's vote through grassroots.meetings, the
talk by two full members of the branch."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db.models import Q

from grassroots.core import clock
from grassroots.meetings.services.meetings import meeting_create
from grassroots.meetings.services.votes import vote_record
from grassroots.party.models import MemberStatus, PartyMember
from grassroots.workcal.clock import SHANGHAI

from . import services
from .models import HEAVY_MEASURES, Measure, State
from .transitions import Action as A


def at(day: date):
    return clock.travel(datetime.combine(day, time(10, 0), tzinfo=SHANGHAI))


class Walker:
    """``actor`` may play every part (the county organisation department)."""

    def __init__(self, actor, gap_days: int = 7):
        self.actor = actor
        self.gap = timedelta(days=gap_days)

    def step(self, case, action, day, **data):
        with at(day):
            return services.case_step(actor=self.actor, case=case, action=action, on=day,
                                      **data)

    def vote(self, case, day):
        meeting = meeting_create(actor=self.actor, org=case.organisation, kind="general_meeting",
                                 title="支部党员大会（处置不合格党员）",
                                 held_at=datetime.combine(day, time(9, 0), tzinfo=SHANGHAI),
                                 held=True)
        full = PartyMember.objects.filter(
            Q(full_on__isnull=True) | Q(full_on__lte=day), organisation=case.organisation,
            is_active=True, status=MemberStatus.FULL, joined_on__lte=day).count()
        return vote_record(actor=self.actor, meeting=meeting,
                           subject_label=f"关于对{case.member.person.name}同志的处置",
                           ballot="secret", present_voting=full, yes=full - 1, no=1, abstain=0,
                           subject=case)

    def talkers(self, case) -> list[int]:
        return list(PartyMember.objects.filter(
            organisation=case.organisation, is_active=True, status=MemberStatus.FULL)
            .exclude(pk=case.member_id).order_by("pk").values_list("person_id", flat=True)[:2])

    def decide(self, case, day: date, measure: str = Measure.CORRECTION, months: int = 6,
               until: str = State.NOTIFIED):
        """Steps 1–6 (or from wherever the case is) until ``until``; returns (case, next day)."""
        g = self.gap
        if case.state == State.CANDIDATE:
            case = self.step(case, A.IDENTIFY, day, measure=measure,
                             note="支委会研究，认定事实清楚，初步认定为不合格党员")
            day += g
        if until == State.IDENTIFIED:
            return case, day
        if case.state == State.IDENTIFIED:
            case = self.step(case, A.INVESTIGATE, day, talkers=self.talkers(case),
                             talked_on=day - timedelta(days=2), statement="本人承认未履行党员义务",
                             report="经调查核实，所反映问题属实")
            day += g
        if until == State.INVESTIGATED:
            return case, day
        if case.state == State.INVESTIGATED:
            case = self.step(case, A.TOWN_PRE_REVIEW, day, opinion="同意提交支部党员大会表决")
            day += g
        if case.state == State.PRE_REVIEWED and case.proposed_measure in HEAVY_MEASURES \
                and not case.county_reviewed_on:
            case = self.step(case, A.COUNTY_PRE_REVIEW, day, opinion="预审同意")
            day += g
        if until == State.PRE_REVIEWED:
            return case, day
        if case.state == State.PRE_REVIEWED:
            with at(day):
                vote = self.vote(case, day)
            case = self.step(case, A.VOTE, day, vote=vote, notified_on=day - timedelta(days=3),
                             statement="本人到会作了申辩")
            day += g
        if until == State.VOTED:
            return case, day
        if case.state == State.VOTED:
            case = self.step(case, A.APPROVE, day, opinion="党（工）委会议集体研究同意",
                             months=months)
            day += g
        if until == State.APPROVED:
            return case, day
        if case.state == State.APPROVED:
            case = self.step(case, A.NOTIFY, day, reported_on=day + timedelta(days=2))
            day += g
        return case, day

    def educate(self, case, day: date, quarters: int):
        """Quarterly reviews with an education record before each."""
        for _q in range(quarters):
            with at(day):
                services.education_record(actor=self.actor, case=case, form="talk",
                                          by="第八支部书记", content="谈心谈话，督促按时参加组织生活",
                                          on=day)
            day += timedelta(days=85)
            case = self.step(case, A.QUARTER_REVIEW, day, note="有所转变，继续教育")
            day += timedelta(days=5)
        return case, day
