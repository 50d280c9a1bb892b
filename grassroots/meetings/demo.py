"""Demo county: the meeting calendar of every branch for the last 12 months (issue #17).

The obligations (rules.OBLIGATIONS) give the expected meetings; most are held on a day inside
their period, some are missed (the calendar shows them red); a few branch general meetings vote
on a development candidate, judged by the party rule (votes.py). Bulk-inserted, after the party
tree (step "party", order 420); attendance rows only for the meetings that vote.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db.models import Count, Q
from django.utils import timezone

from grassroots.demo.registry import SeedContext, batched, register_step
from grassroots.demo.summary import register_counts
from grassroots.party.models import MemberStatus, PartyMember

from .models import (
    AttendanceRole,
    Ballot,
    ExpectedMeeting,
    Meeting,
    MeetingAttendance,
    MeetingKind,
    MeetingStatus,
    Vote,
    VoteResult,
)
from .periods import add_months
from .rules import OBLIGATIONS_BY_KEY, PARTY
from .services.calendar import branches_for_calendar, expected_rows
from .votes import Tally, vote_evaluate

HELD_SHARE = 0.88  # share of the expected meetings held (the rest show as missed)
VOTES = 12  # general meetings that vote on a development candidate
TITLES = {
    "general_meeting": "支部党员大会", "committee": "支部委员会会议", "group": "党小组会",
    "lecture": "专题党课", "theme_day": "主题党日活动", "life_meeting": "组织生活会",
}


def seed_meetings(ctx: SeedContext) -> dict[str, int]:
    if Meeting.objects.exists():
        return {"meetings": Meeting.objects.count()}
    rng = ctx.rng("meetings")
    today = timezone.localdate()
    first = add_months(today.replace(day=1), -11)
    branches = branches_for_calendar()
    rows = expected_rows(branches, first, today)
    if not rows:
        return {"meetings": 0}
    tz = timezone.get_current_timezone()
    meetings: list[Meeting] = []
    fulfils: list[tuple[int, int]] = []  # (index of the expectation, index of the meeting)
    life_of: dict[tuple[int, object], int] = {}  # (org, year start) → life meeting index
    order = sorted(range(len(rows)), key=lambda i: rows[i].obligation == "appraisal")
    for i in order:
        row = rows[i]
        ob = OBLIGATIONS_BY_KEY[row.obligation]
        last_day = min(row.period_end, today - timedelta(days=1))
        if last_day < row.period_start or rng.random() > HELD_SHARE:
            continue
        if ob.appraisal and (row.org_id, row.period_start) in life_of and rng.random() < 0.8:
            # the appraisal held at the year's organisational-life meeting
            j = life_of[(row.org_id, row.period_start)]
            meetings[j].democratic_appraisal = True
            fulfils.append((i, j))
            continue
        day = row.period_start + timedelta(days=rng.randrange((last_day - row.period_start).days + 1))
        kind = ob.kinds[0]
        held_at = timezone.make_aware(datetime.combine(day, time(rng.choice((9, 14, 15)))), tz)
        meetings.append(Meeting(
            org_id=row.org_id, kind=kind, title=f"{day.month}月{TITLES.get(kind, '会议')}",
            held_at=held_at, place="党员活动室", status=MeetingStatus.MINUTED,
            minutes="会议按议程进行，传达学习上级精神，研究部署支部工作。",
            democratic_appraisal=ob.appraisal))
        if kind == MeetingKind.LIFE_MEETING:
            life_of[(row.org_id, row.period_start)] = len(meetings) - 1
        fulfils.append((i, len(meetings) - 1))
    for chunk in batched(meetings, 2000):
        Meeting.objects.bulk_create(chunk)
    for i, j in fulfils:
        rows[i].meeting_id = meetings[j].pk
    for chunk in batched(rows, 2000):
        ExpectedMeeting.objects.bulk_create(chunk)
    votes = _votes(rng, [m for m in meetings if m.kind == MeetingKind.GENERAL_MEETING])
    return {"meetings": len(meetings), "expected_meetings": len(rows), "votes": votes}


def _votes(rng, general_meetings) -> int:
    """A development vote at a few general meetings of branches with enough full members."""
    counts = dict(PartyMember.objects.filter(is_active=True).values("organisation_id")
                  .annotate(full=Count("id", filter=Q(status=MemberStatus.FULL)))
                  .filter(full__gte=5).values_list("organisation_id", "full"))
    picked = [m for m in general_meetings if m.org_id in counts]
    rng.shuffle(picked)
    attendance, votes = [], []
    for meeting in picked[:VOTES]:
        members = list(PartyMember.objects.filter(organisation_id=meeting.org_id, is_active=True)
                       .values_list("person_id", "status"))
        full = [p for p, s in members if s == MemberStatus.FULL]
        present = set(rng.sample(full, max(len(full) // 2 + 1, len(full) - rng.randrange(3))))
        for person_id, status in members:
            attendance.append(MeetingAttendance(
                meeting=meeting, person_id=person_id, present=person_id in present
                or status != MemberStatus.FULL,
                role=AttendanceRole.MEMBER if status == MemberStatus.FULL
                else AttendanceRole.PROBATIONARY,
                absence_reason="" if person_id in present or status != MemberStatus.FULL
                else "外出务工"))
        yes = len(present) - rng.randrange(2)
        tally = Tally(should_attend=len(full), present=len(present), yes=yes,
                      no=len(present) - yes, abstain=0)
        outcome = vote_evaluate(PARTY, tally)
        votes.append(Vote(
            meeting=meeting, subject_label=f"发展对象（{meeting.held_at:%Y年%m月}）",
            rule=PARTY.code, rule_set=PARTY.rule_set, ballot=Ballot.SECRET,
            should_attend_voting=tally.should_attend, present_voting=tally.present,
            yes=tally.yes, no=tally.no, abstain=0, quorum_needed=outcome.quorum_needed,
            pass_needed=outcome.pass_needed,
            result=VoteResult.PASSED if outcome.passed else VoteResult.FAILED,
            recorded_at=meeting.held_at))
    MeetingAttendance.objects.bulk_create(attendance, batch_size=2000)
    Vote.objects.bulk_create(votes)
    return len(votes)


@register_counts(labels={"meetings": "组织生活会议"})
def meeting_counts() -> dict[str, int]:
    return {"meetings": Meeting.objects.count()}


register_step("meetings", seed_meetings, order=700, label="组织生活会议与表决（近12个月）")
