from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.core.idempotency import create_once
from grassroots.core.policy import allows, require
from grassroots.core.refusals import refusals
from grassroots.core.timeline import subject_timeline

from .. import selectors
from ..documents import notice_docx, notice_pdf
from ..forms import NoteForm, NoticeForm
from ..models import NoticeStatus
from ..services import notices as svc
from ..transitions import Action
from .common import document_response

ACTIONS = {
    Action.ISSUE: lambda u, n, text: svc.notice_issue(actor=u, notice=n),
    Action.CANCEL: lambda u, n, text: svc.notice_cancel(actor=u, notice=n, note=text),
    Action.ACKNOWLEDGE: lambda u, n, text: svc.notice_acknowledge(actor=u, notice=n),
    Action.RESPOND: lambda u, n, text: svc.notice_respond(actor=u, notice=n, text=text),
    Action.SEND_BACK: lambda u, n, text: svc.notice_send_back(actor=u, notice=n, note=text),
    Action.CLOSE: lambda u, n, text: svc.notice_close(actor=u, notice=n, note=text),
    Action.ESCALATE: lambda u, n, text: svc.notice_escalate(actor=u, notice=n, note=text),
}
# Which scope action a page must check before calling the service (403 for read-only).
UNIT_ACTIONS = {Action.ACKNOWLEDGE, Action.RESPOND}


@login_required
def notice_list(request):
    scope = require(request.user, "core.staff")
    status = request.GET.get("status", "")
    if status not in NoticeStatus.values:
        status = ""
    notices = list(selectors.notice_list(request.user, status=status)[:200])
    for n in notices:
        n.late = selectors.notice_is_late(n)
    return render(request, "supervision/notice_list.html", {
        "notices": notices, "status": status, "statuses": NoticeStatus.choices,
        "can_draft": allows(scope, "supervision.office"),
    })


@login_required
def notice_create(request):
    require(request.user, "core.staff")
    require(request.user, "supervision.office")
    # A draft may start from elsewhere (a recurrence flag): demand numbers, unit, title, body.
    g = request.GET
    form = NoticeForm(request.POST or None, initial={
        "demand_numbers": g.get("demands", ""), "unit": g.get("unit") or None,
        "title": g.get("title", "")[:120], "body": g.get("body", "")[:2000]})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        with refusals(request, form=form) as refused:
            pk = create_once(request, operation="supervision.notice_draft", create=lambda: (
                svc.notice_draft(actor=request.user, unit=d["unit"], demands=d["demand_numbers"],
                                 title=d["title"], body=d["body"], respond_by=d["respond_by"])))
        if not refused:
            messages.success(request, _("督办通知单已草拟。"))
            return redirect("supervision:notice", pk=pk)
    return render(request, "supervision/notice_form.html", {"form": form})


@login_required
def notice_detail(request, pk):
    require(request.user, "core.staff")
    n = selectors.get_notice_for_user(request.user, pk)
    return render(request, "supervision/notice_detail.html", {
        "n": n, "demands": n.demands.select_related("category").order_by("received_at"),
        "actions": [(a, Action(a).label) for a in selectors.notice_available_actions(request.user, n)],
        "events": subject_timeline(n, actions=Action, states=NoticeStatus), "late": selectors.notice_is_late(n), "form": NoteForm(),
    })


@login_required
@require_POST
def notice_action(request, pk, action):
    require(request.user, "core.staff")
    if action not in ACTIONS:
        raise Http404(_("未找到"))
    scope_action = "respond" if action in UNIT_ACTIONS else "change"
    n = selectors.get_notice_for_user(request.user, pk, scope_action)
    text = request.POST.get("text", "")
    with refusals(request) as refused:
        ACTIONS[action](request.user, n, text)
    if not refused:
        messages.success(request, _("已%(action)s。") % {"action": Action(action).label})
    return redirect("supervision:notice", pk=pk)


@login_required
def notice_download(request, pk, fmt):
    require(request.user, "core.staff")
    n = selectors.get_notice_for_user(request.user, pk)
    if fmt == "docx":
        return document_response(notice_docx(n), "docx", n.number or f"督办通知单草稿-{n.pk}")
    if fmt == "pdf":
        return document_response(notice_pdf(n), "pdf", n.number or f"督办通知单草稿-{n.pk}")
    raise Http404(_("未找到"))
