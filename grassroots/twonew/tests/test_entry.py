"""The park entry's life (§8.3) through the services: the own-organisation walk with the party
tree's founding, the transfers hook, the secretary and the training class; the ≥ 3 / ≤ 5 rules;
the instructor path; withdrawal; overdue tasks."""

from datetime import date, timedelta

import pytest

from grassroots.core.errors import ApplicationError, NotInScope, TransitionNotAllowed
from grassroots.core.events import events_for
from grassroots.party.models import OrgKind, PartyOrganisation
from grassroots.party.services import member_transfer
from grassroots.testing.refusals import refused

from ..models import CoverageMode, ParkEntry, SyncTask, Trainee, TwoNewOrg
from ..models.entry import EntryStatus, SyncKind, SyncStatus
from ..selectors import overdue_tasks
from ..services import (
    class_create,
    entry_apply,
    entry_approve,
    entry_assign_instructor,
    entry_first_meeting,
    entry_join_branch,
    entry_plan_coverage,
    entry_register,
    entry_select_secretary,
    entry_survey,
    entry_sync_transfers,
    entry_transfers_done,
    entry_withdraw,
)
from ..services.common import today
from ..services.entry import members_from_text
from .world import credit_code, member


def _survey(w, entry, members):
    return entry_survey(actor=w.officer_a, entry=entry, procedures_done_on=today(),
                        members=[{"person": m.person, "is_full": True, "relationship_at": "测试社区"}
                                 for m in members])


def _entry(w, key="a1", days_ago=10):
    return entry_register(actor=w.officer_a, org=w.orgs[key], park=w.park_a,
                          entered_on=today() - timedelta(days=days_ago))


@pytest.mark.django_db
def test_an_own_organisation_walks_to_complete(w):
    entry = _entry(w)
    tasks = {t.kind: t for t in entry.tasks.all()}
    assert set(tasks) == set(SyncKind.values)
    assert all(t.due_on > entry.entered_on + timedelta(days=88) for t in tasks.values())
    entry = _survey(w, entry, w.elsewhere[:3])
    assert entry.status == EntryStatus.SURVEYED and entry.full_found == 3
    assert SyncTask.objects.get(entry=entry, kind=SyncKind.PROCEDURES).status == SyncStatus.DONE
    entry = entry_plan_coverage(actor=w.officer_a, entry=entry, plan="own")
    entry = entry_apply(actor=w.officer_a, entry=entry, applied_on=today())
    entry = entry_approve(actor=w.officer_a, entry=entry, approved_on=today())
    branch = entry.party_org
    assert branch.kind == OrgKind.BRANCH and branch.parent_id == w.park_committee_a.pk
    assert branch.unit_id == w.orgs["a1"].organization_id
    assert branch.approval_doc_no == entry.approval_doc_no and "〔" in entry.approval_doc_no
    entry = entry_first_meeting(actor=w.officer_a, entry=entry, held_on=today())
    assert entry.status == EntryStatus.ORG_FOUNDED
    org = TwoNewOrg.objects.get(pk=w.orgs["a1"].pk)
    assert (org.coverage_mode, org.party_org_id) == (CoverageMode.OWN, branch.pk)
    # the members are still in the town branch: the officer cannot confirm the transfers
    with refused(ApplicationError, f"还有3名摸排党员的组织关系未转入{branch.name}。",
                 unchanged=[entry]):
        entry_transfers_done(actor=w.officer_a, entry=entry)
    # S2's transfers (here the party tree's) move them; the hook completes the task
    for m in w.elsewhere[:2]:
        member_transfer(actor=w.county.admin, member=m, to_org=branch)
    assert entry_sync_transfers(entry=entry) is False
    member_transfer(actor=w.county.admin, member=w.elsewhere[2], to_org=branch)
    assert entry_sync_transfers(entry=entry) is True  # actor None: the system
    entry.refresh_from_db()
    assert entry.status == EntryStatus.TRANSFERRED
    training = class_create(actor=w.county.admin, number=1, title="第一期书记培训班",
                            starts_on=date(2026, 5, 1), ends_on=date(2026, 5, 3), hours=24)
    secretary = w.elsewhere[0].person
    entry = entry_select_secretary(actor=w.officer_a, entry=entry, person=secretary,
                                   training_class=training)
    assert entry.status == EntryStatus.COMPLETE and entry.completed_on == today()
    assert PartyOrganisation.objects.get(pk=branch.pk).secretary_id == secretary.pk
    assert Trainee.objects.filter(training_class=training, person=secretary).exists()
    assert not entry.tasks.exclude(status=SyncStatus.DONE).exists()
    assert [e.action for e in events_for(entry) if e.to_state] == [
        "park_entry_register", "park_entry_survey", "park_entry_plan_coverage",
        "party_org_apply", "party_org_approve", "party_org_first_meeting",
        "park_entry_transfers_done", "secretary_select", "park_entry_complete"]


@pytest.mark.django_db
def test_three_full_members_must_found_their_own(w):
    entry = _survey(w, _entry(w), w.elsewhere[:2])
    with refused(ApplicationError, "正式党员不足3人（现有2人），不能单独成立党支部，应加入联合党支部或"
                 "选派党建指导员（《党章》第三十条；《支部工作条例》第二章）。", unchanged=[entry]):
        entry_plan_coverage(actor=w.officer_a, entry=entry, plan="own")
    other = _survey(w, _entry(w, "a2"), w.elsewhere[2:4] + [member(w.town_branch, "第三人")])
    with refused(ApplicationError, "正式党员已有3人，达到3人应当单独成立党组织（《党章》第三十条；"
                 "《支部工作条例》第二章）。", unchanged=[other]):
        entry_plan_coverage(actor=w.officer_a, entry=other, plan="joint")


@pytest.mark.django_db
def test_a_joint_branch_covers_at_most_five_units(w):
    from grassroots.orgs.models import Organization, OrganizationKind

    units = [Organization.objects.create(name=f"联合单位{i}", code=f"J{i}",
                                         kind=OrganizationKind.ENTERPRISE) for i in range(5)]
    w.joint_branch.covered_units.set(units)
    entry = entry_plan_coverage(actor=w.officer_a, entry=_survey(w, _entry(w), w.elsewhere[:1]),
                                plan="joint")
    with refused(ApplicationError, "联合党支部覆盖的单位一般不超过5个（《支部工作条例》第二章），"
                 "现选择了6个。", unchanged=[entry, w.orgs["a1"]]):
        entry_join_branch(actor=w.officer_a, entry=entry, branch=w.joint_branch,
                          joined_on=today())
    assert w.joint_branch.covered_units.count() == 5
    w.joint_branch.covered_units.set(units[:4])
    w.joint_branch.secretary = w.elsewhere[3].person
    w.joint_branch.save(update_fields=["secretary"])
    entry = entry_join_branch(actor=w.officer_a, entry=entry, branch=w.joint_branch,
                              joined_on=today())
    assert entry.status == EntryStatus.ORG_FOUNDED
    assert w.joint_branch.covered_units.count() == 5
    assert SyncTask.objects.get(entry=entry, kind=SyncKind.SECRETARY).status == \
        SyncStatus.NOT_APPLICABLE
    member_transfer(actor=w.county.admin, member=w.elsewhere[0], to_org=w.joint_branch)
    assert entry_sync_transfers(entry=entry)
    entry.refresh_from_db()
    assert entry.status == EntryStatus.COMPLETE  # the joint branch's secretary is there
    assert TwoNewOrg.objects.get(pk=w.orgs["a1"].pk).coverage_mode == CoverageMode.JOINT


@pytest.mark.django_db
def test_an_instructor_covers_a_unit_without_members(w):
    entry = entry_plan_coverage(actor=w.officer_a, entry=_survey(w, _entry(w, "a2"), []),
                                plan="instructor")
    entry = entry_assign_instructor(actor=w.officer_a, entry=entry, instructor=w.instructor)
    assert entry.status == EntryStatus.COMPLETE
    assert list(entry.tasks.values_list("kind", "status")) == [
        ("procedures", "done"), ("org_founding", "not_applicable"),
        ("transfers", "not_applicable"), ("secretary", "not_applicable")]
    org = TwoNewOrg.objects.get(pk=w.orgs["a2"].pk)
    assert (org.coverage_mode, org.instructor_id) == (CoverageMode.INSTRUCTOR_ONLY,
                                                      w.instructor.pk)


@pytest.mark.django_db
def test_steps_out_of_order_and_out_of_scope_are_refused(w):
    entry = _entry(w)
    with refused(TransitionNotAllowed, "当前状态为“已登记入园”，不能执行“批复成立”。",
                 unchanged=[entry]):
        entry_approve(actor=w.officer_a, entry=entry, approved_on=today())
    with refused(NotInScope, "只有两新工委或本园区党委工作人员可以办理。", unchanged=[entry]):
        entry_survey(actor=w.officer_b, entry=entry, members=[], procedures_done_on=today())
    with refused(NotInScope, "只有两新工委或本园区党委工作人员可以办理。"):
        entry_register(actor=w.instructor_user, org=w.orgs["a3"], park=w.park_a,
                       entered_on=today())
    with refused(ApplicationError, "该单位已有未完成的入园“四同步”事项。"):
        entry_register(actor=w.officer_a, org=w.orgs["a1"], park=w.park_a, entered_on=today())
    entry = entry_withdraw(actor=w.officer_a, entry=entry, note="企业未落户")
    assert entry.status == EntryStatus.WITHDRAWN


@pytest.mark.django_db
def test_overdue_tasks_are_listed_for_the_committee(w):
    old = _entry(w, "a1", days_ago=120)
    _entry(w, "a2", days_ago=5)
    rows = list(overdue_tasks(w.committee_user, today()))
    assert {t.entry_id for t in rows} == {old.pk} and len(rows) == 4
    assert list(overdue_tasks(w.officer_b, today())) == []  # park B sees none of park A's
    _survey(w, old, [])
    assert len(list(overdue_tasks(w.committee_user, today()))) == 3


def test_members_are_read_from_lines():
    rows = members_from_text("张三,370828199001011234,正式,胡集村党支部\n\n李四 37082819900101123X 预备")
    assert rows == [
        {"name": "张三", "id_number": "370828199001011234", "is_full": True,
         "relationship_at": "胡集村党支部"},
        {"name": "李四", "id_number": "37082819900101123X", "is_full": False,
         "relationship_at": ""}]
    with pytest.raises(ApplicationError) as exc:
        members_from_text("张三")
    assert exc.value.message == "第1行：请按“姓名,身份证号,正式/预备,组织关系所在”填写。"


@pytest.mark.django_db
def test_the_credit_code_is_checked(w):
    from ..services import org_register

    bad = credit_code(9)[:-1] + ("0" if credit_code(9)[-1] != "0" else "1")
    with refused(ApplicationError, "统一社会信用代码校验位不正确，请核对。"):
        org_register(actor=w.county.admin, name="校验企业", credit_code=bad,
                     division=w.county.town_a)
    assert not ParkEntry.objects.exists()
