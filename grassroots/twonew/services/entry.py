"""Park entry with the four synchronisations (§8.3): every step is a row of ENTRY_TABLE; the
party organisation is founded (or joined) through the party app's services, so the party tree's
own rules (≤ 5 units in a joint branch, the secretary a full member of the branch) apply.

Members' relationships: S2's transfer workflow is not here yet. ``entry_sync_transfers`` is
the hook it calls after a transfer is accepted: the transfers task is done when every surveyed
member's ``party.PartyMember.organisation`` is the founded organisation (read from party)."""

from __future__ import annotations

import re
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from grassroots.core.errors import ApplicationError, TransitionNotAllowed
from grassroots.core.events import event_record
from grassroots.core.numbering import series_next
from grassroots.core.policy import require
from grassroots.core.transitions import transition_apply, transition_check
from grassroots.party.models import OrgField, PartyMember
from grassroots.party.models import OrgKind as PartyKind
from grassroots.party.rules import rule_article, rule_value
from grassroots.party.services import organisation_create, organisation_update, secretary_set
from grassroots.party.services.members import find_person

from ..models import (
    CoverageMode,
    CoverageSettings,
    EntryMember,
    EntryStatus,
    ParkEntry,
    SyncKind,
    SyncStatus,
    SyncTask,
    Trainee,
)
from ..models.entry import CLOSED_SYNC, CoveragePlan
from ..transitions import ENTRY_TABLE, EntryAction
from .common import add_natural_months, optional_text, today

OFFICER = "officer"
ID_NUMBER = re.compile(r"\d{17}[\dX]")
NO_ORG_REASON = gettext_lazy("正式党员不足3人，暂不具备组建条件，选派党建指导员开展工作")


def _lock(entry: ParkEntry) -> ParkEntry:
    return ParkEntry.objects.select_for_update().select_related("org", "park").get(pk=entry.pk)


def _task(entry, kind) -> SyncTask:
    return SyncTask.objects.select_for_update().get(entry=entry, kind=kind)


def _close_task(entry, kind, *, on: date, ref: str = "", reason: str = "", actor=None):
    task = _task(entry, kind)
    if task.status in CLOSED_SYNC:
        return task
    task.status = SyncStatus.NOT_APPLICABLE if reason else SyncStatus.DONE
    task.done_on, task.ref, task.reason = on, ref[:120], reason[:120]
    task.save(update_fields=["status", "done_on", "ref", "reason"])
    event_record(subject=entry, actor=actor, action="twonew_sync_task_closed",
                 extra={"kind": kind, "status": task.status})
    return task


def _start_task(entry, kind):
    SyncTask.objects.filter(entry=entry, kind=kind, status=SyncStatus.PENDING).update(
        status=SyncStatus.IN_PROGRESS)


def _apply(entry, action, actor, fields=None, note=""):
    transition_apply(ENTRY_TABLE, entry, action=action, who=OFFICER, actor=actor,
                     fields=fields, note=note)


def _maybe_complete(entry, actor):
    """Complete once every task is done or not applicable."""
    if entry.status in (EntryStatus.TRANSFERRED, EntryStatus.SECRETARY_SELECTED) and \
            not entry.tasks.exclude(status__in=CLOSED_SYNC).exists():
        _apply(entry, EntryAction.COMPLETE, actor, {"completed_on": today()})


def entry_register(*, actor, org, park, entered_on: date) -> ParkEntry:
    """An enterprise enters the park: the entry and its four tasks, each due
    ``CoverageSettings.sync_due_months`` natural months after entry (3 by default)."""
    require(actor, "twonew.manage", park)
    if not isinstance(entered_on, date) or entered_on > today():
        raise ApplicationError(_("请填写入园日期（不晚于今天）。"), field="entered_on")
    if org.park_id not in (None, park.pk):
        raise ApplicationError(_("该单位登记在其他园区。"), field="org")
    due = add_natural_months(entered_on, CoverageSettings.current().sync_due_months)
    with transaction.atomic():
        if ParkEntry.objects.filter(org=org).exclude(
                status__in=(EntryStatus.COMPLETE, EntryStatus.WITHDRAWN)).exists():
            raise ApplicationError(_("该单位已有未完成的入园“四同步”事项。"), field="org")
        if org.park_id is None:
            org.park = park
            org.save(update_fields=["park"])
        entry = ParkEntry.objects.create(org=org, park=park, entered_on=entered_on)
        SyncTask.objects.bulk_create([SyncTask(entry=entry, kind=kind, due_on=due)
                                      for kind in SyncKind.values])
        event_record(subject=entry, actor=actor, action="park_entry_register",
                     to_state=entry.status)
    return entry


MEMBER_STATUS = {"正式": True, "正式党员": True, "预备": False, "预备党员": False}


def members_from_text(text: str) -> list[dict]:
    """One member a line: ``姓名,身份证号,正式|预备,组织关系所在`` (commas or spaces; the last
    two optional). Refused with the line's number."""
    rows = []
    for n, line in enumerate((text or "").splitlines(), start=1):
        parts = [p for p in re.split(r"[,，\s]+", line.strip()) if p]
        if not parts:
            continue
        if len(parts) < 2 or not ID_NUMBER.fullmatch(parts[1].upper()):
            raise ApplicationError(_("第%(n)s行：请按“姓名,身份证号,正式/预备,组织关系所在”填写。")
                                   % {"n": n}, field="members")
        status = parts[2] if len(parts) > 2 else "正式"
        if status not in MEMBER_STATUS:
            raise ApplicationError(_("第%(n)s行：党员类别应为“正式”或“预备”。") % {"n": n},
                                   field="members")
        rows.append({"name": parts[0][:40], "id_number": parts[1].upper(),
                     "is_full": MEMBER_STATUS[status], "relationship_at": " ".join(parts[3:])})
    return rows


def _person_of(row):
    """The person a surveyed row means: given, or found by name and ID number, or a new
    profile (his party record stays where it is until transferred)."""
    from grassroots.people.models import Person, PersonKind

    if row.get("person") is not None:
        return row["person"]
    person = find_person(name=row["name"], id_number=row["id_number"])
    if person is None:
        person = Person(name=row["name"], kind=PersonKind.CITIZEN)
        person.set_id_number(row["id_number"])
        person.save()
    return person


def entry_survey(*, actor, entry: ParkEntry, members, procedures_done_on: date) -> ParkEntry:
    """Members surveyed at the same desk as the entry procedures: ``members`` is a list of
    ``{"person"}`` or ``{"name", "id_number"}`` with ``is_full`` and ``relationship_at``
    (``members_from_text``); the procedures task is done."""
    require(actor, "twonew.manage", entry)
    if not isinstance(procedures_done_on, date) or procedures_done_on > today():
        raise ApplicationError(_("请填写手续办结日期（不晚于今天）。"), field="procedures_done_on")
    if procedures_done_on < entry.entered_on:
        raise ApplicationError(_("手续办结日期不能早于入园日期。"), field="procedures_done_on")
    with transaction.atomic():
        entry = _lock(entry)
        transition_check(ENTRY_TABLE, entry.status, EntryAction.SURVEY, OFFICER)
        rows, seen = [], set()
        for m in members:
            person = _person_of(m)
            if person.pk in seen:
                raise ApplicationError(_("%(name)s重复登记。") % {"name": person.name},
                                       field="members")
            seen.add(person.pk)
            rows.append(EntryMember(
                entry=entry, person=person, is_full=bool(m.get("is_full", True)),
                relationship_at=optional_text(m.get("relationship_at"), max_length=100)))
        full = sum(1 for r in rows if r.is_full)
        EntryMember.objects.bulk_create(rows)
        _close_task(entry, SyncKind.PROCEDURES, on=procedures_done_on, ref=_("入园手续"),
                    actor=actor)
        _apply(entry, EntryAction.SURVEY, actor,
               {"full_found": full, "probationary_found": len(rows) - full})
        org = entry.org
        org.full_members, org.probationary_members = full, len(rows) - full
        org.surveyed_on = procedures_done_on
        org.save(update_fields=["full_members", "probationary_members", "surveyed_on"])
    return entry


def plan_check(full: int, plan: str) -> None:
    """≥ 3 full members: an organisation of its own; fewer: a joint branch or an instructor
    (党章 art. 30; 支部工作条例 ch. 2)."""
    need = rule_value("own_org_min_full_members")
    if plan not in CoveragePlan.values:
        raise ApplicationError(_("请选择覆盖方式。"), field="plan")
    if plan == CoveragePlan.OWN and full < need:
        raise ApplicationError(_(
            "正式党员不足%(n)s人（现有%(m)s人），不能单独成立党支部，应加入联合党支部或选派党建指导员"
            "（%(article)s）。") % {"n": need, "m": full,
                                 "article": rule_article("own_org_min_full_members")},
            field="plan")
    if plan != CoveragePlan.OWN and full >= need:
        raise ApplicationError(_(
            "正式党员已有%(m)s人，达到%(n)s人应当单独成立党组织（%(article)s）。") % {
            "n": need, "m": full, "article": rule_article("own_org_min_full_members")},
            field="plan")


def entry_plan_coverage(*, actor, entry: ParkEntry, plan: str) -> ParkEntry:
    require(actor, "twonew.manage", entry)
    plan_check(entry.full_found, plan)
    with transaction.atomic():
        entry = _lock(entry)
        _apply(entry, EntryAction.PLAN, actor, {"plan": plan})
        _start_task(entry, SyncKind.ORG_FOUNDING)
    return entry


def entry_apply(*, actor, entry: ParkEntry, applied_on: date) -> ParkEntry:
    """The enterprise's members apply to found their branch (成立党组织请示)."""
    require(actor, "twonew.manage", entry)
    if entry.plan != CoveragePlan.OWN:
        raise ApplicationError(_("只有单独组建的单位需要提出成立申请。"), field="plan")
    if not isinstance(applied_on, date) or applied_on > today():
        raise ApplicationError(_("请填写申请日期（不晚于今天）。"), field="applied_on")
    with transaction.atomic():
        entry = _lock(entry)
        _apply(entry, EntryAction.APPLY, actor, {"applied_on": applied_on})
    return entry


def entry_approve(*, actor, entry: ParkEntry, approved_on: date, name: str = "") -> ParkEntry:
    """The park committee's approval document: the branch is created in the party tree under the
    park committee (party's ``organisation_create``) with the document's number."""
    require(actor, "twonew.manage", entry)
    park = entry.park
    if park.committee_id is None:
        raise ApplicationError(_("园区尚未设置园区党（工）委，不能批复成立党组织。"))
    if not isinstance(approved_on, date) or approved_on > today() or (
            entry.applied_on and approved_on < entry.applied_on):
        raise ApplicationError(_("请填写批复日期（不早于申请日期、不晚于今天）。"),
                               field="approved_on")
    with transaction.atomic():
        entry = _lock(entry)
        transition_check(ENTRY_TABLE, entry.status, EntryAction.APPROVE, OFFICER)
        number = series_next("twonew.founding_approval", str(approved_on.year))
        doc_no = _("%(park)s党发〔%(year)s〕%(n)s号") % {
            "park": park.name[:4], "year": approved_on.year, "n": number}
        party_org = organisation_create(
            actor=actor, name=name or _("中共%(org)s支部委员会") % {"org": entry.org.name},
            kind=PartyKind.BRANCH, parent=park.committee, field=OrgField.TWO_NEW,
            division=entry.org.division, unit=entry.org.organization, founded_on=approved_on,
            approval_doc_no=doc_no)
        # The new branch is in the actor's managed subtree: the scope cached on the user for
        # this request (core.scope.get_scope) no longer says so.
        actor.__dict__.pop("_grassroots_scope", None)
        _apply(entry, EntryAction.APPROVE, actor, {
            "approved_on": approved_on, "approval_doc_no": doc_no, "party_org": party_org})
    return entry


def entry_first_meeting(*, actor, entry: ParkEntry, held_on: date) -> ParkEntry:
    """The first members' meeting elects the secretary-to-be; the branch is founded."""
    require(actor, "twonew.manage", entry)
    if not isinstance(held_on, date) or held_on > today() or (
            entry.approved_on and held_on < entry.approved_on):
        raise ApplicationError(_("请填写首次党员大会日期（不早于批复日期、不晚于今天）。"),
                               field="held_on")
    with transaction.atomic():
        entry = _lock(entry)
        transition_check(ENTRY_TABLE, entry.status, EntryAction.FIRST_MEETING, OFFICER)
        _close_task(entry, SyncKind.ORG_FOUNDING, on=held_on, ref=entry.approval_doc_no,
                    actor=actor)
        _apply(entry, EntryAction.FIRST_MEETING, actor, {"first_meeting_on": held_on})
        _set_coverage(entry, CoverageMode.OWN, held_on)
        _start_task(entry, SyncKind.TRANSFERS)
        _start_task(entry, SyncKind.SECRETARY)
    return entry


def _set_coverage(entry, mode, on):
    org = entry.org
    org.party_org, org.coverage_mode, org.covered_on = entry.party_org, mode, on
    org.save(update_fields=["party_org", "coverage_mode", "covered_on"])


def entry_join_branch(*, actor, entry: ParkEntry, branch, joined_on: date) -> ParkEntry:
    """Fewer than 3 full members: the unit joins a joint branch of the park (≤ 5 units, the
    party tree's rule). A branch with a secretary closes the secretary task."""
    require(actor, "twonew.manage", entry)
    if entry.plan != CoveragePlan.JOINT:
        raise ApplicationError(_("覆盖方式不是加入联合党支部。"), field="plan")
    committee = entry.park.committee
    if branch is None or branch.kind != PartyKind.JOINT_BRANCH or committee is None or \
            not branch.path.startswith(committee.path) or not branch.is_active:
        raise ApplicationError(_("请选择本园区党（工）委下的联合党支部。"), field="branch")
    if not isinstance(joined_on, date) or joined_on > today():
        raise ApplicationError(_("请填写加入日期（不晚于今天）。"), field="joined_on")
    with transaction.atomic():
        entry = _lock(entry)
        transition_check(ENTRY_TABLE, entry.status, EntryAction.JOIN, OFFICER)
        units = [*branch.covered_units.all(), entry.org.organization]
        organisation_update(actor=actor, org=branch, covered_units=units)
        _close_task(entry, SyncKind.ORG_FOUNDING, on=joined_on, ref=branch.name, actor=actor)
        if branch.secretary_id:
            _close_task(entry, SyncKind.SECRETARY, on=joined_on, ref=branch.name, actor=actor,
                        reason=_("加入联合党支部，书记由联合党支部书记担任"))
        _apply(entry, EntryAction.JOIN, actor, {"party_org": branch})
        _set_coverage(entry, CoverageMode.JOINT, joined_on)
        _start_task(entry, SyncKind.TRANSFERS)
    return entry


def entry_assign_instructor(*, actor, entry: ParkEntry, instructor) -> ParkEntry:
    """Fewer than 3 full members and no joint branch: an instructor covers the unit's work;
    founding, transfers and secretary are not applicable."""
    require(actor, "twonew.manage", entry)
    if entry.plan != CoveragePlan.INSTRUCTOR:
        raise ApplicationError(_("覆盖方式不是选派党建指导员。"), field="plan")
    if instructor is None or not instructor.is_active:
        raise ApplicationError(_("请选择在任的党建指导员。"), field="instructor")
    on = today()
    with transaction.atomic():
        entry = _lock(entry)
        transition_check(ENTRY_TABLE, entry.status, EntryAction.INSTRUCTOR, OFFICER)
        for kind in (SyncKind.ORG_FOUNDING, SyncKind.TRANSFERS, SyncKind.SECRETARY):
            _close_task(entry, kind, on=on, reason=str(NO_ORG_REASON), actor=actor)
        _apply(entry, EntryAction.INSTRUCTOR, actor, {"completed_on": on})
        org = entry.org
        org.instructor, org.coverage_mode = instructor, CoverageMode.INSTRUCTOR_ONLY
        org.save(update_fields=["instructor", "coverage_mode"])
    return entry


def transfers_outstanding(entry: ParkEntry) -> int:
    """Surveyed members whose relationship is not yet in the founded organisation (one query)."""
    in_org = PartyMember.objects.filter(organisation_id=entry.party_org_id, is_active=True)
    return entry.members.exclude(person_id__in=in_org.values("person_id")).count()


def entry_sync_transfers(*, actor=None, entry: ParkEntry) -> bool:
    """The hook for S2's transfer acceptance (and the officer's button): when every surveyed
    member is on the founded organisation's roll, the transfers task is done and the entry moves
    on (and completes if the secretary task is closed). ``actor=None`` is the system. Returns
    whether the task is done."""
    require(actor, "twonew.sync", entry)
    with transaction.atomic():
        entry = _lock(entry)
        if entry.party_org_id is None:
            return False
        if transfers_outstanding(entry):
            return False
        _close_task(entry, SyncKind.TRANSFERS, on=today(), ref=entry.party_org.name, actor=actor)
        if entry.status == EntryStatus.ORG_FOUNDED:
            _apply(entry, EntryAction.TRANSFERS, actor)
            _maybe_complete(entry, actor)
    return True


def entry_transfer_accepted(member, from_org, to_org, actor) -> None:
    """S2's transfer listener (registered in TwonewConfig.ready), inside the acceptance's
    transaction: an open park entry whose founded organisation received the member re-checks
    its transfers task, as the system."""
    for entry in ParkEntry.objects.filter(party_org=to_org, status=EntryStatus.ORG_FOUNDED):
        entry_sync_transfers(actor=None, entry=entry)


def entry_transfers_done(*, actor, entry: ParkEntry) -> ParkEntry:
    """The officer confirms the transfers; refused while a surveyed member is elsewhere."""
    require(actor, "twonew.manage", entry)
    if entry.status != EntryStatus.ORG_FOUNDED:
        raise TransitionNotAllowed(ENTRY_TABLE.refusal_message(entry.status,
                                                               EntryAction.TRANSFERS))
    left = transfers_outstanding(entry)
    if left:
        raise ApplicationError(_("还有%(n)s名摸排党员的组织关系未转入%(org)s。") % {
            "n": left, "org": entry.party_org.name})
    entry_sync_transfers(actor=actor, entry=entry)
    entry.refresh_from_db()
    return entry


def entry_select_secretary(*, actor, entry: ParkEntry, person, training_class=None) -> ParkEntry:
    """The secretary is set in the party tree (a full member of the branch: party's rule) and
    enrolled in a secretaries' training class."""
    require(actor, "twonew.manage", entry)
    with transaction.atomic():
        entry = _lock(entry)
        transition_check(ENTRY_TABLE, entry.status, EntryAction.SECRETARY, OFFICER)
        secretary_set(actor=actor, org=entry.party_org, person=person)
        if training_class is not None:
            Trainee.objects.get_or_create(training_class=training_class, person=person,
                                          defaults={"org": entry.org})
        _close_task(entry, SyncKind.SECRETARY, on=today(), ref=person.name, actor=actor)
        _apply(entry, EntryAction.SECRETARY, actor,
               {"secretary": person, "training_class": training_class})
        _maybe_complete(entry, actor)
    return entry


def entry_withdraw(*, actor, entry: ParkEntry, note: str) -> ParkEntry:
    require(actor, "twonew.manage", entry)
    note = optional_text(note, max_length=200)
    if len(note) < 2:
        raise ApplicationError(_("请填写撤销原因。"), field="note")
    with transaction.atomic():
        entry = _lock(entry)
        _apply(entry, EntryAction.WITHDRAW, actor, note=note)
    return entry
