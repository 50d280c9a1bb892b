from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.core.files import file_response
from grassroots.core.idempotency import create_once
from grassroots.core.parsing import ids_of
from grassroots.core.policy import require
from grassroots.core.refusals import refusals
from grassroots.core.selectors import get_for_user
from grassroots.core.timeline import subject_timeline
from grassroots.core.transitions import actions_for

from .. import services
from ..events import EVENT_LABELS
from ..forms import AttachmentForm, AttendeeForm, MeetingForm, MinutesForm
from ..models import Meeting, MeetingAttachment, MeetingKind, MeetingStatus
from ..selectors import guest_candidates, meetings_for, recordable_orgs, votes_for
from ..services.votes import RULE_OF_KIND
from ..transitions import MEETING_TABLE


@login_required
def meeting_list(request):
    require(request.user, "meetings.view")
    kind = request.GET.get("kind", "")
    status = request.GET.get("status", "")
    qs = meetings_for(request.user, kind=kind if kind in MeetingKind.values else "",
                      status=status if status in MeetingStatus.values else "")
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(request, "meetings/list.html", {
        "page": page, "kinds": MeetingKind.choices, "statuses": MeetingStatus.choices,
        "kind": kind, "status": status})


@login_required
def meeting_new(request):
    require(request.user, "meetings.view")
    form = MeetingForm(request.POST or None, orgs=recordable_orgs(request.user))
    if request.method == "POST" and form.is_valid():
        with refusals(request, form=form) as refused:
            pk = create_once(request, operation="meetings.meeting_create", create=lambda: (
                services.meeting_create(actor=request.user, **form.service_kwargs())))
        if not refused:
            messages.success(request, _("会议已登记。"))
            return redirect("meetings:detail", pk=pk)
        return render(request, "meetings/new.html", {"form": form}, status=refused.status)
    return render(request, "meetings/new.html", {"form": form},
                  status=400 if request.method == "POST" else 200)


def _detail_context(request, meeting, **extra):
    attendance = meeting.attendance.select_related("person").order_by("role", "person__name")
    people = guest_candidates(request.user).exclude(
        pk__in=attendance.values("person_id"))[:300]
    return {"meeting": meeting, "attendance": attendance,
            "votes": votes_for(request.user, meeting),
            "attachments": meeting.attachments.order_by("uploaded_at"),
            "actions": [(a, MEETING_TABLE.action_label(a))
                        for a in actions_for(MEETING_TABLE, request.user, meeting)],
            "can_record": "recorder" in MEETING_TABLE.who_of(request.user, meeting),
            "minutes_form": extra.pop("minutes_form", None) or MinutesForm(
                initial={"minutes": meeting.minutes}),
            "attendee_form": AttendeeForm(people=people),
            "attachment_form": AttachmentForm(),
            "can_vote": meeting.kind in RULE_OF_KIND,
            "events": subject_timeline(meeting, actions=EVENT_LABELS, states=MeetingStatus),
            **extra}


@login_required
def meeting_detail(request, pk):
    require(request.user, "meetings.view")
    meeting = get_for_user(Meeting.objects.select_related("org"), request.user, pk)
    return render(request, "meetings/detail.html", _detail_context(request, meeting))


@login_required
@require_POST
def meeting_act(request, pk):
    require(request.user, "meetings.view")
    meeting = get_for_user(Meeting.objects.all(), request.user, pk)
    action = request.POST.get("action", "")
    with refusals(request):
        if action == "meeting_hold":
            services.meeting_hold(actor=request.user, meeting=meeting)
        elif action == "meeting_cancel":
            services.meeting_cancel(actor=request.user, meeting=meeting)
        else:
            messages.error(request, _("未知操作。"))
    return redirect("meetings:detail", pk=meeting.pk)


@login_required
@require_POST
def meeting_minutes(request, pk):
    require(request.user, "meetings.view")
    meeting = get_for_user(Meeting.objects.select_related("org"), request.user, pk)
    form = MinutesForm(request.POST)
    if form.is_valid():
        with refusals(request, form=form) as refused:
            services.meeting_record_minutes(actor=request.user, meeting=meeting,
                                            minutes=form.cleaned_data["minutes"])
        if not refused:
            messages.success(request, _("会议纪要已录入。"))
            return redirect("meetings:detail", pk=meeting.pk)
        status = refused.status
    else:
        status = 400
    return render(request, "meetings/detail.html",
                  _detail_context(request, meeting, minutes_form=form), status=status)


@login_required
@require_POST
def meeting_attendance(request, pk):
    """Every row of the roll: ``present`` lists the present ids; ``reason-<id>`` and
    ``leave-<id>`` the absentees' reason and leave."""
    require(request.user, "meetings.view")
    meeting = get_for_user(Meeting.objects.all(), request.user, pk)
    present = set(ids_of(request.POST.getlist("present")))
    marks = {}
    for row_id in ids_of(request.POST.getlist("row")):
        marks[row_id] = {"present": row_id in present,
                         "absence_reason": request.POST.get(f"reason-{row_id}", ""),
                         "leave_approved": request.POST.get(f"leave-{row_id}") == "on"}
    with refusals(request) as refused:
        n = services.attendance_record(actor=request.user, meeting=meeting, marks=marks)
    if not refused:
        messages.success(request, _("到会情况已保存（%(n)s人有变化）。") % {"n": n})
    return redirect("meetings:detail", pk=meeting.pk)


@login_required
@require_POST
def meeting_attendees(request, pk):
    require(request.user, "meetings.view")
    meeting = get_for_user(Meeting.objects.all(), request.user, pk)
    form = AttendeeForm(request.POST, people=guest_candidates(request.user))
    if not form.is_valid():
        messages.error(request, _("请选择人员和身份。"))
        return redirect("meetings:detail", pk=meeting.pk)
    with refusals(request):
        services.attendee_add(actor=request.user, meeting=meeting, **form.cleaned_data)
    return redirect("meetings:detail", pk=meeting.pk)


@login_required
@require_POST
def meeting_attachments(request, pk):
    require(request.user, "meetings.view")
    meeting = get_for_user(Meeting.objects.all(), request.user, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("请选择类别和文件。"))
        return redirect("meetings:detail", pk=meeting.pk)
    with refusals(request) as refused:
        services.attachment_add(actor=request.user, meeting=meeting,
                                upload=form.cleaned_data["file"], kind=form.cleaned_data["kind"])
    if not refused:
        messages.success(request, _("附件已上传。"))
    return redirect("meetings:detail", pk=meeting.pk)


@login_required
def attachment_download(request, pk):
    require(request.user, "meetings.view")
    att = MeetingAttachment.objects.restrict(request.user).filter(pk=pk).first()
    if att is None:
        raise Http404(_("未找到"))
    return file_response(request, att, inline=False)
