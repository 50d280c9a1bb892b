"""The two-new documents after GB/T 9704: the park-entry work sheet (入园"四同步"工作单, a
登记表), the enterprise's founding request (成立党组织的请示) and its approval (成立党组织批复,
or 联合党支部组建批复 for a joint branch), and the instructors' appointment with its roll
(党建指导员选派文件 + 名册)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.utils.translation import gettext as _

from grassroots.core.files import MIME, download_response
from grassroots.core.policy import require
from grassroots.core.selectors import get_for_user
from grassroots.documents.forms import FormDocument
from grassroots.documents.gbdocx import OfficialDocument, cn_date

from .models import Instructor, ParkEntry
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


def founding_request_bytes(entry: ParkEntry) -> bytes:
    """The members' request to the park committee to found their own organisation (own
    organisation: ≥ 3 full members; a joint branch is asked for by the park, not requested)."""
    park = entry.park
    committee = park.committee.name if park.committee else park.name
    org = entry.org
    doc = OfficialDocument()
    # 党章 practice: 100+ members a base committee, 50+ a general branch, else a branch.
    members = entry.full_found + entry.probationary_found
    kind = _("党委") if members >= 100 else (_("党总支") if members >= 50 else _("党支部"))
    doc.title(_("关于成立中共%(org)s%(kind)s的请示") % {"org": org.name, "kind": kind})
    doc.addressee(_("%(committee)s：") % {"committee": committee})
    doc.para(_("%(org)s于%(entered)s入驻%(park)s，现有职工%(employees)s人，其中正式党员%(full)s名、"
               "预备党员%(prob)s名，党员组织关系已（正在）转入。") % {
        "org": org.name, "entered": cn_date(entry.entered_on), "park": park.name,
        "employees": org.employees, "full": entry.full_found, "prob": entry.probationary_found})
    doc.para(_("根据《中国共产党章程》和《中国共产党支部工作条例（试行）》“有正式党员3人以上的，"
               "应当成立党支部”的规定，为加强党的组织建设，充分发挥党组织战斗堡垒作用和党员先锋模范作用，"
               "特申请成立中共%(org)s%(kind)s，隶属%(committee)s领导。") % {
        "org": org.name, "kind": kind, "committee": committee})
    doc.para(_("妥否，请批示。"))
    doc.signature(_("%(org)s全体党员") % {"org": org.name},
                  cn_date(entry.applied_on or entry.entered_on))
    return doc.to_bytes()


def appointment_bytes(instructors, *, office: str, issued_on) -> bytes:
    """The notice appointing the "红帆" instructors, with their roll as the attachment."""
    doc = OfficialDocument(office_mark=office)
    doc.title(_("关于选派“红帆”党建指导员的通知"))
    doc.addressee(_("各园区党（工）委，各有关单位："))
    doc.para(_("为推进两新组织党的组织和党的工作有效覆盖，经研究，决定选派%(n)s名同志担任"
               "“红帆”党建指导员（名单附后），联系指导两新组织开展组建党组织、“三会一课”、发展党员、"
               "政策宣讲等工作。指导员每季度至少走访联系单位一次，走访情况及时登记。") % {
        "n": len(instructors)})
    doc.attachments([_("“红帆”党建指导员名册")])
    doc.signature(office, cn_date(issued_on))
    doc.annex(_("“红帆”党建指导员名册"))
    doc.table([_("序号"), _("姓名"), _("来源"), _("选派日期"), _("任期"), _("联系单位")],
              [[str(i), ins.person.name, ins.source, f"{ins.appointed_on:%Y-%m-%d}",
                _("%(n)s年") % {"n": ins.term_years},
                "、".join(o.name for o in ins.orgs.all()) or "—"]
               for i, ins in enumerate(instructors, 1)],
              widths_mm=[12, 18, 20, 28, 12, 66])
    return doc.to_bytes()


@login_required
def entry_request(request, pk):
    require(request.user, "twonew.view")
    entry = get_for_user(ParkEntry.objects.select_related("org", "park__committee"),
                         request.user, pk)
    if entry.applied_on is None or entry.plan == CoveragePlan.JOINT:
        raise Http404(_("该单位尚未申请成立党组织。"))
    return download_response(founding_request_bytes(entry),
                             f"成立党组织请示-{entry.org.name}.docx", MIME["docx"])


@login_required
def appointment(request):
    require(request.user, "twonew.view")  # outsiders get the 404 of a missing page
    require(request.user, "twonew.county")
    from .services.common import today as local_today

    today = local_today()
    instructors = list(Instructor.objects.restrict(request.user).filter(is_active=True)
                       .select_related("person").prefetch_related("orgs").order_by("appointed_on", "pk"))
    office = _("中共%(county)s委两新组织工作委员会") % {"county": _county_name()}
    return download_response(appointment_bytes(instructors, office=office, issued_on=today),
                             f"党建指导员选派文件-{today.year}.docx", MIME["docx"])


def _county_name() -> str:
    from grassroots.places.models import Division, DivisionLevel

    county = Division.objects.filter(level=DivisionLevel.COUNTY).order_by("pk").first()
    return county.name if county else ""


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
