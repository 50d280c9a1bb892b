"""Recording a vote: who should attend is counted here (full members minus the approved
exclusions), the tally is judged by votes.py under the rule of the meeting's kind."""

from __future__ import annotations

from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.core.errors import ApplicationError
from grassroots.core.events import event_record
from grassroots.core.policy import require
from grassroots.core.text import clean_text
from grassroots.party.models import COMMITTEE_KINDS, MemberStatus, PartyMember, PartyOrganisation
from grassroots.people.validators import visible_length

from ..models import AttendanceRole, Ballot, MeetingKind, MeetingStatus, Vote, VoteResult
from ..rules import EXCLUSION_REASONS, PARTY, TITLE_REVIEW, vote_rule_in_force
from ..votes import Tally, quorum_require

# The rule each kind of meeting votes under (the rule sets may later say otherwise).
RULE_OF_KIND = {MeetingKind.GENERAL_MEETING: PARTY.code,
                MeetingKind.REVIEW: TITLE_REVIEW.code,
                MeetingKind.ASSESSMENT: TITLE_REVIEW.code}


def _exclusions_check(org: PartyOrganisation, held_on: date, excluded, full_ids) -> list[dict]:
    """Each exclusion: a full member of the organisation, one of the five reasons, approved by
    an upper committee on or before the meeting day."""
    clean, seen = [], set()
    upper = PartyOrganisation.objects.filter(pk__in=org.ancestor_ids(),
                                             kind__in=COMMITTEE_KINDS)
    upper = {o.pk: o for o in upper}
    for item in excluded or []:
        member = full_ids.get(_int(item.get("member_id")))
        if member is None:
            raise ApplicationError(_("不计入应到人数的只能是本支部的正式党员（预备党员本就没有表决权）。"),
                                   field="excluded")
        if member.pk in seen:
            raise ApplicationError(_("%(name)s重复列入不计入应到人数名单。") % {"name": member.person.name},
                                   field="excluded")
        seen.add(member.pk)
        reason = item.get("reason")
        if reason not in EXCLUSION_REASONS:
            raise ApplicationError(_("%(name)s不计入应到人数的原因必须是规定的五种情形之一。")
                                   % {"name": member.person.name}, field="excluded")
        committee = upper.get(_int(item.get("approved_by_org_id")))
        approver = clean_text(item.get("approver", ""))[:40]
        approved_on = item.get("approved_on")
        if isinstance(approved_on, str):
            try:
                approved_on = date.fromisoformat(approved_on)
            except ValueError:
                approved_on = None
        if committee is None or visible_length(approver) < 2 or not isinstance(approved_on, date):
            raise ApplicationError(
                _("%(name)s不计入应到人数，须经上级党委批准：请填写批准的上级党委、批准人和批准日期。")
                % {"name": member.person.name}, field="excluded")
        if approved_on > held_on:
            raise ApplicationError(_("%(name)s的批准日期晚于会议日期。") % {"name": member.person.name},
                                   field="excluded")
        clean.append({"member_id": member.pk, "person_id": member.person_id,
                      "name": member.person.name, "reason": reason,
                      "approved_by_org_id": committee.pk, "approved_by_org": committee.name,
                      "approver": approver, "approved_on": approved_on.isoformat(),
                      "doc_no": clean_text(item.get("doc_no", ""))[:60]})
    return clean


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _probationary_check(meeting, present_voting: int, excluded_people: set[int]) -> None:
    """Probationary members have no vote [S6 art. 7]: where attendance is recorded, the voting
    members present cannot exceed the full members marked present."""
    rows = meeting.attendance.filter(present=True)
    if not rows.exists():
        return
    full = rows.filter(role=AttendanceRole.MEMBER).exclude(person_id__in=excluded_people).count()
    probationary = rows.filter(role=AttendanceRole.PROBATIONARY).count()
    if present_voting > full:
        raise ApplicationError(
            _("预备党员没有表决权：到会正式党员%(full)s人（到会预备党员%(prob)s人不计入），"
              "实到会有表决权人数不能超过%(full)s人。依据：《中国共产党章程》第七条。")
            % {"full": full, "prob": probationary}, field="present_voting")


def vote_record(*, actor, meeting, subject_label: str, ballot: str, present_voting: int,
                yes: int, no: int, abstain: int, written_yes: int = 0, written_no: int = 0,
                excluded=None, subject=None, should_attend_voting: int | None = None) -> Vote:
    """One vote on one subject at a held meeting. Party votes (支部党员大会): should-attend is the
    branch's full members minus the approved exclusions; a committee vote under another rule
    (评审会, 考核委员会) gives its should-attend (the committee's size)."""
    require(actor, "meetings.record", meeting)
    if meeting.status not in (MeetingStatus.HELD, MeetingStatus.MINUTED):
        raise ApplicationError(_("会议召开后才能登记表决结果。"))
    rule_code = RULE_OF_KIND.get(meeting.kind)
    if rule_code is None:
        raise ApplicationError(_("只有支部党员大会、评审会和考核委员会可以登记表决。"))
    held_on = timezone.localdate(meeting.held_at)
    rule = vote_rule_in_force(rule_code, held_on)  # the set in force on the meeting's day
    subject_label = clean_text(subject_label)[:120]
    if visible_length(subject_label) < 2:
        raise ApplicationError(_("请填写表决事项（每次只表决一名对象或一个事项）。"), field="subject_label")
    if ballot not in Ballot.values:
        raise ApplicationError(_("请选择表决方式。"), field="ballot")
    clean_excluded: list[dict] = []
    if rule.code == PARTY.code:
        # full members on the meeting's day (a member converted later was probationary then)
        full = {m.pk: m for m in PartyMember.objects.filter(
            Q(full_on__isnull=True) | Q(full_on__lte=held_on),
            organisation_id=meeting.org_id, is_active=True, status=MemberStatus.FULL,
            joined_on__lte=held_on).select_related("person")}
        clean_excluded = _exclusions_check(meeting.org, held_on, excluded, full)
        computed = len(full) - len(clean_excluded)
        if should_attend_voting is not None and should_attend_voting != computed:
            raise ApplicationError(
                _("应到会有表决权人数应为%(n)s人（本支部正式党员%(full)s人，经批准不计入%(ex)s人），"
                  "预备党员不计入。") % {"n": computed, "full": len(full), "ex": len(clean_excluded)},
                field="should_attend_voting")
        should_attend_voting = computed
        _probationary_check(meeting, present_voting,
                            {e["person_id"] for e in clean_excluded})
    else:
        if excluded:
            raise ApplicationError(_("此类会议不适用不计入应到人数的规定。"), field="excluded")
        if should_attend_voting is None:
            raise ApplicationError(_("请填写应到会有表决权人数（评审委员会组成人数）。"),
                                   field="should_attend_voting")
    tally = Tally(should_attend=should_attend_voting, present=present_voting, yes=yes, no=no,
                  abstain=abstain, written_yes=written_yes, written_no=written_no)
    if not rule.written_count and (written_yes or written_no):
        raise ApplicationError(_("此类表决不计书面意见。"), field="written_yes")
    outcome = quorum_require(rule, tally)
    subject_type = subject_id = None
    if subject is not None:
        subject_type = ContentType.objects.get_for_model(subject)
        subject_id = subject.pk
        if Vote.objects.filter(meeting=meeting, subject_type=subject_type,
                               subject_id=subject_id).exists():
            raise ApplicationError(_("该对象已在本次会议表决过；每个对象只表决一次。"), field="subject")
    with transaction.atomic():
        vote = Vote.objects.create(
            meeting=meeting, subject_type=subject_type, subject_id=subject_id,
            subject_label=subject_label, rule=rule.code, rule_set=rule.rule_set, ballot=ballot,
            should_attend_voting=should_attend_voting, excluded=clean_excluded,
            present_voting=present_voting, written_yes=written_yes, written_no=written_no,
            yes=yes, no=no, abstain=abstain, quorum_needed=outcome.quorum_needed,
            pass_needed=outcome.pass_needed,
            result=VoteResult.PASSED if outcome.passed else VoteResult.FAILED,
            recorded_by=actor if getattr(actor, "pk", None) else None)
        event_record(subject=vote, actor=actor, action="meeting_vote_record",
                     to_state=vote.result,
                     extra={"meeting": meeting.pk, "should": should_attend_voting,
                            "present": present_voting, "yes": outcome.yes_counted})
    return vote
