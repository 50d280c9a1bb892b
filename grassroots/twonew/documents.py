"""The entry's documents: the park-entry work sheet (入园"四同步"工作单, a 登记表) and the
approval of the founding (成立党组织批复, or 联合党支部组建批复 for a joint branch), GB/T 9704."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.utils.translation import gettext as _

from grassroots.core.files import MIME, download_response
from grassroots.core.policy import require
from grassroots.core.selectors import get_for_user
from grassroots.documents.forms import FormDocument
from grassroots.documents.gbdocx import OfficialDocument, cn_date

from .models import ParkEntry
from .models.entry import CoveragePlan, EntryStatus


def entry_sheet_bytes(entry: ParkEntry) -> bytes:
    org = entry.org
    doc = FormDocument(_("入园“四同步”工作单"), columns=2,
                       above=(entry.park.name, cn_date(entry.entered_on)))
    doc.row((_("单位名称"), org.name), (_("统一社会信用代码"), org.credit_code))
    doc.row((_("职工人数"), str(org.employees)), (_("是否规上"), _("是") if org.is_above_size
                                                   else _("否")))
    doc.row((_("摸排正式党员"), str(entry.full_found)),
            (_("摸排预备党员"), str(entry.probationary_found)))
    doc.row((_("覆盖方式"), entry.get_plan_display() if entry.plan else ""),
            (_("当前状态"), entry.get_status_display()))
    for task in entry.tasks.all():
        state = task.get_status_display()
        if task.done_on:
            state += f" {task.done_on:%Y-%m-%d}"
        if task.reason:
            state += f"（{task.reason}）"
        doc.row((task.get_kind_display(), state), (_("期限"), f"{task.due_on:%Y-%m-%d}"))
    members = "\n".join(f"{m.person.name}　{_('正式') if m.is_full else _('预备')}　"
                        f"{m.relationship_at}" for m in entry.members.select_related("person"))
    doc.block(_("摸排党员"), members or _("无"), lines=4)
    return doc.to_bytes()


def entry_approval_bytes(entry: ParkEntry) -> bytes:
    park = entry.park
    committee = park.committee.name if park.committee else park.name
    joint = entry.plan == CoveragePlan.JOINT
    doc = OfficialDocument(office_mark=committee, number=entry.approval_doc_no)
    org_name = entry.party_org.name if entry.party_org else ""
    if joint:
        doc.title(_("关于同意%(org)s加入%(branch)s的批复") % {"org": entry.org.name,
                                                          "branch": org_name})
    else:
        doc.title(_("关于同意成立%(branch)s的批复") % {"branch": org_name})
    doc.addressee(_("%(org)s全体党员：") % {"org": entry.org.name})
    if joint:
        doc.para(_("你单位现有正式党员%(n)s名，不足3名。根据《中国共产党支部工作条例（试行）》第二章，"
                   "同意你单位加入%(branch)s，党员组织关系转入该联合党支部。") % {
            "n": entry.full_found, "branch": org_name})
    else:
        doc.para(_("你单位关于成立党支部的请示收悉。经研究，同意成立%(branch)s，隶属%(committee)s。"
                   "请按照《中国共产党支部工作条例（试行）》召开党员大会，选举产生支部书记，"
                   "及时转接党员组织关系。") % {"branch": org_name, "committee": committee})
    doc.signature(committee, cn_date(entry.approved_on or entry.first_meeting_on
                                     or entry.entered_on))
    return doc.to_bytes()


@login_required
def entry_sheet(request, pk):
    require(request.user, "twonew.view")
    entry = get_for_user(ParkEntry.objects.select_related("org", "park"), request.user, pk)
    return download_response(entry_sheet_bytes(entry),
                             f"入园四同步工作单-{entry.org.name}.docx", MIME["docx"])


@login_required
def entry_approval(request, pk):
    require(request.user, "twonew.view")
    entry = get_for_user(ParkEntry.objects.select_related("org", "park__committee", "party_org"),
                         request.user, pk)
    if entry.party_org_id is None or entry.status in (EntryStatus.WITHDRAWN,):
        raise Http404(_("该事项尚未批复成立党组织。"))
    return download_response(entry_approval_bytes(entry),
                             f"批复-{entry.org.name}.docx", MIME["docx"])
