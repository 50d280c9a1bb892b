"""The catalogue, the counters at 6 months exactly (with and without a valid reason), the
boundary rules of S2 §4.8, and the case through the 6 steps to each outcome."""

from datetime import date, datetime, time, timedelta

import pytest

from grassroots.core.errors import ApplicationError, TransitionNotAllowed
from grassroots.core.events import events_for
from grassroots.party import services as party_services
from grassroots.party.models import MemberStatus, PartyMember
from grassroots.testing.factories import PersonFactory
from grassroots.testing.refusals import refused
from grassroots.workcal.clock import SHANGHAI

from .. import services
from ..models import (
    CaseCriterion,
    DisposalCase,
    DisposalCriterion,
    Measure,
    Source,
    State,
)
from ..transitions import Action as A
from ..walker import at
from .world import flag


@pytest.mark.django_db
def test_the_default_catalogue_is_seeded_as_constructed_data():
    rows = DisposalCriterion.objects.filter(is_active=True)
    assert rows.count() == 28
    assert set(rows.values_list("category", flat=True)) == {
        "belief", "political", "purpose", "work", "discipline", "morals", "any"}
    assert all(rows.values_list("constructed_default", flat=True))
    c15 = rows.get(code="C15")
    assert (c15.category, c15.text) == ("discipline", "无正当理由，连续6个月不参加党的组织生活")


def _new_member(dsp, joined):
    person = PersonFactory(name="新党员", user=None)
    member, _w = party_services.member_add(
        actor=dsp.tree.org_dept, org=dsp.tree.branch_a1, person=person,
        status=MemberStatus.FULL, joined_on=joined, full_on=joined)
    return member


@pytest.mark.django_db
def test_a_candidate_is_raised_at_exactly_six_months_never_a_disposal(dsp):
    member = _new_member(dsp, date(2024, 1, 10))  # no organisational life since
    only = PartyMember.objects.filter(pk=member.pk)
    assert services.candidates_raise(on=date(2024, 7, 31), members=only) == []  # 5 months
    raised = services.candidates_raise(on=date(2024, 8, 1), members=only)  # 6 months
    assert len(raised) == 1
    case = raised[0]
    assert (case.state, case.source, case.raised_on) == (State.CANDIDATE, Source.COUNTERS,
                                                         date(2024, 8, 1))
    item = CaseCriterion.objects.get(case=case)
    assert (item.criterion.code, item.facts_from, item.facts_to) == (
        "C15", date(2024, 2, 1), date(2024, 8, 1))
    assert "连续6个月" in item.evidence
    member.refresh_from_db()
    assert (member.is_active, member.status) == (True, MemberStatus.FULL)
    # The job again: nothing twice for the same facts.
    assert services.candidates_raise(on=date(2024, 8, 2), members=only) == []
    assert [e.action for e in events_for(case)] == ["dsp_raise"]


@pytest.mark.django_db
def test_a_valid_reason_for_those_months_raises_nothing(dsp):
    member = _new_member(dsp, date(2024, 1, 10))
    services.valid_reason_record(actor=dsp.tree.branch_secretary, member=member,
                                 reason="外出务工，经支部同意", valid_from=date(2024, 3, 1),
                                 valid_to=date(2024, 5, 31), counter="org_life")
    only = PartyMember.objects.filter(pk=member.pk)
    assert services.candidates_raise(on=date(2024, 8, 1), members=only) == []
    assert not DisposalCase.objects.exists()
    # A reason for another counter does not stop this one.
    other = _new_member(dsp, date(2024, 1, 10))
    services.valid_reason_record(actor=dsp.tree.org_dept, member=other, reason="生病住院治疗",
                                 valid_from=date(2024, 3, 1), counter="dues")
    assert len(services.candidates_raise(
        on=date(2024, 8, 1), members=PartyMember.objects.filter(pk=other.pk))) == 1


@pytest.mark.django_db
def test_an_officer_flags_with_evidence_and_the_boundaries_refuse(dsp):
    with refused(ApplicationError, "每一项认定标准都须附事实和证据（C12）。",
                 unchanged=[DisposalCase]):
        flag(dsp, date(2025, 3, 1), evidence="")
    with refused(ApplicationError, "违反党的纪律的，应当依照《中国共产党纪律处分条例》给予纪律处分，"
                 "不作为不合格党员处置。", unchanged=[DisposalCase]):
        flag(dsp, date(2025, 3, 1), discipline_breach=True)
    with refused(ApplicationError, "党员已因同一事实受过党纪处分的，不再作为不合格党员处置。",
                 unchanged=[DisposalCase]):
        flag(dsp, date(2025, 3, 1), punished=True)
    with refused(ApplicationError, "因困难、疾病、年老体弱或组织原因未履行义务的，不作为处置理由。",
                 unchanged=[DisposalCase]):
        flag(dsp, date(2025, 3, 1), hardship=True)
    case = flag(dsp, date(2025, 3, 1))
    assert case.state == State.CANDIDATE and case.town == dsp.tree.town_a
    # A member outside the secretary's branch: refused.
    other = PartyMember.objects.filter(organisation=dsp.tree.branch_b1).first()
    with at(date(2025, 3, 1)), refused(
            ApplicationError, "只有本党支部书记或上级党（工）委组织委员可以登记处置线索和正当理由。",
            unchanged=[DisposalCase]):
        services.candidate_flag(actor=dsp.tree.branch_secretary, member=other, source="complaint",
                                criteria=[("C12", "拒不接受任务", date(2025, 1, 1), date(2025, 3, 1))])


@pytest.mark.django_db
def test_no_second_disposal_for_the_same_facts(dsp):
    case = flag(dsp, date(2025, 3, 1), start=date(2025, 1, 1))
    case, day = dsp.walker.decide(case, date(2025, 3, 2))
    case, day = dsp.walker.educate(case, day, 1)
    case = dsp.walker.step(case, A.TRANSFORM, day, note="按时参加组织生活，主动承担任务")
    assert case.state == State.TRANSFORMED
    with refused(ApplicationError, "被处置党员已因同一事实（C12，2025-01-01至2025-03-01）受过处置或处分，"
                 "不得就同一事实再次处置。", unchanged=[DisposalCase]):
        flag(dsp, day + timedelta(days=1), start=date(2025, 2, 1))
    # New facts after the first case: a new candidate is allowed.
    again = flag(dsp, day + timedelta(days=1), start=date(2025, 3, 2))
    assert again.pk != case.pk


@pytest.mark.django_db
def test_correction_in_the_eighth_branch_then_transformed(dsp):
    case = flag(dsp, date(2025, 3, 1))
    case, day = dsp.walker.decide(case, date(2025, 3, 2), months=6)
    case.refresh_from_db()
    assert case.state == State.IN_EDUCATION
    assert case.eighth_branch == dsp.tree.eighth_a
    assert case.correction_until == date(2025, 9, 30)  # 6 months from the approval (03-30)
    assert case.decided_measure == Measure.CORRECTION
    assert case.talks.get().reached is True
    member = PartyMember.objects.get(pk=case.member_id)
    assert member.is_active and member.status == MemberStatus.FULL  # rights kept
    with refused(ApplicationError, "认定转化前须有第八党支部的转化评估。", unchanged=[case]):
        dsp.walker.step(case, A.TRANSFORM, day, note="有转变")
    case, day = dsp.walker.educate(case, day, 2)
    case = dsp.walker.step(case, A.TRANSFORM, day, note="按时参加组织生活，主动承担任务")
    assert (case.state, case.closed_on) == (State.TRANSFORMED, day)
    actions = [e.action for e in events_for(case)]
    assert actions[:8] == ["dsp_flag", "dsp_identify", "dsp_investigate", "dsp_town_pre_review",
                           "dsp_vote", "dsp_approve", "dsp_notify", "dsp_enter_education"]
    assert actions[-1] == "dsp_transform"


@pytest.mark.django_db
def test_removal_needs_the_county_pre_review_and_ends_membership(dsp):
    case = flag(dsp, date(2025, 3, 1), code="C05", evidence="坚持要求退党，经教育不改")
    case, day = dsp.walker.decide(case, date(2025, 3, 2), measure=Measure.REMOVE,
                                  until=State.INVESTIGATED)
    case = dsp.walker.step(case, A.TOWN_PRE_REVIEW, day, opinion="同意")
    with at(day):
        vote = dsp.walker.vote(case, day)
    with refused(ApplicationError, "拟劝退或除名的，须经县委组织部预审后才能提交支部党员大会表决。",
                 unchanged=[case]):
        dsp.walker.step(case, A.VOTE, day, vote=vote, notified_on=day, statement="到会申辩")
    # The town officer may not do the county's pre-review.
    with at(day), refused(TransitionNotAllowed,
                          "该处置当前为“3 上报预审”，不能执行“县委组织部预审”。", unchanged=[case]):
        services.case_step(actor=dsp.tree.town_officer, case=case, action=A.COUNTY_PRE_REVIEW,
                           on=day, opinion="同意")
    case, day = dsp.walker.decide(case, day, measure=Measure.REMOVE)
    assert case.state == State.REMOVED
    member = PartyMember.objects.get(pk=case.member_id)
    assert (member.is_active, member.status, member.end_reason, member.ended_on) == (
        False, MemberStatus.REMOVED, "expelled", case.approved_on)


@pytest.mark.django_db
def test_the_vote_is_secret_after_notice_and_must_pass(dsp):
    case = flag(dsp, date(2025, 3, 1))
    case, day = dsp.walker.decide(case, date(2025, 3, 2), until=State.PRE_REVIEWED)
    from grassroots.meetings.services.meetings import meeting_create
    from grassroots.meetings.services.votes import vote_record

    actor = dsp.tree.org_dept
    with at(day):
        meeting = meeting_create(actor=actor, org=case.organisation, kind="general_meeting",
                                 title="支部党员大会", held=True,
                                 held_at=datetime.combine(day, time(9), tzinfo=SHANGHAI))
        hands = vote_record(actor=actor, meeting=meeting, subject_label="处置表决", ballot="open",
                            present_voting=5, yes=5, no=0, abstain=0, subject=case)
    with refused(ApplicationError, "处置不合格党员须无记名投票表决。", unchanged=[case]):
        dsp.walker.step(case, A.VOTE, day, vote=hands, notified_on=day, statement="到会申辩")
    with at(day + timedelta(days=1)):
        meeting2 = meeting_create(actor=actor, org=case.organisation, kind="general_meeting",
                                  title="支部党员大会", held=True,
                                  held_at=datetime.combine(day + timedelta(days=1), time(9),
                                                           tzinfo=SHANGHAI))
        lost = vote_record(actor=actor, meeting=meeting2, subject_label="处置表决", ballot="secret",
                           present_voting=5, yes=2, no=3, abstain=0, subject=case)
    with refused(ApplicationError, "支部党员大会表决未通过（赞成2票，需3票）。", unchanged=[case]):
        dsp.walker.step(case, A.VOTE, day + timedelta(days=1), vote=lost,
                        notified_on=day, statement="到会申辩")
    with refused(ApplicationError, "须在支部党员大会前通知本人参会申辩。", unchanged=[case]):
        dsp.walker.step(case, A.VOTE, day + timedelta(days=1), vote=lost,
                        notified_on=day + timedelta(days=2), statement="到会申辩")


@pytest.mark.django_db
def test_the_talk_needs_two_full_members(dsp):
    case = flag(dsp, date(2025, 3, 1))
    case, day = dsp.walker.decide(case, date(2025, 3, 2), until=State.IDENTIFIED)
    one = dsp.walker.talkers(case)[:1]
    with refused(ApplicationError, "调查核实须由2名正式党员与本人谈话。", unchanged=[case]):
        dsp.walker.step(case, A.INVESTIGATE, day, talkers=one, statement="本人陈述",
                        report="调查属实")
    with refused(ApplicationError, "本人不能担任谈话人。", unchanged=[case]):
        dsp.walker.step(case, A.INVESTIGATE, day, talkers=one + [case.member.person_id],
                        statement="本人陈述", report="调查属实")


@pytest.mark.django_db
def test_correction_failed_goes_round_again_to_persuasion(dsp):
    case = flag(dsp, date(2025, 1, 10))
    case, day = dsp.walker.decide(case, date(2025, 1, 11), months=6)
    case, day = dsp.walker.educate(case, day, 1)
    assert day < case.correction_until
    until = f"{case.correction_until:%Y-%m-%d}"
    with refused(ApplicationError, f"限期改正至{until}期满；期满前只有拒不接受帮助教育的才能重新处置。",
                 unchanged=[case]):
        dsp.walker.step(case, A.CORRECTION_FAILED, day, note="仍不参加组织生活")
    day = case.correction_until
    case = dsp.walker.step(case, A.CORRECTION_FAILED, day, note="期满仍不参加组织生活",
                           measure=Measure.PERSUADE)
    assert (case.state, case.round) == (State.INVESTIGATED, 2)
    assert case.criteria.filter(criterion__code="C28").exists()
    case, day = dsp.walker.decide(case, day + timedelta(days=1), measure=Measure.PERSUADE)
    assert case.state == State.PERSUADED
    member = PartyMember.objects.get(pk=case.member_id)
    assert (member.is_active, member.status) == (False, MemberStatus.LEFT)


@pytest.mark.django_db
def test_a_town_without_an_eighth_branch_cannot_take_a_member_into_correction(dsp):
    member = PartyMember.objects.filter(organisation=dsp.tree.branch_b1).first()
    with at(date(2025, 3, 1)):
        case = services.candidate_flag(actor=dsp.tree.org_dept, member=member, source="review",
                                       criteria=[("C14", "民主评议不合格", None, None)])
    case, day = dsp.walker.decide(case, date(2025, 3, 2), until=State.APPROVED)
    with refused(ApplicationError, "中共胡集镇委员会尚未设立第八党支部，请先设立后再编入教育转化。",
                 unchanged=[case]):
        dsp.walker.step(case, A.NOTIFY, day)
    with at(day):
        eighth = services.eighth_branch_create(actor=dsp.tree.org_dept, town=dsp.tree.town_b)
    assert eighth.special_kind == "eighth_branch" and eighth.parent == dsp.tree.town_b
    case = dsp.walker.step(case, A.NOTIFY, day)
    assert case.state == State.IN_EDUCATION and case.eighth_branch == eighth
    with refused(ApplicationError, "中共胡集镇委员会已设立第八党支部。"):
        services.eighth_branch_create(actor=dsp.tree.org_dept, town=dsp.tree.town_b)


@pytest.mark.django_db
def test_dropped_when_no_ground(dsp):
    case = flag(dsp, date(2025, 3, 1))
    case, day = dsp.walker.decide(case, date(2025, 3, 2), until=State.INVESTIGATED)
    case = dsp.walker.step(case, A.DROP, day, reason="经核实系长期住院，不属于处置情形")
    assert (case.state, case.close_reason) == (State.DROPPED, "经核实系长期住院，不属于处置情形")
    assert not DisposalCase.objects.exclude(pk=case.pk).exists()
