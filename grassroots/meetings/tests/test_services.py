"""Meetings, attendance and votes through the services: scope per role, the party rules with
the branch's real roll (exclusions, probationary members), refusals that write nothing."""

from datetime import timedelta

import pytest
from django.utils import timezone

from grassroots.core.errors import ApplicationError, FieldErrors, NotInScope
from grassroots.core.events import events_for
from grassroots.core.models import Event

from ..models import AttendanceRole, Meeting, MeetingStatus, Vote, VoteResult
from ..services import (
    attendance_record,
    meeting_cancel,
    meeting_create,
    meeting_hold,
    meeting_record_minutes,
    vote_record,
)

pytestmark = pytest.mark.django_db


def at(days_ago=1):
    return timezone.now() - timedelta(days=days_ago)


def general_meeting(party, actor=None, **kw):
    return meeting_create(actor=actor or party.secretary_a, org=party.branch_a,
                          kind="general_meeting", title="讨论接收预备党员", held_at=at(),
                          held=True, **kw)


def mark_present(meeting, actor, people_ids):
    marks = {a.pk: {"present": a.person_id in people_ids} for a in meeting.attendance.all()}
    attendance_record(actor=actor, meeting=meeting, marks=marks)


def test_a_meeting_lists_the_roll_and_fulfils_nothing_until_held(party):
    m = meeting_create(actor=party.secretary_a, org=party.branch_a, kind="theme_day",
                       title="七月主题党日", held_at=at(-3))
    assert m.status == MeetingStatus.PLANNED
    roles = sorted(m.attendance.values_list("role", flat=True))
    assert roles.count(AttendanceRole.MEMBER) == 10
    assert roles.count(AttendanceRole.PROBATIONARY) == 2
    with pytest.raises(ApplicationError) as exc:
        meeting_hold(actor=party.secretary_a, meeting=m)
    assert exc.value.message == "会议尚未到召开时间，不能登记为已召开。"
    assert [e.action for e in events_for(m)] == ["meeting_plan"]
    meeting_cancel(actor=party.secretary_a, meeting=m)
    assert Meeting.objects.get(pk=m.pk).status == MeetingStatus.CANCELLED


def test_scope_per_role(party, county):
    # the branch secretary records his branch only; the town officer his tree; org dept all
    with pytest.raises(NotInScope) as exc:
        meeting_create(actor=party.secretary_a, org=party.branch_b, kind="lecture",
                       title="党课", held_at=at(), held=True)
    assert exc.value.message == "只能登记本党组织或所辖党组织的会议。"
    with pytest.raises(NotInScope):
        meeting_create(actor=party.officer_a, org=party.branch_b, kind="lecture",
                       title="党课", held_at=at(), held=True)
    for user, org in ((party.officer_a, party.branch_a), (party.org_dept, party.branch_b),
                      (party.secretary_b, party.branch_b)):
        meeting_create(actor=user, org=org, kind="lecture", title="党课", held_at=at(), held=True)
    assert set(Meeting.objects.restrict(party.secretary_a).values_list("org", flat=True)) == {
        party.branch_a.pk}
    assert Meeting.objects.restrict(party.org_dept).count() == 3
    assert set(Meeting.objects.restrict(party.officer_a).values_list("org", flat=True)) == {
        party.branch_a.pk}
    # other staff (a water-bureau handler, town staff of the administration) see none
    assert Meeting.objects.restrict(county.handler).count() == 0
    assert Meeting.objects.restrict(county.town_staff).count() == 0


def test_committee_meeting_needs_a_committee(party):
    before = Event.objects.count()
    with pytest.raises(FieldErrors) as exc:
        meeting_create(actor=party.secretary_b, org=party.branch_b, kind="committee",
                       title="支委会", held_at=at(), held=True)
    assert exc.value.field_errors["kind"] == ["“胡集村党支部”未设支部委员会，不能登记支部委员会会议。"]
    assert Event.objects.count() == before and not Meeting.objects.exists()


def test_minutes_after_held(party):
    m = general_meeting(party)
    with pytest.raises(ApplicationError) as exc:
        meeting_record_minutes(actor=party.secretary_a, meeting=m, minutes="短")
    assert exc.value.message == "请填写会议纪要（至少10个字）。"
    meeting_record_minutes(actor=party.secretary_a, meeting=m, minutes="会议讨论了接收预备党员事项，一致同意。")
    assert Meeting.objects.get(pk=m.pk).status == MeetingStatus.MINUTED


def test_party_vote_uses_the_roll_and_passes_above_half(party):
    m = general_meeting(party)
    vote = vote_record(actor=party.secretary_a, meeting=m, subject_label="发展对象 张三",
                       ballot="secret", present_voting=6, yes=6, no=0, abstain=0)
    assert (vote.should_attend_voting, vote.quorum_needed, vote.pass_needed) == (10, 6, 6)
    assert vote.result == VoteResult.PASSED
    vote = vote_record(actor=party.secretary_a, meeting=m, subject_label="发展对象 李四",
                       ballot="secret", present_voting=10, yes=5, no=5, abstain=0)
    assert vote.result == VoteResult.FAILED  # exactly half of should-attend fails
    assert [e.action for e in events_for(vote)] == ["meeting_vote_record"]


def test_no_quorum_is_refused_with_the_article_and_nothing_written(party):
    m = general_meeting(party)
    before = Event.objects.count()
    with pytest.raises(ApplicationError) as exc:
        vote_record(actor=party.secretary_a, meeting=m, subject_label="发展对象 张三",
                    ballot="secret", present_voting=5, yes=5, no=0, abstain=0, written_yes=5)
    # the rule quoted as the rule set in force on the meeting's day words it
    assert exc.value.message == (
        "到会有表决权人数5人，不足6人（应到10人），不能表决。有表决权的到会人数必须超过应到会有表决权人数的"
        "1/2。（依据：《中国共产党发展党员工作细则（支部大会表决）》第二十条）")
    assert Event.objects.count() == before and not Vote.objects.exists()


def _exclusion(party, member, **kw):
    return {"member_id": member.pk, "reason": "abroad", "approved_by_org_id": party.town_a.pk,
            "approver": "王书记", "approved_on": (timezone.localdate() - timedelta(days=5)).isoformat(),
            **kw}


def test_approved_exclusions_lower_the_denominator(party):
    m = general_meeting(party)
    excluded = [_exclusion(party, party.full_a[8]), _exclusion(party, party.full_a[9],
                                                                reason="bedridden")]
    # 8 should attend: 5 present is a quorum (5 > 4) and 5 yes passes
    vote = vote_record(actor=party.secretary_a, meeting=m, subject_label="发展对象 张三",
                       ballot="secret", present_voting=5, yes=5, no=0, abstain=0,
                       excluded=excluded)
    assert vote.should_attend_voting == 8 and vote.result == VoteResult.PASSED
    assert vote.excluded[0]["approved_by_org"] == "中共金乡街道工作委员会"
    assert vote.excluded[0]["approver"] == "王书记"


@pytest.mark.parametrize("change, message", [
    ({"approved_by_org_id": None},
     "党员8不计入应到人数，须经上级党委批准：请填写批准的上级党委、批准人和批准日期。"),
    ({"reason": "busy"}, "党员8不计入应到人数的原因必须是规定的五种情形之一。"),
    ({"approved_on": "2999-01-01"}, "党员8的批准日期晚于会议日期。"),
])
def test_exclusions_need_upper_approval(party, change, message):
    m = general_meeting(party)
    before = Event.objects.count()
    with pytest.raises(ApplicationError) as exc:
        vote_record(actor=party.secretary_a, meeting=m, subject_label="发展对象 张三",
                    ballot="secret", present_voting=6, yes=6, no=0, abstain=0,
                    excluded=[_exclusion(party, party.full_a[8], **change)])
    assert exc.value.message == message
    assert Event.objects.count() == before and not Vote.objects.exists()


def test_the_branch_itself_cannot_approve_and_probationary_cannot_be_excluded(party):
    m = general_meeting(party)
    with pytest.raises(ApplicationError) as exc:
        vote_record(actor=party.secretary_a, meeting=m, subject_label="发展对象 张三",
                    ballot="secret", present_voting=6, yes=6, no=0, abstain=0,
                    excluded=[_exclusion(party, party.full_a[8],
                                         approved_by_org_id=party.branch_a.pk)])
    assert "须经上级党委批准" in exc.value.message
    with pytest.raises(ApplicationError) as exc:
        vote_record(actor=party.secretary_a, meeting=m, subject_label="发展对象 张三",
                    ballot="secret", present_voting=6, yes=6, no=0, abstain=0,
                    excluded=[_exclusion(party, party.probationary_a[0])])
    assert exc.value.message == "不计入应到人数的只能是本支部的正式党员（预备党员本就没有表决权）。"


def test_probationary_members_are_not_counted(party):
    m = general_meeting(party)
    # 5 full members and both probationary members present: 7 people, 5 voters
    present = {p.person_id for p in party.full_a[:5] + party.probationary_a}
    mark_present(m, party.secretary_a, present)
    before = Event.objects.count()
    with pytest.raises(ApplicationError) as exc:
        vote_record(actor=party.secretary_a, meeting=m, subject_label="发展对象 张三",
                    ballot="secret", present_voting=7, yes=7, no=0, abstain=0)
    assert exc.value.message == (
        "预备党员没有表决权：到会正式党员5人（到会预备党员2人不计入），实到会有表决权人数不能超过5人。"
        "依据：《中国共产党章程》第七条。")
    assert Event.objects.count() == before
    # should-attend given by hand including the probationary members is refused too
    with pytest.raises(ApplicationError) as exc:
        vote_record(actor=party.secretary_a, meeting=m, subject_label="发展对象 张三",
                    ballot="secret", present_voting=5, yes=5, no=0, abstain=0,
                    should_attend_voting=12)
    assert exc.value.message == ("应到会有表决权人数应为10人（本支部正式党员10人，经批准不计入0人），"
                                 "预备党员不计入。")


def test_written_yes_completes_a_majority(party):
    m = general_meeting(party)
    vote = vote_record(actor=party.secretary_a, meeting=m, subject_label="预备党员 王五 转正",
                       ballot="secret", present_voting=6, yes=5, no=1, abstain=0,
                       written_yes=1)
    assert vote.result == VoteResult.PASSED and vote.written_opinions == 1


def test_one_vote_per_subject_and_held_meetings_only(party):
    subject = party.probationary_a[0]
    planned = meeting_create(actor=party.secretary_a, org=party.branch_a, kind="general_meeting",
                             title="转正大会", held_at=at(-2))
    with pytest.raises(ApplicationError) as exc:
        vote_record(actor=party.secretary_a, meeting=planned, subject_label="预备1 转正",
                    ballot="secret", present_voting=6, yes=6, no=0, abstain=0, subject=subject)
    assert exc.value.message == "会议召开后才能登记表决结果。"
    m = general_meeting(party)
    vote_record(actor=party.secretary_a, meeting=m, subject_label="预备1 转正", ballot="secret",
                present_voting=6, yes=6, no=0, abstain=0, subject=subject)
    with pytest.raises(ApplicationError) as exc:
        vote_record(actor=party.secretary_a, meeting=m, subject_label="预备1 转正",
                    ballot="secret", present_voting=6, yes=6, no=0, abstain=0, subject=subject)
    assert exc.value.message == "该对象已在本次会议表决过；每个对象只表决一次。"
    assert Vote.objects.count() == 1


def test_title_review_vote_is_a_parameter(party):
    m = meeting_create(actor=party.org_dept, org=party.county_committee, kind="review",
                       title="新型职业农民职称评审", held_at=at(), held=True)
    vote = vote_record(actor=party.org_dept, meeting=m, subject_label="申报人 赵六 中级",
                       ballot="secret", should_attend_voting=9, present_voting=6, yes=4, no=2,
                       abstain=0)
    assert vote.rule == "title_review" and vote.result == VoteResult.PASSED
    vote = vote_record(actor=party.org_dept, meeting=m, subject_label="申报人 钱七 中级",
                       ballot="secret", should_attend_voting=9, present_voting=6, yes=3, no=3,
                       abstain=0)
    assert vote.result == VoteResult.FAILED
    with pytest.raises(ApplicationError) as exc:
        vote_record(actor=party.org_dept, meeting=m, subject_label="申报人 孙八", ballot="secret",
                    should_attend_voting=9, present_voting=5, yes=5, no=0, abstain=0)
    assert exc.value.message == (
        "到会有表决权人数5人，不足6人（应到9人），不能表决。出席评审会议的专家人数不得少于评审委员会专家人数的"
        "2/3。（依据：《职称评审管理暂行规定》）")


def test_attendance_refuses_reason_for_present(party):
    m = general_meeting(party)
    row = m.attendance.first()
    with pytest.raises(FieldErrors) as exc:
        attendance_record(actor=party.secretary_a, meeting=m,
                          marks={row.pk: {"present": True, "absence_reason": "病假"}})
    assert exc.value.field_errors[f"reason_{row.pk}"] == ["到会人员不需要填写缺席原因或准假。"]
    attendance_record(actor=party.secretary_a, meeting=m,
                      marks={row.pk: {"present": False, "absence_reason": "病假",
                                      "leave_approved": True}})
    row.refresh_from_db()
    assert (row.present, row.absence_reason, row.leave_approved) == (False, "病假", True)


def test_a_stricter_local_rule_set_in_force_applies(party):
    """A county set based on the national one (two thirds present) governs the meetings held
    while it is in force; the vote keeps the set's code."""
    from grassroots.rulesets.models import RuleScope, RuleSet
    from grassroots.rulesets.selectors import rule_set_in_force

    base = rule_set_in_force("party.vote", timezone.localdate())
    local = RuleSet.objects.create(
        family="party.vote", code="party.vote.2014.jinxiang", title="金乡县支部大会表决办法",
        issuer="中共金乡县委组织部", effective_from=timezone.localdate() - timedelta(days=30),
        status="confirmed", scope=RuleScope.COUNTY, base=base)
    for p in base.params.all():
        p.pk = None
        p.rule_set = local
        if p.key == "quorum.present_over_should_attend":
            p.numerator, p.denominator = 2, 3
        p.save()
    m = general_meeting(party)
    with pytest.raises(ApplicationError) as exc:  # 6 of 10 is no longer a quorum (> 2/3)
        vote_record(actor=party.secretary_a, meeting=m, subject_label="发展对象 张三",
                    ballot="secret", present_voting=6, yes=6, no=0, abstain=0)
    assert exc.value.message.startswith("到会有表决权人数6人，不足7人（应到10人），不能表决。")
    assert "（依据：《金乡县支部大会表决办法》第二十条）" in exc.value.message
    vote = vote_record(actor=party.secretary_a, meeting=m, subject_label="发展对象 张三",
                       ballot="secret", present_voting=7, yes=6, no=1, abstain=0)
    assert vote.rule_set == "party.vote.2014.jinxiang" and vote.result == VoteResult.PASSED


def test_a_member_converted_after_the_meeting_had_no_vote_at_it(party):
    """Should-attend counts the full members on the meeting's day."""
    m = general_meeting(party)
    member = party.full_a[9]
    member.full_on = timezone.localdate()  # converted today, the meeting was yesterday
    member.save(update_fields=["full_on"])
    vote = vote_record(actor=party.secretary_a, meeting=m, subject_label="发展对象 张三",
                       ballot="secret", present_voting=5, yes=5, no=0, abstain=0)
    assert vote.should_attend_voting == 9 and vote.result == VoteResult.PASSED
